import Foundation
import Testing

@testable import PhuongSoCore

@Suite struct MailMessageTests {
    /// Decodes the encoded words of a header value back to text (what a mail reader does).
    func decode(_ header: String) -> String {
        header.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "?==?UTF-8?B?").joined(
            separator: "?=\u{0}=?UTF-8?B?"
        ).split(separator: "\u{0}").map { w -> String in
            let s = String(w)
            guard s.hasPrefix("=?UTF-8?B?"), s.hasSuffix("?=") else { return s }
            let b64 = String(s.dropFirst(10).dropLast(2))
            return String(decoding: Data(base64Encoded: b64)!, as: UTF8.self)
        }.joined()
    }

    @Test func aVietnameseSubjectIsEncodedInWordsOfAtMost75CharactersCutBetweenCharacters() {
        // setup
        let subject = "Hồ sơ đã có kết quả: 000.00.31.H42-260413-0001 — mời ông/bà đến nhận tại Bộ phận Một cửa"
        // act
        let encoded = MailMessage.encodedWords(subject)
        // check
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        #expect(encoded.allSatisfy { $0.isASCII })
        #expect(decode(encoded) == subject)
        #expect(MailMessage.encodedWords("Plain ASCII") == "Plain ASCII")
    }

    @Test func theMessageHasDateMessageIDUTF8PlainTextAndABase64Body() {
        // setup
        let m = MailMessage(
            fromAddress: "motcua@phuong.example", fromName: "UBND phường Hải Châu", to: "a@b.vn",
            subject: "Hồ sơ đã có kết quả", body: "Kính gửi ông/bà,\nHồ sơ đã có kết quả.",
            date: try! LocalDateTime(parsing: "2026-04-14T09:05").instant, utcOffset: 7 * 3600, messageID: "abc")
        // act
        let text = m.rendered
        // check
        let (head, body) = (text.components(separatedBy: "\r\n\r\n")[0], text.components(separatedBy: "\r\n\r\n")[1])
        #expect(head.contains("Date: Tue, 14 Apr 2026 09:05:00 +0700"))
        #expect(head.contains("Message-ID: <abc@phuong.example>"))
        #expect(head.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(head.contains("Content-Transfer-Encoding: base64"))
        #expect(head.contains("From: =?UTF-8?B?") && head.contains(" <motcua@phuong.example>"))
        #expect(text.allSatisfy { $0.isASCII })
        let decoded = String(
            decoding: Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
        #expect(decoded == "Kính gửi ông/bà,\r\nHồ sơ đã có kết quả.")
        #expect(body.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test func failuresReadAsVietnameseReasonsThatExplainTheServersCode() {
        // check
        #expect(
            DeliveryFailure.mailRefused(code: 550, command: "RCPT").vietnamese.contains("từ chối địa chỉ người nhận"))
        #expect(DeliveryFailure.mailRefused(code: 550, command: "RCPT").vietnamese.contains("mã 550: hộp thư"))
        #expect(DeliveryFailure.mailRefused(code: 451, command: "DATA").vietnamese.contains("tạm thời"))
        #expect(DeliveryFailure.mailRefused(code: 535, command: "AUTH").vietnamese.contains("sai tên hoặc mật khẩu"))
        #expect(DeliveryFailure.unreachable.vietnamese.hasPrefix("Không kết nối được"))
        #expect(DeliveryFailure.gatewayRefused(status: 401).vietnamese.contains("sai khóa"))
    }
}
