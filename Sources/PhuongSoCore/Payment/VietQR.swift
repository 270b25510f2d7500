/// The EMVCo Merchant-Presented QR payload as NAPAS publishes it for VietQR bank transfers:
/// tag–length–value objects, the beneficiary bank's BIN and account under the NAPAS GUID, the
/// amount in đồng, and the reference (the dossier code) in the additional data, closed by a
/// CRC-16/CCITT-FALSE over everything before it (tag 63 included).
public enum VietQR {
    public struct Account: Sendable, Hashable {
        /// The bank's 6-digit BIN (NAPAS acquirer id), e.g. 970436.
        public var bankBIN: String
        public var accountNumber: String
        /// The account holder's name, shown to the payer before they confirm.
        public var accountName: String
        public init(bankBIN: String, accountNumber: String, accountName: String) {
            self.bankBIN = bankBIN
            self.accountNumber = accountNumber
            self.accountName = accountName
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case invalidAccount, invalidAmount, invalidReference, malformed, badChecksum
    }

    /// NAPAS's globally unique identifier and the service code "transfer to account".
    public static let napasGUID = "A000000727"
    public static let transferToAccount = "QRIBFTTA"

    /// The payload for one transfer of `amount` đồng with `reference` as its content.
    public static func payload(account: Account, amount: Int, reference: String) throws(Problem) -> String {
        guard account.bankBIN.count == 6, account.bankBIN.allSatisfy(\.isASCIIDigit),
            (1...19).contains(account.accountNumber.count),
            account.accountNumber.allSatisfy({ $0.isASCIIDigit || $0.isASCIIUppercaseLetter })
        else { throw .invalidAccount }
        guard amount > 0, amount < 10_000_000_000_000 else { throw .invalidAmount }
        // Bank apps carry the reference into the transfer's content: ASCII letters, digits, '-', '.', ' '.
        guard (1...25).contains(reference.count),
            reference.allSatisfy({
                $0.isASCIIDigit || $0.isASCIIUppercaseLetter || $0.isASCIILowercaseLetter || "-. ".contains($0)
            })
        else { throw .invalidReference }
        let beneficiary = tlv("00", account.bankBIN) + tlv("01", account.accountNumber)
        let merchant = tlv("00", napasGUID) + tlv("01", beneficiary) + tlv("02", transferToAccount)
        var body =
            tlv("00", "01") + tlv("01", "12") + tlv("38", merchant) + tlv("53", "704") + tlv("54", String(amount))
            + tlv("58", "VN") + tlv("62", tlv("08", reference))
        body += "6304"
        return body + crcHex(body)
    }

    /// One object: two-digit tag, two-digit length in characters, value.
    public static func tlv(_ tag: String, _ value: String) -> String {
        let n = value.count
        return tag + (n < 10 ? "0\(n)" : "\(n)") + value
    }

    /// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) over the UTF-8 bytes.
    public static func crc16(_ text: String) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in text.utf8 {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        }
        return crc
    }

    static func crcHex(_ text: String) -> String {
        let hex = String(crc16(text), radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// The top-level objects of a payload, after checking its CRC.
    public static func parse(_ payload: String) throws(Problem) -> [(tag: String, value: String)] {
        guard payload.count >= 8, payload.dropLast(4).hasSuffix("6304") else { throw .malformed }
        guard crcHex(String(payload.dropLast(4))) == String(payload.suffix(4)).uppercased() else { throw .badChecksum }
        return try objects(String(payload.dropLast(8)))
    }

    /// Splits a run of TLV objects (values may nest: parse them again).
    public static func objects(_ text: String) throws(Problem) -> [(tag: String, value: String)] {
        var rest = Substring(text)
        var out: [(String, String)] = []
        while !rest.isEmpty {
            guard rest.count >= 4, let n = Int(rest.dropFirst(2).prefix(2)), rest.count >= 4 + n else {
                throw .malformed
            }
            out.append((String(rest.prefix(2)), String(rest.dropFirst(4).prefix(n))))
            rest = rest.dropFirst(4 + n)
        }
        return out
    }
}

extension Character {
    var isASCIIUppercaseLetter: Bool { isASCII && isUppercase }
    var isASCIILowercaseLetter: Bool { isASCII && isLowercase }
}
