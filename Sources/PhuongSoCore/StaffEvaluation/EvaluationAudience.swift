/// Whom a scheme rates. Which text rates whom changes (DOMAIN §12), so the scorecard looks up the
/// scheme in force for a person's audience rather than naming a text.
public enum EvaluationAudience: String, Codable, Sendable, CaseIterable {
    /// Công chức: Luật Cán bộ, công chức 80/2025/QH15 and Nghị định 335/2025/NĐ-CP (100 points).
    case civilServants = "civil-servants"
    /// Chủ tịch UBND cấp xã: the province's own sheet for the head of a ward or commune
    /// (Hải Phòng QĐ 212/2025/QĐ-UBND Phụ lục 01).
    case chairmen

    public var vietnamese: String {
        switch self {
        case .civilServants: return "Công chức"
        case .chairmen: return "Chủ tịch UBND cấp xã"
        }
    }

    public var english: String {
        switch self {
        case .civilServants: return "Civil servants"
        case .chairmen: return "Chairmen of commune-level People's Committees"
        }
    }
}
