import Fluent
import Foundation
import Plot
import PhuongSoCore
import Vapor

/// BM.04: the leader's apology and new appointment, once per dossier, at the latest one working
/// day before the appointment; the applicant sees it on tracking and the counter on the dossier.
enum ApologyController {
    static func register(_ routes: RoutesBuilder) {
        routes.post("counter", "dossiers", ":dossier", "apology", use: give).requires(.apologizeForDelay)
        routes.get("counter", "dossiers", ":dossier", "apology", use: letter).requires(.viewDossiers)
    }

    struct Form: Content { var newDue: String?; var reason: String? }

    @Sendable static func give(req: Request) async throws -> Response {
        let user = try req.require(.apologizeForDelay)
        let d = try await CounterController.dossier(req)
        let f = try req.content.decode(Form.self)
        guard let newDue = try? LocalDateTime(parsing: f.newDue ?? "", utcOffset: req.config.utcOffset) else {
            throw AppError.invalid(field: "newDue", vi: "Ngày giờ hẹn mới cần dạng YYYY-MM-DDTHH:MM.", en: "The new date must be YYYY-MM-DDTHH:MM.")
        }
        try await apologize(d, newDue: newDue.instant, reason: f.reason ?? "", user: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return req.redirect(to: Language.of(req).link("/counter/dossiers/\(try d.requireID())"))
    }

    package static func apologize(_ d: DossierRecord, newDue: Instant, reason raw: String, user: CurrentUser, actor: AuditActor, now: Date,
                                  utcOffset: Int, on db: Database) async throws {
        let id = try d.requireID()
        let reason = String(raw.trimmingCharacters(in: .whitespacesAndNewlines).prefix(2000))
        let already = try await DossierEventRecord.query(on: db).filter(\.$dossier.$id == id).filter(\.$action == "apologize").count() > 0
        let unit = try await d.$unit.get(on: db)
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
        guard let due = d.dueAt else { throw AppError.invalid(field: nil, vi: Apology.Refusal.notInProcess.vi, en: Apology.Refusal.notInProcess.en) }
        let nowSeconds = Int64(now.timeIntervalSince1970)
        do {
            try Apology.check(state: d.state, now: Instant(seconds: nowSeconds), due: Instant(seconds: due), newDue: newDue, reason: reason,
                              alreadyGiven: already, calendar: calendar)
        } catch let r as Apology.Refusal {
            throw AppError.invalid(field: "newDue", vi: r.vi, en: r.en)
        }
        let revision = d.revision, code = d.code ?? id.uuidString
        let text = reason + " | " + LocalDateTime(newDue, utcOffset: utcOffset).description
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await DossierQueries.guardedUpdate("""
                UPDATE dossiers SET due_at = \(bind: newDue.seconds), revision = revision + 1 WHERE id = \(bind: id) AND revision = \(bind: revision) RETURNING id
                """, on: tx)
            try await DossierEventRecord(dossierID: id, at: nowSeconds, action: "apologize", actor: user.username, state: d.state, note: text).create(on: tx)
            return (AuditedChange(action: "dossier.apologize", entity: "dossier", entityID: code, before: ["due": String(due)],
                                  after: ["due": String(newDue.seconds)], reason: reason), ())
        }
    }

    /// The printable letter (BM.04).
    @Sendable static func letter(req: Request) async throws -> Response {
        let d = try await CounterController.dossier(req)
        guard let ev = try await DossierEventRecord.query(on: req.db).filter(\.$dossier.$id == d.requireID()).filter(\.$action == "apologize").first() else {
            throw AppError.notFound
        }
        let parts = ev.note.components(separatedBy: " | ")
        let a = try d.applicant
        let newDue = d.dueAt.map { TrackingController.readable($0, .vi, req.config.utcOffset) } ?? ""
        let day = LocalDateTime(Instant(seconds: ev.atSeconds), utcOffset: req.config.utcOffset).date
        let html = HTML(
            .attribute(named: "lang", value: "vi"),
            .head(.meta(.charset(.utf8)), .element(named: "title", text: "Mẫu 04 — " + (d.code ?? "")), .style(DossierForms.styles)),
            .body(.main(
                .p(.class("form"), .text("Mẫu 04")),
                .div(.class("header"),
                     .div(.p(.text("ỦY BAN NHÂN DÂN")), .p(.strong(.text(d.unit.name.uppercased()))), .p(.class("rule"), .text(" ")), .p(.text("Số: …/UBND"))),
                     .div(.p(.strong(.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))), .p(.strong(.u(.text("Độc lập - Tự do - Hạnh phúc")))),
                          .p(.em(.text("\(d.unit.name), ngày \(DossierForms.pad(day.day)) tháng \(DossierForms.pad(day.month)) năm \(day.year)"))))),
                .h1(.text("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")),
                .p(.text("Kính gửi: " + a.name)),
                .p(.text("Ngày " + TrackingController.readable(d.receivedAt, .vi, req.config.utcOffset) + ", " + d.unit.name
                         + " tiếp nhận hồ sơ " + (d.code ?? "") + " đề nghị giải quyết thủ tục " + d.procedure.name + ".")),
                .p(.text("Hồ sơ của ông/bà chưa giải quyết được đúng hạn. Lý do: " + (parts.first ?? ""))),
                .p(.text("Chúng tôi thành thật xin lỗi ông/bà và xin hẹn lại thời gian trả kết quả là "), .strong(.text(newDue)), .text(".")),
                .p(.text("Mong ông/bà thông cảm vì sự chậm trễ này.")),
                .div(.class("sign"), .div(), .div(.p(.strong(.text("TM. ỦY BAN NHÂN DÂN"))), .p(.em(.text("(Ký, ghi rõ họ tên, đóng dấu)")))))
            ))
        )
        return html.response()
    }
}
