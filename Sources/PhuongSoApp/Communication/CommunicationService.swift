import Fluent
import Foundation
import PhuongSoCore

/// The one writer of the communication log: checks an activity field by field (all problems at
/// once), keeps its evidence file through `FileStore`, and stores it with its audit line.
package enum CommunicationService {
    /// An activity as the form or the API sends it, as typed.
    package struct Input: Codable, Sendable {
        package var date: String = ""
        package var form: String = ""
        package var title: String = ""
        package var audience: String = ""
        package var participants: String = ""
        package var content: String = ""
        package var documentNumber: String = ""
        package var documentDate: String = ""
        package var link: String = ""
        package var linkLabel: String = ""
        package init() {}
    }

    /// An evidence file as uploaded: its bytes, the name it had, and the store that checks and keeps it.
    package struct Upload: Sendable {
        package var bytes: [UInt8]
        package var name: String
        package var store: FileStore
        package init(bytes: [UInt8], name: String, store: FileStore) {
            self.bytes = bytes
            self.name = name
            self.store = store
        }
    }

    package static func create(
        _ input: Input, file upload: Upload?, unit: UnitRecord, by user: CurrentUser, today: LocalDate,
        actor: AuditActor, now: Date, on db: Database
    ) async throws -> CommunicationRecord {
        var p = ValidationProblems()
        let date = InspectionService.day(
            input.date, field: "date", label: "Ngày tổ chức", labelEN: "The date", required: true, into: &p)
        if let date, date > today {
            p.add(
                "date",
                "Ngày \(date.vietnamese) chưa đến (hôm nay là \(today.vietnamese)): nhật ký chỉ ghi hoạt động đã diễn ra.",
                "The date is after today: the log records what has taken place.")
        }
        let form = CommunicationForm(rawValue: input.form)
        if form == nil { p.add("form", "Cần chọn hình thức tuyên truyền.", "Choose the form of the activity.") }
        let title = Validate.text(
            input.title, field: "title", label: ("Tên hoạt động", "The activity title"), max: 300, into: &p)
        let audience = Validate.text(
            input.audience, field: "audience", label: ("Đối tượng", "The audience"), max: 300, into: &p)
        let participants = count(input.participants, into: &p)
        let content = InspectionService.longText(
            input.content, field: "content", label: ("Nội dung", "The content"), into: &p)
        let number = Validate.text(
            input.documentNumber, field: "documentNumber", label: ("Số hiệu văn bản", "The document number"), max: 100,
            required: false, into: &p)
        let documentDate = InspectionService.day(
            input.documentDate, field: "documentDate", label: "Ngày văn bản", labelEN: "The document date",
            required: false, into: &p)
        if documentDate != nil && number.isEmpty {
            p.add("documentNumber", "Cần số hiệu của văn bản đã nhập ngày.", "The document needs its number.")
        }
        let link = checkedLink(input.link, into: &p)
        let label = Validate.text(
            input.linkLabel, field: "linkLabel", label: ("Tên liên kết", "Link label"), max: 200, required: false,
            into: &p)
        if number.isEmpty && link.isEmpty && upload == nil
            && !p.messages.keys.contains(where: { ["documentNumber", "link"].contains($0) })
        {
            p.add(
                "evidence",
                "Cần ít nhất một minh chứng: số văn bản, liên kết đến trang trong PhuongSo, hoặc tệp đính kèm.",
                "Give at least one piece of evidence: a document number, a link within PhuongSo, or a file.")
        }
        // The file is kept only when everything else is right: a refused form stores nothing.
        var stored: FileStore.Stored?
        if let upload {
            if p.isEmpty {
                do { stored = try await upload.store.store(upload.bytes, originalName: upload.name) } catch let e
                    as FileStore.Problem
                { p.add("file", e.vi, e.en) }
            } else {
                p.add(
                    "file", "Tệp chưa được lưu: vui lòng chọn lại tệp sau khi sửa các lỗi khác.",
                    "The file was not kept: choose it again after fixing the rest.")
            }
        }
        try p.throwIfAny()
        let r = CommunicationRecord()
        r.$unit.id = try unit.requireID()
        r.date = date!.description
        r.form = form!
        r.title = title
        r.audience = audience
        r.participants = participants
        r.content = content
        r.documentNumber = number
        r.documentDate = documentDate?.description
        r.link = link
        r.linkLabel = link.isEmpty ? "" : (label.isEmpty ? link : label)
        r.fileJSON = try stored.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) } ?? ""
        r.$createdBy.id = user.id
        r.createdAtSeconds = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.create(on: tx)
            return (
                AuditedChange(
                    action: "communication.create", entity: "communication",
                    entityID: "\(unit.code)/\(r.date)/\(r.form.rawValue)",
                    before: String?.none, after: Snapshot(r)), r
            )
        }
    }

    /// Participants: empty (not counted) or a whole number from 0.
    static func count(_ raw: String, into p: inout ValidationProblems) -> Int? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let n = Int(text) else {
            p.add(
                "participants", "Số người tham dự “\(String(text.prefix(12)))” không phải là một số.",
                "The number of participants is not a number.")
            return nil
        }
        guard n >= 0 else {
            p.add(
                "participants", "Số người tham dự không được là số âm (\(n)).",
                "The number of participants cannot be negative.")
            return nil
        }
        guard n <= 1_000_000 else {
            p.add(
                "participants", "Số người tham dự (\(n)) lớn bất thường: vui lòng kiểm tra lại.",
                "The number of participants is implausibly large.")
            return nil
        }
        return n
    }

    /// A link must stay on this site: a path such as /inspections/…, not an address elsewhere.
    static func checkedLink(_ raw: String, into p: inout ValidationProblems) -> String {
        let path = raw.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { return "" }
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.count <= 500,
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == " " })
        else {
            p.add(
                "link", "Liên kết phải là một đường dẫn trong PhuongSo, bắt đầu bằng “/”, ví dụ /inspections.",
                "A link must be a path within PhuongSo starting with “/”, e.g. /inspections.")
            return ""
        }
        return path
    }

    struct Snapshot: Encodable {
        let date: String, form: String, title: String, audience: String, participants: Int?, content: String
        let documentNumber: String, documentDate: String?, link: String, file: String
        init(_ r: CommunicationRecord) {
            date = r.date
            form = r.form.rawValue
            title = r.title
            audience = r.audience
            participants = r.participants
            content = r.content
            documentNumber = r.documentNumber
            documentDate = r.documentDate
            link = r.link
            file = r.fileJSON
        }
    }
}
