/// The ward's GeoReport services: one per kind of feedback a citizen can send (the dossier
/// rating arrives by itself and is not offered). The service code is the kind's stored name, so
/// a request created over Open311 is an ordinary feedback item on the same clock and rules.
public struct Open311Service: Sendable, Hashable {
    public let kind: FeedbackKind
    public let description: String
    public let keywords: [String]
    public let attributes: [Open311Attribute]

    public var code: String { kind.rawValue }
    public var name: String { kind.vietnamese }
    public static let group = "Phản ánh, kiến nghị"

    public static let all: [Open311Service] = FeedbackKind.submittable.map(service)

    public static func named(_ code: String) -> Open311Service? { all.first { $0.code == code } }

    static func service(_ kind: FeedbackKind) -> Open311Service {
        let title = Open311Attribute(
            code: Open311Attribute.title, datatype: .string, required: false, order: 1,
            description: "Tóm tắt nội dung (tiêu đề)",
            datatypeDescription:
                "Tối đa \(FeedbackSubmission.titleLimit) ký tự; bỏ trống thì lấy câu đầu của nội dung (description).")
        switch kind {
        case .official:
            let dossier = Open311Attribute(
                code: Open311Attribute.dossierCode, datatype: .string, required: false, order: 2,
                description: "Số hồ sơ liên quan (in trên giấy tiếp nhận), nếu có",
                datatypeDescription: "Số hồ sơ của phường, ví dụ 000.00.31.H42-260205-0001.")
            return Open311Service(
                kind: kind,
                description:
                    "Cán bộ gây phiền hà, nhũng nhiễu, chậm trễ hoặc đòi giấy tờ ngoài quy định. Phường xác minh, "
                    + "trả lời và ghi nhận kết quả vào việc đánh giá cán bộ.",
                keywords: ["cán bộ", "phiền hà", "chậm trễ"], attributes: [title, dossier])
        case .procedure:
            return Open311Service(
                kind: kind,
                description: "Quy định, thủ tục hành chính hoặc chính sách còn vướng mắc, chưa rõ, chưa hợp lý.",
                keywords: ["thủ tục", "chính sách", "quy định"], attributes: [title])
        case .suggestion:
            return Open311Service(
                kind: kind, description: "Đề xuất để phường phục vụ người dân, doanh nghiệp tốt hơn.",
                keywords: ["kiến nghị", "đề xuất"], attributes: [title])
        case .neighbourhood, .dossierRating:
            return Open311Service(
                kind: kind,
                description:
                    "Sự việc tại địa bàn: đường, chiếu sáng, rác thải, trật tự. Cần địa điểm (address_string) hoặc "
                    + "tọa độ (lat, long).",
                keywords: ["đường", "chiếu sáng", "rác", "trật tự"], attributes: [title])
        }
    }

    /// A `services` list entry.
    public var listEntry: Open311Value {
        .record([
            Open311Field("service_code", .text(code)), Open311Field("service_name", .text(name)),
            Open311Field("description", .text(description)), Open311Field("metadata", .bool(!attributes.isEmpty)),
            Open311Field("type", .text("realtime")), Open311Field("keywords", .text(keywords.joined(separator: ","))),
            Open311Field("group", .text(Self.group)),
        ])
    }

    /// The `service_definition` document.
    public var definition: Open311Document {
        Open311Document(
            root: "service_definition",
            .record([
                Open311Field("service_code", .text(code)),
                Open311Field("attributes", .list(item: "attribute", attributes.map(\.value))),
            ]))
    }
}

/// An extra field of a service (`attribute[code]=…` in a POST).
public struct Open311Attribute: Sendable, Hashable {
    public enum Datatype: String, Sendable { case string, number, datetime, text, singlevaluelist, multivaluelist }

    public static let title = "title"
    public static let dossierCode = "dossier_code"

    public let code: String
    public let datatype: Datatype
    public let required: Bool
    public let order: Int
    public let description: String
    public let datatypeDescription: String

    public var value: Open311Value {
        .record([
            Open311Field("variable", .bool(true)), Open311Field("code", .text(code)),
            Open311Field("datatype", .text(datatype.rawValue)), Open311Field("required", .bool(required)),
            Open311Field("datatype_description", .text(datatypeDescription)), Open311Field("order", .int(order)),
            Open311Field("description", .text(description)), Open311Field("values", .list(item: "value", [])),
        ])
    }
}

/// Open or closed, the two statuses of GeoReport v2, from a feedback item's status: an item is
/// closed once the ward's work on it is over (answer published, closed, rejected, forwarded).
public enum Open311Status: String, Sendable, CaseIterable {
    case open, closed

    public init(_ status: FeedbackStatus) {
        switch status {
        case .received, .awaitingInformation, .assigned, .awaitingApproval, .awaitingPublication: self = .open
        case .published, .closed, .rejected, .forwarded: self = .closed
        }
    }

    public var feedbackStatuses: [FeedbackStatus] { FeedbackStatus.allCases.filter { Open311Status($0) == self } }
}
