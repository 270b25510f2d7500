import Foundation

/// A disciplinary measure (hình thức kỷ luật) against a civil servant (công chức).
///
/// Nghị định 172/2025/NĐ-CP (xử lý kỷ luật cán bộ, công chức), in force from 01/07/2025, keeps four
/// measures for công chức: khiển trách, cảnh cáo, cách chức (only for those holding a leading or
/// managing post) and buộc thôi việc; it drops giáng chức and hạ bậc lương, which Nghị định
/// 112/2020/NĐ-CP had. Found in secondary sources only (Báo Nhân Dân, thuonghieuquocgia.nhandan.vn,
/// "4 hình thức xử lý kỷ luật đối với cán bộ, công chức theo nghị định mới"; tuyencongchuc.vn), not in
/// the decree's text; the article of Luật Cán bộ, công chức 2025 listing the measures was not found.
/// The two dropped measures are kept so decisions made before 01/07/2025 can be recorded; a
/// decision dated from that day with one of them is refused.
public enum DisciplineMeasure: String, CaseIterable, Codable, Sendable {
    case reprimand
    case warning
    case salaryReduction = "salary-reduction"
    case demotion
    case removalFromOffice = "removal-from-office"
    case dismissal

    /// The day Nghị định 172/2025/NĐ-CP took effect and dropped giáng chức and hạ bậc lương.
    public static let decree172EffectiveFrom = LocalDate(unchecked: 2025, 7, 1)

    /// The measures in force, mildest first.
    public static let inForce: [DisciplineMeasure] = [.reprimand, .warning, .removalFromOffice, .dismissal]

    /// From this day a decision may no longer impose the measure (the two dropped by Nghị định 172).
    public var abolishedFrom: LocalDate? {
        switch self {
        case .salaryReduction, .demotion: return Self.decree172EffectiveFrom
        case .reprimand, .warning, .removalFromOffice, .dismissal: return nil
        }
    }

    public var vietnamese: String {
        switch self {
        case .reprimand: return "Khiển trách"
        case .warning: return "Cảnh cáo"
        case .salaryReduction: return "Hạ bậc lương"
        case .demotion: return "Giáng chức"
        case .removalFromOffice: return "Cách chức"
        case .dismissal: return "Buộc thôi việc"
        }
    }

    public var english: String {
        switch self {
        case .reprimand: return "Reprimand"
        case .warning: return "Warning"
        case .salaryReduction: return "Salary grade reduction"
        case .demotion: return "Demotion"
        case .removalFromOffice: return "Removal from office"
        case .dismissal: return "Dismissal"
        }
    }
}

/// What a course of training (bồi dưỡng) was for.
public enum TrainingKind: String, CaseIterable, Codable, Sendable {
    /// Bồi dưỡng theo tiêu chuẩn ngạch công chức, chức danh (the rank's or post's standard).
    case rankStandard = "rank-standard"
    /// Bồi dưỡng kiến thức quản lý nhà nước.
    case stateManagement = "state-management"
    /// Bồi dưỡng chuyên môn, nghiệp vụ.
    case professional
    case other

    public var vietnamese: String {
        switch self {
        case .rankStandard: return "Bồi dưỡng theo tiêu chuẩn ngạch, chức danh"
        case .stateManagement: return "Bồi dưỡng kiến thức quản lý nhà nước"
        case .professional: return "Bồi dưỡng chuyên môn, nghiệp vụ"
        case .other: return "Khác"
        }
    }

    public var english: String {
        switch self {
        case .rankStandard: return "Training for the rank's or post's standard"
        case .stateManagement: return "State management training"
        case .professional: return "Professional training"
        case .other: return "Other"
        }
    }
}

/// Why a training or discipline entry cannot be recorded; `field` names the form field it belongs to.
public enum StaffRecordProblem: Error, Hashable, Sendable {
    case courseNameMissing
    case organiserMissing
    case dateMissing(field: String)
    case dateInFuture(field: String)
    case endsBeforeStart
    case decisionNumberMissing
    /// Not "number/symbol" as decisions are numbered (15/QĐ-UBND).
    case decisionNumberMalformed
    case signerMissing
    case reasonMissing
    case measureAbolished(DisciplineMeasure)

    public var field: String {
        switch self {
        case .courseNameMissing: return "course"
        case .organiserMissing: return "organiser"
        case .dateMissing(let f), .dateInFuture(let f): return f
        case .endsBeforeStart: return "to"
        case .decisionNumberMissing, .decisionNumberMalformed: return "decisionNumber"
        case .signerMissing: return "signerName"
        case .reasonMissing: return "reason"
        case .measureAbolished: return "measure"
        }
    }

    public var vietnamese: String {
        switch self {
        case .courseNameMissing: return "Vui lòng nhập tên khóa bồi dưỡng."
        case .organiserMissing: return "Vui lòng nhập cơ sở tổ chức bồi dưỡng."
        case .dateMissing: return "Vui lòng nhập ngày (ngày/tháng/năm)."
        case .dateInFuture: return "Ngày này chưa đến: chỉ ghi việc đã diễn ra."
        case .endsBeforeStart: return "Ngày kết thúc không thể trước ngày bắt đầu."
        case .decisionNumberMissing: return "Vui lòng nhập số quyết định."
        case .decisionNumberMalformed: return "Số quyết định ghi theo dạng số/ký hiệu, ví dụ 15/QĐ-UBND."
        case .signerMissing: return "Vui lòng nhập họ tên người ký quyết định."
        case .reasonMissing: return "Vui lòng ghi lý do kỷ luật."
        case .measureAbolished(let m):
            return "Hình thức “\(m.vietnamese)” không còn áp dụng với công chức từ ngày 01/07/2025 "
                + "(Nghị định 172/2025/NĐ-CP)."
        }
    }

    public var english: String {
        switch self {
        case .courseNameMissing: return "Enter the course's name."
        case .organiserMissing: return "Enter who organised the course."
        case .dateMissing: return "Enter the date (dd/mm/yyyy)."
        case .dateInFuture: return "This date has not come yet: record only what has happened."
        case .endsBeforeStart: return "The course cannot end before it starts."
        case .decisionNumberMissing: return "Enter the decision's number."
        case .decisionNumberMalformed: return "Write the decision's number as number/symbol, e.g. 15/QĐ-UBND."
        case .signerMissing: return "Enter the name of who signed the decision."
        case .reasonMissing: return "Enter the reason for the measure."
        case .measureAbolished(let m):
            return "“\(m.english)” no longer applies to civil servants from 01/07/2025 (Decree 172/2025/NĐ-CP)."
        }
    }
}
