import Fluent
import Foundation
import PhuongSoCore

/// Service requests of GeoReport v2 are the ward's feedback items: created through
/// `FeedbackService` (same checks, clock, numbering and audit) with the token the app gets back
/// in the same transaction, and read back with only what the public may see.
package enum Open311Requests {
    /// Creates the feedback item for an app's request; answers it with its token. Throws
    /// `Open311Problems` (400) for what the request or the feedback rules refuse.
    static func create(
        _ post: Open311PostRequest, key: Open311KeyRecord, unit: UnitRecord, address: String, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> (FeedbackRecord, token: String) {
        let mapped: Open311PostRequest.Mapped
        switch post.mapped() {
        case .success(let m): mapped = m
        case .failure(let problems): throw problems
        }
        var input = FeedbackService.SubmitInput()
        input.kind = mapped.kind.rawValue
        input.title = mapped.title
        input.text = mapped.text
        input.name = mapped.name
        input.contact = mapped.contact
        input.place = mapped.place
        input.latitude = mapped.latitude
        input.longitude = mapped.longitude
        input.dossierCode = mapped.dossierCode
        let audit = AuditActor(username: "Open311 · " + key.name, address: address, at: now, utcOffset: utcOffset)
        let actor = FeedbackService.Actor(user: nil, audit: audit)
        let r: FeedbackRecord
        do {
            r = try await FeedbackService.prepare(
                input, channel: .open311, attachment: nil, unit: unit, actor: actor, on: db)
        } catch let problems as ValidationProblems {
            throw Open311Problems(problems.messages.sorted { $0.key < $1.key }.map { Open311Error(400, $0.value.vi) })
        }
        let token = CSRF.randomToken(bytes: 16)
        let keyID = try key.requireID()
        let day = FeedbackService.today(now, utcOffset)
        try await AuditLog.transaction(on: db, actor: audit, clock: { now }) { tx in
            let (change, stored) = try await FeedbackService.insert(
                r, unit: unit, day: day, now: now, note: "Gửi qua ứng dụng “\(key.name)” (Open311).", on: tx)
            let t = Open311TokenRecord()
            t.token = token
            t.$feedback.id = try stored.requireID()
            t.$key.id = keyID
            t.createdAtSeconds = Int64(now.timeIntervalSince1970)
            try await t.create(on: tx)
            return (change, ())
        }
        return (r, token)
    }

    /// The kinds GeoReport offers: a dossier rating's item is not an Open311 service.
    static var kinds: [FeedbackKind] { Open311Service.all.map(\.kind) }

    static func find(code: String, on db: Database) async throws -> FeedbackRecord? {
        try await FeedbackRecord.query(on: db).filter(\.$code == code).filter(\.$kind ~~ kinds).with(\.$unit).first()
    }

    static func list(_ q: Open311Query, unit: UnitRecord, on db: Database) async throws -> [FeedbackRecord] {
        var query = FeedbackRecord.query(on: db).filter(\.$unit.$id == (try unit.requireID()))
            .filter(\.$kind ~~ kinds).with(\.$unit)
        if !q.ids.isEmpty {
            query = query.filter(\.$code ~~ q.ids)
        } else {
            query = query.filter(\.$submittedAtSeconds >= q.from).filter(\.$submittedAtSeconds <= q.to)
            let codes = q.serviceCodes.compactMap(FeedbackKind.init(rawValue:))
            if !codes.isEmpty { query = query.filter(\.$kind ~~ codes) }
            if !q.statuses.isEmpty { query = query.filter(\.$status ~~ q.statuses.flatMap(\.feedbackStatuses)) }
        }
        return try await query.sort(\.$submittedAtSeconds, .descending).limit(Self.listLimit).all()
    }

    static let listLimit = 1000

    /// The requests as the specification lists them. Only what the public may see: the text,
    /// answer and place once published (from the copies cleaned of personal data), the status and
    /// dates always; never the submitter's name or contact.
    static func document(
        _ items: [FeedbackRecord], utcOffset: Int, on db: Database
    ) async throws -> Open311Document {
        let ids = try items.map { try $0.requireID() }
        var updated: [UUID: Int64] = [:]
        if !ids.isEmpty {
            for e in try await FeedbackEventRecord.query(on: db).filter(\.$feedback.$id ~~ ids).all() {
                updated[e.$feedback.id] = max(updated[e.$feedback.id] ?? 0, e.atSeconds)
            }
        }
        var calendars: [UUID: WorkingCalendar] = [:]
        var values: [Open311Value] = []
        for r in items {
            let unitID = r.$unit.id
            if calendars[unitID] == nil {
                calendars[unitID] = try await UnitCalendars.calendar(for: r.unit, utcOffset: utcOffset, on: db)
            }
            let due = try FeedbackQueries.clock(r, calendar: calendars[unitID]!)?.due
            values.append(try value(r, updated: updated[try r.requireID()], due: due, utcOffset: utcOffset))
        }
        return Open311Document(root: "service_requests", .list(item: "request", values))
    }

    static func value(_ r: FeedbackRecord, updated: Int64?, due: LocalDate?, utcOffset: Int) throws -> Open311Value {
        let published = r.publishedOn != nil && [.published, .closed].contains(r.status)
        let located = published && r.kind == .neighbourhood
        let notes: String
        switch r.status {
        case .published, .closed:
            notes = r.publicAnswer.isEmpty ? r.status.vietnamese : r.publicAnswer
        case .rejected: notes = "Phản ánh không được thụ lý; người gửi đã được báo lý do."
        case .forwarded: notes = "Đã chuyển đến cơ quan có thẩm quyền giải quyết; người gửi đã được báo."
        default: notes = r.status.vietnamese
        }
        let limits = try r.limits
        func time(_ s: Int64?) -> Open311Value {
            s.map { .text(Open311Time.format($0, utcOffset: utcOffset)) } ?? .null
        }
        let expected = due.map { LocalDateTime(date: $0, secondOfDay: 86399, utcOffset: utcOffset).description }
        return .record([
            Open311Field("service_request_id", .text(r.code)),
            Open311Field("status", .text(Open311Status(r.status).rawValue)),
            Open311Field("status_notes", .text(notes)),
            Open311Field("service_name", .text(r.kind.vietnamese)),
            Open311Field("service_code", .text(r.kind.rawValue)),
            Open311Field("description", published ? .text(r.publicText) : .null),
            Open311Field("agency_responsible", .text(r.unit.name)),
            Open311Field("service_notice", .text(notice(limits))),
            Open311Field("requested_datetime", time(r.submittedAtSeconds)),
            Open311Field("updated_datetime", time(updated ?? r.submittedAtSeconds)),
            Open311Field("expected_datetime", .optional(expected)),
            Open311Field("address", located ? .optional(r.place) : .null),
            Open311Field("address_id", .null),
            Open311Field("zipcode", .null),
            Open311Field("lat", located ? r.latitude.map(Open311Value.number) ?? .null : .null),
            Open311Field("long", located ? r.longitude.map(Open311Value.number) ?? .null : .null),
            Open311Field("media_url", .null),
        ])
    }

    static func notice(_ limits: FeedbackLimits) -> String {
        "Phường xử lý và trả lời trong \(limits.handle) ngày làm việc kể từ ngày nhận; nội dung và câu trả lời "
            + "được công khai sau khi đã ẩn thông tin cá nhân."
    }
}
