import Foundation

/// An e-mail as it goes over SMTP (RFC 5322): headers in ASCII, the Vietnamese subject and sender
/// name as RFC 2047 encoded words in UTF-8, the body as UTF-8 plain text in base64, lines ending
/// in CRLF. Dated and identified by the caller (the ward's clock, a fresh id).
public struct MailMessage: Hashable, Sendable {
    public var fromAddress: String
    public var fromName: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Instant
    public var utcOffset: Int
    /// Unique left part of the Message-ID; the sender's domain is added.
    public var messageID: String

    public init(
        fromAddress: String, fromName: String, to: String, subject: String, body: String, date: Instant,
        utcOffset: Int, messageID: String
    ) {
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.utcOffset = utcOffset
        self.messageID = messageID
    }

    /// The message text for SMTP's DATA (before dot-stuffing), CRLF line ends.
    public var rendered: String {
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        let from = fromName.isEmpty ? fromAddress : "\(Self.encodedWords(fromName)) <\(fromAddress)>"
        let headers = [
            "Date: " + Self.rfc5322Date(date, utcOffset: utcOffset),
            "From: " + from,
            "To: " + to,
            "Subject: " + Self.encodedWords(subject),
            "Message-ID: <\(messageID)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    /// `text` as RFC 2047 "B" encoded words, each at most 75 characters and cut between
    /// characters (never inside one), folded onto continuation lines; ASCII text stays as it is.
    public static func encodedWords(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) && !text.contains("=?") { return text }
        // 75 - "=?UTF-8?B?" - "?=" leaves 63 base64 characters: at most 45 bytes of UTF-8.
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in text where !ch.isNewline {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?=" }

    /// "Tue, 14 Apr 2026 09:05:00 +0700".
    public static func rfc5322Date(_ instant: Instant, utcOffset: Int) -> String {
        let t = LocalDateTime(instant, utcOffset: utcOffset)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let s = t.secondOfDay
        let off = abs(utcOffset)
        return "\(days[t.date.weekday - 1]), \(pad2(t.date.day)) \(months[t.date.month - 1]) \(t.date.year) "
            + "\(pad2(s / 3600)):\(pad2(s / 60 % 60)):\(pad2(s % 60)) "
            + (utcOffset < 0 ? "-" : "+") + pad2(off / 3600) + pad2(off / 60 % 60)
    }
}
