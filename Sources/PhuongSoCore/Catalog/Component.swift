/// A document of a procedure's dossier (thành phần hồ sơ), as the published procedure lists it:
/// whether it is always needed, needed only in a named case, or optional; the form it is handed in
/// (bản chính, bản sao, bản sao có chứng thực…) and how many.
public struct Component: Hashable, Sendable {
    /// Whether a dossier must contain the document (Nghị định 118/2025/NĐ-CP Điều 15: the
    /// counter asks only for what the published procedure requires).
    public enum Requirement: Hashable, Sendable {
        /// Every dossier of the procedure contains it.
        case required
        /// Needed only in the case named, in Vietnamese as published ("Trường hợp trẻ em bị bỏ
        /// rơi"); the clerk or the applicant says whether the case applies.
        case conditional(String)
        /// The applicant may add it; its absence never stops intake.
        case optional
    }

    public var name: String
    /// "bản chính", "bản sao", "bản chính hoặc bản sao có chứng thực"…, or empty when the
    /// published text does not say.
    public var form: String
    public var count: Int
    /// Whether it can be taken from the citizen's data store instead of asked again.
    public var reusable: Bool
    public var requirement: Requirement

    public init(
        name: String, form: String = "", count: Int = 1, reusable: Bool = false, requirement: Requirement = .required
    ) {
        self.name = name
        self.form = form
        self.count = count
        self.reusable = reusable
        self.requirement = requirement
    }

    /// The case this component belongs to, if it is conditional.
    public var condition: String? {
        if case .conditional(let c) = requirement { return c }
        return nil
    }

    public var isOptional: Bool { requirement == .optional }

    /// Whether a dossier in which these cases apply must contain it.
    public func isNeeded(cases: Set<String>) -> Bool {
        switch requirement {
        case .required: return true
        case .conditional(let c): return cases.contains(c)
        case .optional: return false
        }
    }

    /// "02 bản sao", "bản chính", or "" when the text gives neither form nor a count above one.
    public var formAndCount: String {
        let n = count == 1 ? "" : (count < 10 ? "0\(count)" : String(count))
        return [n, form].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// Stored versions written before components had a requirement still read: a missing
/// `requirement` means required (that is how they were used), a missing form empty, count one.
extension Component: Codable {
    enum CodingKeys: String, CodingKey { case name, form, count, reusable, requirement, condition }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        form = try c.decodeIfPresent(String.self, forKey: .form) ?? ""
        count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 1
        reusable = try c.decodeIfPresent(Bool.self, forKey: .reusable) ?? false
        switch try c.decodeIfPresent(String.self, forKey: .requirement) ?? "required" {
        case "required": requirement = .required
        case "optional": requirement = .optional
        case "conditional": requirement = .conditional(try c.decodeIfPresent(String.self, forKey: .condition) ?? "")
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .requirement, in: c, debugDescription: "unknown requirement '\(other)'")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(form, forKey: .form)
        try c.encode(count, forKey: .count)
        try c.encode(reusable, forKey: .reusable)
        switch requirement {
        case .required: try c.encode("required", forKey: .requirement)
        case .optional: try c.encode("optional", forKey: .requirement)
        case .conditional(let condition):
            try c.encode("conditional", forKey: .requirement)
            try c.encode(condition, forKey: .condition)
        }
    }
}

extension Array where Element == Component {
    /// The cases named by the conditional components, once each, in the order published.
    public var cases: [String] {
        var seen = Set<String>()
        return compactMap(\.condition).filter { seen.insert($0).inserted }
    }

    /// The components a dossier must contain when these cases apply.
    public func needed(cases: Set<String>) -> [Component] { filter { $0.isNeeded(cases: cases) } }

    /// Names of the needed components not handed in, in the published order.
    public func missing(submitted: Set<String>, cases: Set<String>) -> [String] {
        needed(cases: cases).map(\.name).filter { !submitted.contains($0) }
    }

    /// The checklist of one dossier: required ones, those of the cases that apply, and optional
    /// ones (the conditional components of other cases are left out).
    public func applying(cases: Set<String>) -> [Component] {
        filter { c in c.condition.map(cases.contains) ?? true }
    }
}
