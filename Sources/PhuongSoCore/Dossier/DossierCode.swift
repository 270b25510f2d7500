/// Mã hồ sơ (Thông tư 04/2025/TT-VPCP): `<electronic ID of the deciding agency>-YYMMDD-<daily
/// sequence>`, the date being the receipt date; the sequence restarts at 0001 each day and grows
/// past four digits as needed.
public struct DossierCode: Hashable, Sendable, CustomStringConvertible, Codable {
    public let agency: String
    public let date: LocalDate
    public let sequence: Int

    public init(agency: String, date: LocalDate, sequence: Int) {
        self.agency = agency
        self.date = date
        self.sequence = sequence
    }

    public var description: String {
        let yy = date.year % 100
        let seq = String(sequence)
        return agency + "-" + pad2(yy) + pad2(date.month) + pad2(date.day) + "-"
            + String(repeating: "0", count: max(0, 4 - seq.count)) + seq
    }

    /// Parses a printed code; nil when it is not one.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let seqText = parts[parts.count - 1]
        let dateText = parts[parts.count - 2]
        let agency = parts[0..<(parts.count - 2)].joined(separator: "-")
        guard !agency.isEmpty, dateText.count == 6, seqText.count >= 4, let seq = Int(seqText), seq > 0,
            let yy = Int(dateText.prefix(2)), let mm = Int(dateText.dropFirst(2).prefix(2)),
            let dd = Int(dateText.suffix(2)),
            let date = try? LocalDate(year: 2000 + yy, month: mm, day: dd)
        else { return nil }
        self.init(agency: agency, date: date, sequence: seq)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = DossierCode(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a dossier code: \(text)"))
        }
        self = code
    }
}

/// The short secret printed on the receipt that lets the applicant track the dossier without an
/// account: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
public enum LookupSecret {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Normalizes what a person typed: upper case, spaces and dashes dropped.
    public static func normalize(_ typed: String) -> String {
        String(typed.uppercased().filter { $0 != " " && $0 != "-" })
    }
}
