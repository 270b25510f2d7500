import Fluent
import Foundation
import PhuongSoCore

/// Where a periodic CCHC report stands. The office writes while it is a draft or returned; a
/// submitted report waits for the province; an accepted one is locked with its figures frozen.
package enum ReformReportStatus: String, Codable, Sendable, CaseIterable {
    case draft, submitted, returned, accepted

    package var vietnamese: String {
        switch self {
        case .draft: return "Đang soạn"
        case .submitted: return "Đã gửi, chờ tỉnh xem xét"
        case .returned: return "Tỉnh trả lại để sửa"
        case .accepted: return "Tỉnh đã chấp nhận"
        }
    }

    package var english: String {
        switch self {
        case .draft: return "Being drafted"
        case .submitted: return "Submitted, awaiting the province"
        case .returned: return "Returned by the province"
        case .accepted: return "Accepted by the province"
        }
    }

    /// Whether the office may still change the text.
    package var editable: Bool { self == .draft || self == .returned }
}

/// A periodic (or ad hoc) CCHC report of a ward: the document's own data and the office's
/// narrative. The figures are computed from the records; each submission freezes them in a
/// `ReformReportVersionRecord`.
package final class ReformReportRecord: Model, @unchecked Sendable {
    package static let schema = "reform_reports"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "kind") package var kind: ReportSchedule.Kind
    @Field(key: "year") package var year: Int
    /// The subject line ("Kết quả thực hiện công tác cải cách hành chính quý I năm 2026").
    @Field(key: "subject") package var subject: String
    /// The data counted, inclusive, and the day due to the province: `YYYY-MM-DD`.
    @Field(key: "data_from") package var dataFrom: String
    @Field(key: "data_to") package var dataTo: String
    @Field(key: "due_on") package var dueOn: String
    /// The schedule version the dates came from, or "" for an ad hoc report.
    @Field(key: "schedule_version") package var scheduleVersion: String
    /// Số ký hiệu, e.g. 05/BC-UBND; required to submit.
    @Field(key: "number") package var number: String
    @OptionalField(key: "report_date") package var reportDate: String?
    @Field(key: "signer_name") package var signerName: String
    @Field(key: "signer_title") package var signerTitle: String
    /// "Nơi nhận", one recipient per line as printed.
    @Field(key: "recipients") package var recipients: String
    /// The office's paragraphs by section key (`ReformReportSections`), as a JSON object.
    @Field(key: "narrative") package var narrative: String
    @Field(key: "status") package var status: ReformReportStatus
    /// How many times it has been submitted (the latest version's number).
    @Field(key: "version") package var version: Int
    /// Raised by every write: a write made on a copy read before someone else's is refused
    /// rather than undoing it.
    @Field(key: "revision") package var revision: Int
    @Parent(key: "created_by") package var creator: UserRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @Field(key: "updated_at_seconds") package var updatedAtSeconds: Int64
    package init() {}

    package func narrativeTexts() throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(narrative.utf8))
    }

    package var recipientLines: [String] {
        recipients.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }
}

/// One submission of a report: everything printed in it (the snapshot) and the province's
/// decision on it. Never changed once decided.
package final class ReformReportVersionRecord: Model, @unchecked Sendable {
    package static let schema = "reform_report_versions"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "report_id") package var report: ReformReportRecord
    @Field(key: "version") package var version: Int
    /// `ReformReportSnapshot` as JSON: the header, the narrative and the frozen figures.
    @Field(key: "snapshot") package var snapshot: String
    @Parent(key: "submitted_by") package var submitter: UserRecord
    @Field(key: "submitted_at_seconds") package var submittedAtSeconds: Int64
    /// `accepted` or `returned` once the province has decided.
    @OptionalField(key: "decision") package var decision: ReformReportStatus?
    @Field(key: "comment") package var comment: String
    @OptionalParent(key: "decided_by") package var decider: UserRecord?
    @OptionalField(key: "decided_at_seconds") package var decidedAtSeconds: Int64?
    package init() {}

    package func snapshotValue() throws -> ReformReportSnapshot {
        try JSONDecoder().decode(ReformReportSnapshot.self, from: Data(snapshot.utf8))
    }
}
