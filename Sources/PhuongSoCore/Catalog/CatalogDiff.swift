/// What an import would change, procedure by procedure and field by field.
public enum CatalogDiff {
    /// What the office says the file is, chosen before the dry run (issue 12, Build 8).
    public enum Scope: String, Codable, Sendable, CaseIterable {
        /// The whole published catalogue of the unit: a procedure in force that the file lacks
        /// is retired (no longer listed, no longer receivable).
        case whole
        /// Some procedures to add or update: procedures the file lacks are left as they are.
        case some
    }

    public enum Kind: String, Codable, Sendable {
        case added, changed, unchanged
        /// In force before, absent from a whole-catalogue file: retired when applied.
        case retired
        /// Retired before, present in the file again: back in force when applied.
        case restored
    }

    public struct Change: Hashable, Codable, Sendable {
        public let field: String
        public let before: String
        public let after: String
        public init(field: String, before: String, after: String) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    public struct Entry: Hashable, Codable, Sendable {
        public let code: String
        public let name: String
        public let kind: Kind
        public let changes: [Change]
        public init(code: String, name: String, kind: Kind, changes: [Change]) {
            self.code = code
            self.name = name
            self.kind = kind
            self.changes = changes
        }
    }

    /// Compares the catalogue (`current`, with the codes already `retired`) with an incoming
    /// file. Only a whole-catalogue file retires what it lacks; a partial one never mentions
    /// the procedures it does not carry.
    public static func compare(current: [Procedure], retired: Set<String> = [], incoming: [Procedure], scope: Scope)
        -> [Entry]
    {
        let byCode = Dictionary(current.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var entries: [Entry] = incoming.map { new in
            guard let old = byCode[new.code] else {
                return Entry(code: new.code, name: new.name, kind: .added, changes: [])
            }
            let changes = fieldChanges(old, new)
            if retired.contains(new.code) {
                return Entry(code: new.code, name: new.name, kind: .restored, changes: changes)
            }
            return Entry(
                code: new.code, name: new.name, kind: changes.isEmpty ? .unchanged : .changed, changes: changes)
        }
        guard scope == .whole else { return entries }
        let incomingCodes = Set(incoming.map(\.code))
        entries += current.filter { !incomingCodes.contains($0.code) && !retired.contains($0.code) }
            .map { Entry(code: $0.code, name: $0.name, kind: .retired, changes: []) }
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
            (
                "components",
                components.map { $0.notation + ($0.reusable ? " {tái sử dụng}" : "") }.joined(separator: " | ")
            ),
            ("time_limit", timeLimit?.vietnamese ?? ""), ("fee_text", feeText),
            ("fee_amount_vnd", feeAmount.map(String.init) ?? ""),
            ("result", result), ("conditions", conditions), ("legal_basis", legalBases.joined(separator: " | ")),
            ("publishing_decision", publishingDecision), ("online_level", onlineLevel.rawValue),
            ("paper_result_required", paperResultRequired ? "có" : "không"),
            ("supplement_policy", supplementPolicy.rawValue),
            ("consultation_time_excluded", consultationExcluded == true ? "có" : "không"),
            ("source", source), ("notes", notes),
            (
                "internal_process",
                steps.enumerated().map {
                    "\($0.offset + 1). \($0.element.actor): \($0.element.task) (\(Procedure.number($0.element.hours)) giờ)"
                }.joined(separator: " | ")
            ),
        ]
    }

    /// Keeps what an import file does not carry (level, subjects, conditions…) from the version in
    /// force, and its internal process when the import brings none.
    public func merged(over current: Procedure?) -> Procedure {
        guard let current else { return self }
        var p = self
        p.level = current.level
        p.subjects = current.subjects
        p.submissionWays = current.submissionWays
        p.conditions = current.conditions
        p.publishingDecision = current.publishingDecision
        p.paperResultRequired = current.paperResultRequired
        p.supplementPolicy = current.supplementPolicy
        p.consultationExcluded = current.consultationExcluded
        // The file states each component's requirement, form and count; whether the ward can take
        // it from the citizen's data store is the ward's own setting, kept.
        for i in p.components.indices {
            if let old = current.components.first(where: { $0.name == p.components[i].name }) {
                p.components[i].reusable = old.reusable
                if p.components[i].form.isEmpty { p.components[i].form = old.form }
            }
        }
        if p.steps.isEmpty { p.steps = current.steps }
        return p
    }
}
