import Foundation

/// A course of training (bồi dưỡng) a person attended, as it is recorded.
public struct TrainingInput: Hashable, Sendable {
    public var courseName: String
    public var kind: TrainingKind
    public var organiser: String
    /// nil when not given (or not a date).
    public var from: LocalDate?
    public var to: LocalDate?
    /// The certificate's number or name; empty when none was issued.
    public var certificate: String

    public init(
        courseName: String, kind: TrainingKind, organiser: String, from: LocalDate?, to: LocalDate?,
        certificate: String = ""
    ) {
        self.courseName = courseName
        self.kind = kind
        self.organiser = organiser
        self.from = from
        self.to = to
        self.certificate = certificate
    }

    /// Every problem, in form order; a course is recorded once it has ended (`to` ≤ `today`).
    public func problems(today: LocalDate) -> [StaffRecordProblem] {
        var out: [StaffRecordProblem] = []
        if courseName.isBlank { out.append(.courseNameMissing) }
        if organiser.isBlank { out.append(.organiserMissing) }
        for (day, field) in [(from, "from"), (to, "to")] {
            guard let day else {
                out.append(.dateMissing(field: field))
                continue
            }
            if day > today { out.append(.dateInFuture(field: field)) }
        }
        if let from, let to, to < from { out.append(.endsBeforeStart) }
        return out
    }
}

/// A disciplinary decision about a person, as it is recorded.
public struct DisciplineInput: Hashable, Sendable {
    public var measure: DisciplineMeasure
    /// As the decision is numbered: "15/QĐ-UBND".
    public var decisionNumber: String
    public var decisionDate: LocalDate?
    public var signerName: String
    public var signerTitle: String
    public var reason: String
    /// "Vi phạm liên quan đến thực thi công vụ": the violation concerned the person's duties. Nghị
    /// định 335/2025's exclusion from the higher ratings counts a sanction for such a violation.
    public var relatedToDuty: Bool

    public init(
        measure: DisciplineMeasure, decisionNumber: String, decisionDate: LocalDate?, signerName: String,
        signerTitle: String = "", reason: String, relatedToDuty: Bool
    ) {
        self.measure = measure
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.signerName = signerName
        self.signerTitle = signerTitle
        self.reason = reason
        self.relatedToDuty = relatedToDuty
    }

    /// Every problem, in form order.
    public func problems(today: LocalDate) -> [StaffRecordProblem] {
        var out: [StaffRecordProblem] = []
        let number = decisionNumber.trimmingCharacters(in: .whitespaces)
        if number.isEmpty {
            out.append(.decisionNumberMissing)
        } else if !Self.looksNumbered(number) {
            out.append(.decisionNumberMalformed)
        }
        if let day = decisionDate {
            if day > today { out.append(.dateInFuture(field: "decisionDate")) }
            if let end = measure.abolishedFrom, day >= end { out.append(.measureAbolished(measure)) }
        } else {
            out.append(.dateMissing(field: "decisionDate"))
        }
        if signerName.isBlank { out.append(.signerMissing) }
        if reason.isBlank { out.append(.reasonMissing) }
        return out
    }

    /// A number, a slash and a symbol: "15/QĐ-UBND", "102/2026/QĐ-UBND".
    static func looksNumbered(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, let first = parts.first, !first.isEmpty, first.allSatisfy(\.isNumber) else {
            return false
        }
        return parts.dropFirst().allSatisfy { !$0.isEmpty && !$0.contains(where: \.isWhitespace) }
    }
}
