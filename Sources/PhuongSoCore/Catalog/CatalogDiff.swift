/// What an import would change, procedure by procedure and field by field.
public enum CatalogDiff {
    public enum Kind: String, Codable, Sendable { case added, changed, unchanged, removed }

    public struct Change: Hashable, Codable, Sendable {
        public let field: String
        public let before: String
        public let after: String
        public init(field: String, before: String, after: String) { self.field = field; self.before = before; self.after = after }
    }

    public struct Entry: Hashable, Codable, Sendable {
        public let code: String
        public let name: String
        public let kind: Kind
        public let changes: [Change]
    }

    /// Compares the catalogue in force with an incoming one. Procedures missing from the import
    /// are reported as `removed` (no longer present), not deleted.
    public static func compare(current: [Procedure], incoming: [Procedure]) -> [Entry] {
        let byCode = Dictionary(current.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var entries: [Entry] = incoming.map { new in
            guard let old = byCode[new.code] else { return Entry(code: new.code, name: new.name, kind: .added, changes: []) }
            let changes = fieldChanges(old, new)
            return Entry(code: new.code, name: new.name, kind: changes.isEmpty ? .unchanged : .changed, changes: changes)
        }
        let incomingCodes = Set(incoming.map(\.code))
        entries += current.filter { !incomingCodes.contains($0.code) }.map { Entry(code: $0.code, name: $0.name, kind: .removed, changes: []) }
        return entries
    }

    public static func fieldChanges(_ old: Procedure, _ new: Procedure) -> [Change] {
        zip(old.displayFields, new.displayFields).compactMap { a, b in
            a.value == b.value ? nil : Change(field: a.name, before: a.value, after: b.value)
        }
    }
}

extension Procedure {
    /// Every field as (name, text), in a fixed order: what the diff and version history compare.
    public var displayFields: [(name: String, value: String)] {
        [
            ("name", name), ("field", field), ("level", level), ("agency", agency), ("subjects", subjects),
            ("submission_ways", submissionWays),
            ("components", components.map { c in c.name + (c.form.isEmpty ? "" : " [\(c.form)]") + (c.count == 1 ? "" : " ×\(c.count)") + (c.reusable ? " (tái sử dụng)" : "") }.joined(separator: " | ")),
            ("time_limit", timeLimit?.vietnamese ?? ""), ("fee_text", feeText), ("fee_amount_vnd", feeAmount.map(String.init) ?? ""),
            ("result", result), ("conditions", conditions), ("legal_basis", legalBases.joined(separator: " | ")),
            ("publishing_decision", publishingDecision), ("online_level", onlineLevel.rawValue),
            ("paper_result_required", paperResultRequired ? "có" : "không"), ("supplement_policy", supplementPolicy.rawValue),
            ("consultation_time_excluded", consultationExcluded == true ? "có" : "không"),
            ("source", source), ("notes", notes),
            ("internal_process", steps.enumerated().map { "\($0.offset + 1). \($0.element.actor): \($0.element.task) (\(Procedure.number($0.element.hours)) giờ)" }.joined(separator: " | ")),
        ]
    }

    /// Keeps what an import file does not carry (level, subjects, conditions…) from the version in
    /// force, and its internal process when the import brings none.
    public func merged(over current: Procedure?) -> Procedure {
        guard let current else { return self }
        var p = self
        p.level = current.level; p.subjects = current.subjects; p.submissionWays = current.submissionWays
        p.conditions = current.conditions; p.publishingDecision = current.publishingDecision
        p.paperResultRequired = current.paperResultRequired; p.supplementPolicy = current.supplementPolicy
        p.consultationExcluded = current.consultationExcluded
        for i in p.components.indices {
            if let old = current.components.first(where: { $0.name == p.components[i].name }) {
                p.components[i].count = old.count; p.components[i].reusable = old.reusable
                if p.components[i].form.isEmpty { p.components[i].form = old.form }
            }
        }
        if p.steps.isEmpty { p.steps = current.steps }
        return p
    }
}
