import Foundation

/// A number PhuongSo computes from its record for one person and one period, which a computed
/// criterion turns into points. The names say what is counted; the app's queries count it (one
/// query per figure, linked to the records behind it).
///
/// Tasks are counted as `TaskFigures` counts them: assigned = not cancelled; completed = accepted
/// (quantity); meeting requirements = accepted as meeting requirements (quality); on schedule =
/// accepted and submitted by the original deadline (progress). The `plan…` figures count the tasks
/// of the year's work programme (bound to a plan), the `directed…` figures every other task — each
/// given by a leader or the office through PhuongSo: a direction, a follow-up of an inspection,
/// feedback, dialogue or a PAR deduction — which is how the Hải Phòng sheet splits them (II.3 the
/// work programme, II.4 tasks given by the leaders' directing); our reading, marked [P] in
/// docs/STAFF-EVALUATION.md.
public enum EvaluationFigure: String, Codable, Sendable, CaseIterable, Comparable {
    case tasksAssigned = "tasks-assigned"
    case tasksCompleted = "tasks-completed"
    case tasksMeetingRequirements = "tasks-meeting-requirements"
    case tasksOnSchedule = "tasks-on-schedule"
    /// Σ over assigned tasks of max(0, 1 − 25% × unexcused major quality errors) — Nghị định
    /// 335/2025 (see `TaskCredit`).
    case tasksQualityCredit = "tasks-quality-credit"
    /// Σ over assigned tasks of max(0, 1 − 25% × unexcused delays) — Nghị định 335/2025.
    case tasksProgressCredit = "tasks-progress-credit"
    case planTasksAssigned = "plan-tasks-assigned"
    case planTasksCompleted = "plan-tasks-completed"
    case planTasksMeetingRequirements = "plan-tasks-meeting-requirements"
    case planTasksOnSchedule = "plan-tasks-on-schedule"
    case directedTasksAssigned = "directed-tasks-assigned"
    case directedTasksCompleted = "directed-tasks-completed"
    case directedTasksMeetingRequirements = "directed-tasks-meeting-requirements"
    case directedTasksOnSchedule = "directed-tasks-on-schedule"
    case dossierStepsHandled = "dossier-steps-handled"
    case dossierStepsOnTime = "dossier-steps-on-time"
    case apologiesCaused = "apologies-caused"
    case unhappyRatings = "unhappy-ratings"
    case feedbackUpheld = "feedback-upheld"
    case feedbackAnsweredOnTime = "feedback-answered-on-time"
    case parDeductionsAssigned = "par-deductions-assigned"
    case parDeductionsRemedied = "par-deductions-remedied"
    case breakthroughTasksDone = "breakthrough-tasks-done"
    /// 1 when the ward's published PAR Index is at or above the province's average, 0 below;
    /// not applicable before the province publishes it.
    case parIndexAboveProvinceAverage = "par-index-above-province-average"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var vietnamese: String {
        switch self {
        case .tasksAssigned: return "Số công việc được giao"
        case .tasksCompleted: return "Số công việc hoàn thành"
        case .tasksMeetingRequirements: return "Số công việc hoàn thành đạt yêu cầu"
        case .tasksOnSchedule: return "Số công việc hoàn thành đúng tiến độ"
        case .tasksQualityCredit: return "Số công việc đạt chất lượng (đã trừ 25% mỗi lần sai sót lớn)"
        case .tasksProgressCredit: return "Số công việc đúng tiến độ (đã trừ 25% mỗi lần chậm)"
        case .planTasksAssigned: return "Số công việc trong chương trình công tác được giao"
        case .planTasksCompleted: return "Số công việc trong chương trình công tác hoàn thành"
        case .planTasksMeetingRequirements: return "Số công việc trong chương trình công tác đạt yêu cầu"
        case .planTasksOnSchedule: return "Số công việc trong chương trình công tác đúng tiến độ"
        case .directedTasksAssigned: return "Số công việc giao qua văn bản chỉ đạo"
        case .directedTasksCompleted: return "Số công việc giao qua văn bản chỉ đạo hoàn thành"
        case .directedTasksMeetingRequirements: return "Số công việc giao qua văn bản chỉ đạo đạt yêu cầu"
        case .directedTasksOnSchedule: return "Số công việc giao qua văn bản chỉ đạo đúng tiến độ"
        case .dossierStepsHandled: return "Số bước xử lý hồ sơ đã thực hiện"
        case .dossierStepsOnTime: return "Số bước xử lý hồ sơ đúng hạn hoặc trước hạn"
        case .apologiesCaused: return "Số thư xin lỗi do mình gây chậm"
        case .unhappyRatings: return "Số đánh giá không hài lòng"
        case .feedbackUpheld: return "Số phản ánh về mình được xác định đúng"
        case .feedbackAnsweredOnTime: return "Số phản ánh trả lời đúng hạn"
        case .parDeductionsAssigned: return "Số nội dung bị trừ điểm CCHC được giao khắc phục"
        case .parDeductionsRemedied: return "Số nội dung bị trừ điểm CCHC đã khắc phục"
        case .breakthroughTasksDone: return "Số nhiệm vụ đột phá hoàn thành"
        case .parIndexAboveProvinceAverage: return "Chỉ số CCHC từ mức trung bình của tỉnh, thành phố trở lên"
        }
    }

    public var english: String {
        switch self {
        case .tasksAssigned: return "Tasks assigned"
        case .tasksCompleted: return "Tasks completed"
        case .tasksMeetingRequirements: return "Tasks meeting requirements"
        case .tasksOnSchedule: return "Tasks on schedule"
        case .tasksQualityCredit: return "Tasks' quality credit (25% off per major error)"
        case .tasksProgressCredit: return "Tasks' progress credit (25% off per delay)"
        case .planTasksAssigned: return "Work-programme tasks assigned"
        case .planTasksCompleted: return "Work-programme tasks completed"
        case .planTasksMeetingRequirements: return "Work-programme tasks meeting requirements"
        case .planTasksOnSchedule: return "Work-programme tasks on schedule"
        case .directedTasksAssigned: return "Directed tasks assigned"
        case .directedTasksCompleted: return "Directed tasks completed"
        case .directedTasksMeetingRequirements: return "Directed tasks meeting requirements"
        case .directedTasksOnSchedule: return "Directed tasks on schedule"
        case .dossierStepsHandled: return "Dossier steps handled"
        case .dossierStepsOnTime: return "Dossier steps on time or early"
        case .apologiesCaused: return "Apologies caused"
        case .unhappyRatings: return "Unhappy ratings"
        case .feedbackUpheld: return "Feedback about them upheld"
        case .feedbackAnsweredOnTime: return "Feedback answered on time"
        case .parDeductionsAssigned: return "PAR deductions assigned to remedy"
        case .parDeductionsRemedied: return "PAR deductions remedied"
        case .breakthroughTasksDone: return "Breakthrough tasks done"
        case .parIndexAboveProvinceAverage: return "PAR Index at or above the province's average"
        }
    }
}

/// A figure's value for the period: a number, or "not applicable" (nothing of the kind was
/// assigned, or the province has not published it), which is not zero.
public enum EvaluationFigureValue: Hashable, Sendable, Codable {
    case value(Decimal)
    case notApplicable

    public static func count(_ n: Int) -> Self { .value(Decimal(n)) }
}

/// Nghị định 335/2025/NĐ-CP: each time a product is found short of quality for a major error, or
/// late, 25% of that product's quality or progress points is deducted, unless the competent person
/// confirms an objective cause. A task's credit is what is left of its one share, never below 0.
public enum TaskCredit {
    public static func credit(deductions: Int) -> Decimal {
        max(0, 1 - Decimal(deductions * 25) / 100)
    }
}
