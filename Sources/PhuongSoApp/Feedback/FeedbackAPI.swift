import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Feedback (phản ánh, kiến nghị) over JSON: the unit's list, logging an item at the counter or
/// from a call, one item with its timeline, and each step; without a token, what a citizen does —
/// send feedback, read a published answer, add information and rate the answer (code and secret).
/// Every change goes through `FeedbackService`, which writes the audit line.
enum FeedbackAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("feedback", use: list).requires(.viewFeedback)
        api.post("feedback", use: log).requires(.receiveFeedback)
        api.get("feedback", ":feedback", use: show).requires(.viewFeedback)
        api.post("feedback", ":feedback", "route", use: route).requires(.handleFeedback)
        api.post("feedback", ":feedback", "reject", use: reject).requires(.handleFeedback)
        api.post("feedback", ":feedback", "forward", use: forward).requires(.handleFeedback)
        api.post("feedback", ":feedback", "request-information", use: requestInformation).requires(.handleFeedback)
        api.post("feedback", ":feedback", "answer", use: answer).requires(.answerFeedback)
        api.post("feedback", ":feedback", "approve", use: approve).requires(.approveFeedback)
        api.post("feedback", ":feedback", "return", use: returnDraft).requires(.approveFeedback)
        api.post("feedback", ":feedback", "publish", use: publish).requires(.handleFeedback)
        api.post("feedback", ":feedback", "repeat", use: markRepeat).requires(.handleFeedback)
        api.post("feedback", ":feedback", "task", use: followUpTask).requires(.handleFeedback)
        // The submitter's side needs no account: the code and secret of the receipt stand for them.
        api.post("public", "feedback", use: submit)
        api.get("public", "feedback", ":code", use: publicAnswer)
        api.post("public", "feedback", ":code", "rate", use: rate)
        api.post("public", "feedback", ":code", "information", use: supplyInformation)
    }

    // MARK: The unit's list

    struct ListQuery: Content {
        var unit: String?
        var status: String?
        var kind: String?
        var from: String?
        var to: String?
    }

    @Sendable static func list(req: Request) async throws -> ListJSON {
        let user = try req.require(.viewFeedback)
        let q = try req.query.decode(ListQuery.self)
        let unit = try await unitInView(req, user, code: q.unit)
        var p = ValidationProblems()
        let status = q.status.flatMap { s in
            FeedbackStatus(rawValue: s)
                ?? p.added("status", "Không có trạng thái “\(s.prefix(40))”.", "Unknown status.")
        }
        let kind = q.kind.flatMap { k in
            FeedbackKind(rawValue: k) ?? p.added("kind", "Không có loại phản ánh “\(k.prefix(40))”.", "Unknown kind.")
        }
        let from = day(q.from, field: "from", into: &p)
        let to = day(q.to, field: "to", into: &p)
        if let from, let to, from > to {
            p.add("to", "Ngày kết thúc phải sau ngày bắt đầu.", "The end date must not be before the start date.")
        }
        try p.throwIfAny()
        let unitID = try unit.requireID()
        var query = FeedbackRecord.query(on: req.db).filter(\.$unit.$id == unitID).with(\.$handler)
        if let status { query = query.filter(\.$status == status) }
        if let kind { query = query.filter(\.$kind == kind) }
        if let from { query = query.filter(\.$submittedOn >= from.description) }
        if let to { query = query.filter(\.$submittedOn <= to.description) }
        let items = try await query.sort(\.$submittedAtSeconds, .descending).limit(1000).all()
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: req.config.utcOffset, on: req.db)
        let onDay = today(req)
        return ListJSON(
            unitCode: unit.code, today: onDay.description,
            items: try items.map { try summary($0, today: onDay, calendar: calendar) })
    }

    /// The unit a list shows: `?unit=CODE` when in the caller's scope (supervisors), else their own.
    static func unitInView(_ req: Request, _ user: CurrentUser, code: String?) async throws -> UnitRecord {
        if let code, !code.isEmpty {
            let unit = try await UnitQueries.find(code: code, on: req.db)
            try await req.require(.viewFeedback, unit: unit.requireID())
            return unit
        }
        guard let home = user.unitID, let unit = try await UnitRecord.find(home, on: req.db) else {
            throw AppError.forbidden
        }
        return unit
    }

    /// A `YYYY-MM-DD` query value, or nil when absent; a bad one is a problem of its field.
    static func day(_ text: String?, field: String, into p: inout ValidationProblems) -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        do { return try LocalDate(parsing: text) } catch {
            p.add(field, "Ngày không hợp lệ (dạng YYYY-MM-DD).", "Invalid date (YYYY-MM-DD).")
            return nil
        }
    }

    // MARK: One item

    /// The item of the path, once the caller may do `action` on its unit.
    static func item(_ req: Request, _ action: Action) async throws -> (UUID, CurrentUser, FeedbackRecord) {
        let user = try req.require(action)
        guard let id = req.parameters.get("feedback", as: UUID.self),
            let r = try await FeedbackRecord.find(id, on: req.db)
        else { throw AppError.notFound }
        try await req.require(action, unit: r.$unit.id)
        return (id, user, r)
    }

    static func actor(_ req: Request, _ user: CurrentUser) -> FeedbackService.Actor {
        .init(user: user, audit: req.auditActor)
    }

    @Sendable static func show(req: Request) async throws -> ItemJSON {
        let (id, user, _) = try await item(req, .viewFeedback)
        return try await detail(id, for: user, req)
    }

    /// A submission as the JSON body gives it (staff add the channel and the official's account).
    struct NewItem: Content {
        var unitCode: String?
        var channel: String?
        var kind: String?
        var title: String?
        var text: String?
        var name: String?
        var contact: String?
        var place: String?
        var latitude: Double?
        var longitude: Double?
        var dossierCode: String?
        var official: String?

        var input: FeedbackService.SubmitInput {
            var i = FeedbackService.SubmitInput()
            i.kind = kind ?? ""
            i.title = title ?? ""
            i.text = text ?? ""
            i.name = name ?? ""
            i.contact = contact ?? ""
            i.place = place ?? ""
            i.latitude = latitude.map { String($0) } ?? ""
            i.longitude = longitude.map { String($0) } ?? ""
            i.dossierCode = dossierCode ?? ""
            return i
        }
    }

    /// Logged at the counter or from a phone call, in the caller's own unit.
    @Sendable static func log(req: Request) async throws -> Response {
        let user = try req.require(.receiveFeedback)
        guard let home = user.unitID, let unit = try await UnitRecord.find(home, on: req.db) else {
            throw AppError.forbidden
        }
        let b = try req.content.decode(NewItem.self)
        guard let channel = b.channel.flatMap(FeedbackChannel.init(rawValue:)), [.counter, .phone].contains(channel)
        else {
            throw AppError.invalid(
                field: "channel", vi: "Chọn cách tiếp nhận: tại Bộ phận Một cửa (counter) hoặc qua điện thoại (phone).",
                en: "The channel is counter or phone.")
        }
        var input = b.input
        if let official = b.official, !official.isEmpty {
            input.officialID = try await InspectionsAPI.staffIDs([official], unit: unit, field: "official", on: req.db)
                .first
        }
        let r = try await renamed(["officialID": "official"]) {
            try await FeedbackService.submit(
                input, channel: channel, attachment: nil, unit: unit, actor: actor(req, user), now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        }
        return try await detail(r.requireID(), for: user, req, secret: true).encodeResponse(status: .created, for: req)
    }

    /// Runs `body`; validation problems come back keyed by the API's field names.
    static func renamed<T>(_ names: [String: String], _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let problems as ValidationProblems {
            var out = ValidationProblems()
            for (field, m) in problems.messages { out.add(names[field] ?? field, m.vi, m.en) }
            throw out
        }
    }
}

extension ValidationProblems {
    /// Adds a problem and answers nil, for a value that could not be read.
    fileprivate mutating func added<T>(_ field: String, _ vi: String, _ en: String) -> T? {
        add(field, vi, en)
        return nil
    }
}
