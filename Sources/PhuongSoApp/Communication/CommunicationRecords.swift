import Fluent
import Foundation

/// One communication activity on administrative reform (tuyên truyền CCHC) or a thematic
/// conference (hội nghị chuyên đề CCHC — the directive names their absence), with what proves
/// it happened: a document, a link within PhuongSo, or an uploaded file.
package final class CommunicationRecord: Model, @unchecked Sendable {
    package static let schema = "communication_activities"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    /// The day it took place, `YYYY-MM-DD`.
    @Field(key: "date") package var date: String
    @Field(key: "form") package var form: CommunicationForm
    @Field(key: "title") package var title: String
    @Field(key: "audience") package var audience: String
    /// People reached or present, when counted.
    @OptionalField(key: "participants") package var participants: Int?
    @Field(key: "content") package var content: String
    @Field(key: "document_number") package var documentNumber: String
    @OptionalField(key: "document_date") package var documentDate: String?
    /// A path on this site (never an address elsewhere).
    @Field(key: "link") package var link: String
    @Field(key: "link_label") package var linkLabel: String
    /// JSON of `FileStore.Stored`, or empty.
    @Field(key: "file") package var fileJSON: String
    @Parent(key: "created_by") package var createdBy: UserRecord
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}

    package var file: FileStore.Stored? {
        get throws {
            fileJSON.isEmpty ? nil : try JSONDecoder().decode(FileStore.Stored.self, from: Data(fileJSON.utf8))
        }
    }
}

/// The forms of communication the log counts (as a list, so reports count them the same way).
package enum CommunicationForm: String, Codable, Sendable, CaseIterable {
    case thematicConference = "thematic-conference"
    case loudspeaker
    case poster
    case website
    case training
    case other

    package var vietnamese: String {
        switch self {
        case .thematicConference: return "Hội nghị chuyên đề CCHC"
        case .loudspeaker: return "Tuyên truyền trên loa, đài truyền thanh"
        case .poster: return "Pano, áp phích, băng rôn"
        case .website: return "Trang thông tin điện tử"
        case .training: return "Tập huấn, bồi dưỡng"
        case .other: return "Hình thức khác"
        }
    }
    package var english: String {
        switch self {
        case .thematicConference: return "Thematic CCHC conference"
        case .loudspeaker: return "Loudspeaker and radio"
        case .poster: return "Billboards and posters"
        case .website: return "Website"
        case .training: return "Training"
        case .other: return "Other"
        }
    }
}
