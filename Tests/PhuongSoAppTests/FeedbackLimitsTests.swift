import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// A unit's own feedback limits: entered by the office from a day on, refused with reasons when
/// wrong, applied to items received from that day while earlier items keep theirs.
@Suite struct FeedbackLimitsTests {
    static let ward = "000.00.31.H42"

    static func submit(_ app: Application, unit: UnitRecord, now: Date) async throws -> FeedbackRecord {
        var input = FeedbackService.SubmitInput()
        input.kind = "procedure"
        input.title = "Thời gian giải quyết"
        input.text = "Thủ tục đăng ký kinh doanh hộ cá thể còn chậm."
        input.contact = "0912345678"
        return try await FeedbackService.submit(
            input, channel: .online, attachment: nil, unit: unit,
            actor: .init(user: nil, audit: .system("test", at: now)), now: now, utcOffset: 7 * 3600, on: app.db)
    }

    @Test(arguments: TestDatabase.all)
    func theOfficesOwnLimitsApplyFromTheirDayAndEarlierItemsKeepTheirs(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            let before = try await Self.submit(app, unit: unit, now: app.now)
            let web = try await app.webSession("vanphong")
            let today = FeedbackService.today(app.now, 7 * 3600)
            let form = [
                "effectiveFrom": today.vietnamese, "reject": "2", "firstInformationRequest": "3", "handle": "10",
                "publish": "1", "forward": "5", "basis": "Quyết định số 12/QĐ-UBND ngày 02/01/2026 của UBND tỉnh",
            ]
            // act: wrong input first — a past day, a limit of 0, no basis
            var bad = form
            bad["effectiveFrom"] = today.adding(days: -1).vietnamese
            bad["handle"] = "0"
            bad["basis"] = ""
            let refused = try await web.post(app, FeedbackLimitsController.path, form: bad)
            // check: refused on the same page, with reasons, input kept, nothing stored
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Ngày áp dụng không được trước hôm nay"))
            #expect(refused.body.string.contains("Số ngày làm việc phải từ 1 đến 60, không thể là 0."))
            #expect(refused.body.string.contains("Ghi văn bản quy định các thời hạn này."))
            #expect(refused.body.string.contains(#"value="0""#))
            #expect(try await FeedbackLimitsRecord.query(on: app.db).count() == 0)
            // act: the right set
            let saved = try await web.post(app, FeedbackLimitsController.path, form: form)
            // check
            #expect(saved.status == .ok)
            #expect(saved.body.string.contains("Đã lưu bộ thời hạn mới."))
            let after = try await Self.submit(app, unit: unit, now: app.now)
            #expect(try after.limits.handle == 10 && after.limits.basis.hasPrefix("Quyết định số 12/QĐ-UBND"))
            #expect(try before.limits == .decision766)
            // act + check: the same day twice is refused
            let twice = try await web.post(app, FeedbackLimitsController.path, form: form)
            #expect(
                twice.status == .unprocessableEntity && twice.body.string.contains("Đã có bộ thời hạn áp dụng từ ngày"))
            // check: the API reads it; an official may read but not add
            let token = try await app.token("diachinh")
            let list = try await app.testing().sendRequest(.GET, "/api/v1/feedback/limits", headers: bearer(token))
            #expect(list.status == .ok && list.body.string.contains(#""handle":10"#))
            let add = try await app.testing().sendRequest(
                .POST, "/api/v1/feedback/limits", headers: bearer(token),
                beforeRequest: { req in try req.content.encode(form, as: .json) })
            #expect(add.status == .forbidden)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "feedback.limits").count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theUnitsOwnAnswerTemplateNeedsABlankAndIsWhatOfficialsStartFrom(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
            let item = try await Self.submit(app, unit: unit, now: app.now)
            let web = try await app.webSession("vanphong")
            let path = FeedbackTemplatesController.save(.procedure)
            // act: a body without a blank
            let refused = try await web.post(app, path, form: ["body": "Phường đã giải quyết xong."])
            // check: refused with the reason, the text kept, nothing stored
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Mẫu cần ít nhất một chỗ trống “…”"))
            #expect(refused.body.string.contains("Phường đã giải quyết xong."))
            #expect(try await FeedbackTemplateRecord.query(on: app.db).count() == 0)
            // act: the unit's own wording
            let body = "Căn cứ Quyết định công bố thủ tục: …\nKết quả kiểm tra tại Bộ phận Một cửa: …"
            let saved = try await web.post(app, path, form: ["body": body])
            // check: the item's answer starts from it, between the usual opening and closing
            #expect(saved.status == .ok && saved.body.string.contains("Đã lưu mẫu trả lời"))
            let start = try await FeedbackTemplatesService.answer(for: item, unit: unit, on: app.db)
            #expect(start.contains(body) && start.hasPrefix(unit.name + " đã nhận được phản ánh"))
            let token = try await app.token("vanphong")
            let list = try await app.testing().sendRequest(.GET, "/api/v1/feedback/templates", headers: bearer(token))
            #expect(list.body.string.contains(#""kind":"procedure""#) && list.body.string.contains(#""own":true"#))
            // act + check: back to the usual template, and a second time is refused
            let reset = try await app.testing().sendRequest(
                .DELETE, "/api/v1/feedback/templates/procedure", headers: bearer(token))
            #expect(reset.status == .ok && reset.body.string.contains(#""own":false"#))
            let again = try await app.testing().sendRequest(
                .DELETE, "/api/v1/feedback/templates/procedure", headers: bearer(token))
            #expect(again.status == .conflict)
            #expect(
                try await FeedbackTemplatesService.answer(for: item, unit: unit, on: app.db)
                    == FeedbackTemplates.answer(for: .procedure, title: item.title, unitName: unit.name))
            let audit = try await AuditRecord.query(on: app.db).filter(
                \.$action ~~ ["feedback.template", "feedback.template.reset"]
            )
            .count()
            #expect(audit == 2)
        }
    }
}
