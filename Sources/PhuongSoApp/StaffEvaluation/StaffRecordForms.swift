import Foundation
import PhuongSoCore
import Vapor

/// The fields of every training and discipline form (adding, correcting, removing), as typed.
/// Dates are typed dd/mm/yyyy (or YYYY-MM-DD); a checkbox sends "yes".
struct StaffRecordForm: Content {
    var course: String?
    var kind: String?
    var organiser: String?
    var from: String?
    var to: String?
    var certificate: String?
    var measure: String?
    var decisionNumber: String?
    var decisionDate: String?
    var signerName: String?
    var signerTitle: String?
    var reason: String?
    var relatedToDuty: String?
    /// Why an entry is corrected or removed.
    var why: String?

    /// The course as typed; a missing or unreadable kind or date is a problem here.
    func training(problems: inout ValidationProblems) -> TrainingInput {
        let kind = TrainingKind(rawValue: self.kind ?? "")
        if kind == nil { problems.add("kind", "Vui lòng chọn loại bồi dưỡng.", "Choose the kind of training.") }
        return TrainingInput(
            courseName: course ?? "", kind: kind ?? .other, organiser: organiser ?? "",
            from: Self.day(from, "from", &problems), to: Self.day(to, "to", &problems),
            certificate: certificate ?? "")
    }

    func discipline(problems: inout ValidationProblems) -> DisciplineInput {
        let measure = DisciplineMeasure(rawValue: self.measure ?? "")
        if measure == nil {
            problems.add("measure", "Vui lòng chọn hình thức kỷ luật.", "Choose the disciplinary measure.")
        }
        return DisciplineInput(
            measure: measure ?? .reprimand, decisionNumber: decisionNumber ?? "",
            decisionDate: Self.day(decisionDate, "decisionDate", &problems), signerName: signerName ?? "",
            signerTitle: signerTitle ?? "", reason: reason ?? "",
            relatedToDuty: ["yes", "on", "true"].contains(relatedToDuty ?? ""))
    }

    /// nil when empty (the core says it is missing) or unreadable (said here).
    static func day(_ raw: String?, _ field: String, _ problems: inout ValidationProblems) -> LocalDate? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        do { return try LocalDate(typed: text) } catch {
            problems.add(
                field, "Ngày không hợp lệ: ghi theo dạng ngày/tháng/năm, ví dụ 05/03/2026.",
                "Not a date: write it as dd/mm/yyyy, e.g. 05/03/2026.")
            return nil
        }
    }

    /// The form of an entry on record, for its correction form.
    init(_ r: StaffTrainingRecord) {
        course = r.courseName
        kind = r.kind.rawValue
        organiser = r.organiser
        from = Format.date(r.fromDate)
        to = Format.date(r.toDate)
        certificate = r.certificate
    }

    init(_ r: StaffDisciplineRecord) {
        measure = r.measure.rawValue
        decisionNumber = r.decisionNumber
        decisionDate = Format.date(r.decisionDate)
        signerName = r.signerName
        signerTitle = r.signerTitle
        reason = r.reason
        relatedToDuty = r.relatedToDuty ? "yes" : nil
    }

    init() {}
}
