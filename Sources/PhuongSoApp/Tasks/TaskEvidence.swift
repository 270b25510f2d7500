import Fluent
import Foundation
import PhuongSoCore

/// What backs a progress report or a submission: a file (checked like every upload), a link to
/// a record in PhuongSo (a path on this site), or a document by number, date and issuer.
package enum TaskEvidence: Codable, Sendable, Hashable {
    case file(file: FileStore.Stored)
    case link(path: String, label: String)
    case document(number: String, date: String, issuer: String)

    /// A link must stay on this site: a path, not an address elsewhere.
    package static func validatedLink(_ raw: String, label: String) throws -> TaskEvidence {
        let path = raw.trimmingCharacters(in: .whitespaces)
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.count <= 500,
            !path.unicodeScalars.contains(where: { $0.value < 0x20 })
        else {
            throw AppError.invalid(
                field: "link",
                vi: "Liên kết phải là một đường dẫn trong PhuongSo, bắt đầu bằng “/”, ví dụ /reports/matrix.",
                en: "A link must be a path within PhuongSo starting with “/”, e.g. /reports/matrix.")
        }
        let text = label.trimmingCharacters(in: .whitespaces)
        return .link(path: path, label: String((text.isEmpty ? path : text).prefix(200)))
    }

    /// A document needs its number; the date, when given, is a real date.
    package static func validatedDocument(number: String, date: String, issuer: String) throws -> TaskEvidence {
        let n = number.trimmingCharacters(in: .whitespaces)
        let d = date.trimmingCharacters(in: .whitespaces)
        guard !n.isEmpty, n.count <= 100 else {
            throw AppError.invalid(
                field: "docNumber", vi: "Cần số hiệu văn bản (ví dụ 12/KH-UBND).",
                en: "The document number is required (e.g. 12/KH-UBND).")
        }
        if !d.isEmpty {
            do { _ = try LocalDate(parsing: d) } catch {
                throw AppError.invalid(
                    field: "docDate", vi: "Ngày văn bản “\(d)” không hợp lệ.",
                    en: "The document date “\(d)” is not a valid date.")
            }
        }
        return .document(number: n, date: d, issuer: String(issuer.trimmingCharacters(in: .whitespaces).prefix(200)))
    }
}

/// A message waiting to reach a person: written in the same transaction as the change it reports;
/// delivery (e-mail, SMS) reads it from here. Until then it shows in the recipient's workspace.
package final class OutboxRecord: Model, @unchecked Sendable {
    package static let schema = "outbox"
    @ID(key: .id) package var id: UUID?
    @Field(key: "at_seconds") package var atSeconds: Int64
    @OptionalParent(key: "recipient_id") package var recipient: UserRecord?
    @Field(key: "kind") package var kind: String
    @Field(key: "subject") package var subject: String
    @Field(key: "body") package var body: String
    /// Where the message leads on this site.
    @Field(key: "link") package var link: String
    @OptionalField(key: "related_id") package var relatedID: UUID?
    /// One message per event: a second write of the same key is ignored.
    @Field(key: "dedupe_key") package var dedupeKey: String
    @OptionalField(key: "delivered_at_seconds") package var deliveredAtSeconds: Int64?
    package init() {}
    package init(
        at: Int64, recipientID: UUID?, kind: String, subject: String, body: String, link: String, relatedID: UUID?,
        dedupeKey: String
    ) {
        atSeconds = at
        $recipient.id = recipientID
        self.kind = kind
        self.subject = subject
        self.body = body
        self.link = link
        self.relatedID = relatedID
        self.dedupeKey = dedupeKey
    }
}
