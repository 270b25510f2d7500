import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

@Suite struct ProcessingTests {
    @Test(arguments: TestDatabase.all)
    func aDossierGoesThroughItsStepsIsReturnedAndRatedOnce(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a guardianship dossier received at the counter (default plan: official, leader, counter)
            let clerk = try await app.webSession("motcua")
            let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
            let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            let d = try await IntakeService.intake(
                .init(
                    applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                    submitted: Set(p.components.map(\.name)),
                    sets: 1, decision: .receive), procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
                now: Date(), utcOffset: 7 * 3600, on: app.db)
            let id = try d.requireID()
            let official = try await app.webSession("tuphap")
            let leader = try await app.webSession("chutich")
            // the dossier shows in the official's inbox, not the leader's
            #expect(try await official.get(app, "/inbox").body.string.contains(d.code!))
            #expect(!(try await leader.get(app, "/inbox").body.string.contains(d.code!)))
            // out of turn: the leader cannot complete the official's step; nothing changes
            let early = try await leader.act(app, id, ["action": "complete"])
            #expect(
                early.status == .unprocessableEntity
                    && early.body.string.contains("Bước hiện tại không thuộc vai trò của bạn."))
            // act: the official takes and finishes the step, the leader signs, the counter records and returns
            #expect(try await official.act(app, id, ["action": "claim"]).status == .seeOther)
            // the official hands on a draft decision with the step
            let revision = try #require(try await DossierRecord.find(id, on: app.db)).revision
            let sentStep = try await official.postMultipart(
                app, "/counter/dossiers/\(id)/act",
                fields: ["action": "complete", "note": "Hồ sơ hợp lệ", "revision": String(revision)],
                files: [
                    (
                        name: "file", filename: "du-thao.pdf",
                        bytes: Array("%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n%%EOF\n".utf8)
                    )
                ])
            #expect(sentStep.status == .seeOther)
            #expect(try await leader.act(app, id, ["action": "complete", "note": "Đồng ý"]).status == .seeOther)
            #expect(try await clerk.act(app, id, ["action": "complete"]).status == .seeOther)
            #expect(try await DossierRecord.find(id, on: app.db)?.state == .done)
            let noNote = try await clerk.act(app, id, ["action": "returnResult"])
            #expect(noNote.status == .unprocessableEntity)
            #expect(
                try await clerk.act(
                    app, id,
                    ["action": "returnResult", "method": "counter", "recipient": "ông Phan Văn Tài", "confirm": "yes"]
                ).status == .seeOther)
            // check: three hand-offs (BM.05), each judged; the register row is complete
            let handoffs = try await HandoffRecord.query(on: app.db).filter(\.$dossier.$id == id).sort(\.$atSeconds)
                .all()
            #expect(handoffs.map(\.giver) == ["tuphap", "chutich", "motcua"])
            #expect(handoffs.allSatisfy { ["early", "onTime", "late"].contains($0.timeliness) })
            let page = try await clerk.get(app, "/counter/dossiers/\(id)").body.string
            #expect(
                page.contains("Mẫu 05") && page.contains("Trực tiếp tại Bộ phận Một cửa: ông Phan Văn Tài")
                    && page.contains("du-thao.pdf"))
            #expect(try await clerk.get(app, "/counter/register").body.string.contains("ông Phan Văn Tài"))
            // the applicant rates it once; an unhappy rating reaches the office
            let tracked = try await app.testing().sendRequest(.GET, "/track?code=\(d.code!)&secret=\(d.secret)").body
                .string
            #expect(tracked.contains("Đánh giá mức độ hài lòng"))
            let visitor = try await app.webSession("congdan")
            let badScore = try await visitor.post(
                app, "/track/rate", form: ["code": d.code!, "secret": d.secret, "level": "satisfied", "access": "9"])
            #expect(badScore.status == .unprocessableEntity)
            let rated = try await visitor.post(
                app, "/track/rate",
                form: [
                    "code": d.code!, "secret": d.secret, "level": "not-satisfied", "comment": "Chờ lâu",
                    "official": "2", "result": "4", "access": "",
                ])
            #expect(rated.status == .ok && rated.body.string.contains("Cảm ơn bạn đã đánh giá."))
            let again = try await visitor.post(
                app, "/track/rate", form: ["code": d.code!, "secret": d.secret, "level": "satisfied"])
            #expect(again.status == .conflict)
            let rating = try #require(try await RatingRecord.query(on: app.db).first())
            #expect(rating.officials == "chutich,motcua,tuphap")
            #expect(rating.factors == "{\"official\":2,\"result\":4}")
            #expect(try await app.webSession("vanphong").get(app, "/inbox").body.string.contains("Chờ lâu"))
            // a finished dossier takes no more steps
            let late = try await official.act(app, id, ["action": "complete"])
            #expect(late.status == .unprocessableEntity && late.body.string.contains("Hồ sơ đã kết thúc xử lý."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func twoOfficialsActingAtOnceOneWins(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
            let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            let d = try await IntakeService.intake(
                .init(
                    applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                    submitted: Set(p.components.map(\.name)),
                    sets: 1, decision: .receive), procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
                now: Date(), utcOffset: 7 * 3600, on: app.db)
            _ = try await AccountQueries.create(
                .init(
                    username: "tuphap2", displayName: nil, password: "TuPhap@2026", role: "official",
                    unitCode: "000.00.31.H42"),
                creator: nil, bcryptCost: 4, actor: .system("t"), on: app.db)
            let a = try await app.webSession("tuphap")
            let b = try await app.webSession("tuphap2", password: "TuPhap@2026")
            let revision = String(d.revision)
            async let first = a.post(
                app, "/counter/dossiers/\(d.id!)/act", form: ["action": "complete", "revision": revision])
            async let second = b.post(
                app, "/counter/dossiers/\(d.id!)/act", form: ["action": "complete", "revision": revision])
            let codes = try await [first.status.code, second.status.code].sorted()
            // the loser is told either that the dossier changed under it (409) or, if it read the
            // dossier after the winner's commit, that the step is no longer theirs (422)
            #expect(codes[0] == 303 && [409, 422].contains(codes[1]))
            #expect(try await HandoffRecord.query(on: app.db).count() == 1)
            #expect(try await DossierRecord.find(d.id, on: app.db)?.currentStep == 1)
        }
    }
}

@Suite struct ProcessingPauseAndStopTests {
    func setup(_ app: Application, at when: String) async throws -> DossierRecord {
        let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
        let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                submitted: Set(p.components.map(\.name)),
                sets: 1, decision: .receive), procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
            now: Date(timeIntervalSince1970: TimeInterval(at(when).seconds)), utcOffset: 7 * 3600, on: app.db)
    }

    func user(_ app: Application, _ name: String) async throws -> CurrentUser {
        try CurrentUser(try await AccountQueries.find(username: name, on: app.db))
    }

    func send(_ app: Application, _ d: DossierRecord, _ fields: [String: String], _ who: String, at when: String)
        async throws
    {
        try await actWith(
            app, d.requireID(), fields, as: who, at: Date(timeIntervalSince1970: TimeInterval(at(when).seconds)))
    }

    func act(_ app: Application, _ d: DossierRecord, _ command: DossierCommand, _ who: String, at when: String)
        async throws
    {
        try await actOn(
            app, d.requireID(), command, as: who, at: Date(timeIntervalSince1970: TimeInterval(at(when).seconds)))
    }

    @Test(arguments: TestDatabase.all)
    func aSupplementStopsTheClockAndMovesTheAppointment(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let d = try await setup(app, at: "2026-03-02T08:00")
            #expect(show(Instant(seconds: d.dueAt!)) == "2026-03-05T08:00:00+07:00")
            try await act(
                app, d, .requestSupplement(items: ["Bản sao giấy khai sinh của người được giám hộ"], note: ""),
                "tuphap", at: "2026-03-03T08:00")
            var now = try #require(try await DossierRecord.find(d.id, on: app.db))
            #expect(now.state == .supplementRequestedInProcess && now.pausedAt != nil)
            // tracking tells the applicant what to bring
            let status = try await TrackingController.status(
                of: now.requireID(), lang: .vi, utcOffset: 7 * 3600, on: app.db.sql)
            #expect(status.toDo.contains("Bản sao giấy khai sinh"))
            await #expect(throws: AppError.self) {
                try await act(app, d, .complete(note: ""), "tuphap", at: "2026-03-04T08:00")
            }
            // the applicant sends the document online from the tracking page
            let first = try await app.testing().sendRequest(.GET, "/track?code=\(now.code!)&secret=\(now.secret)")
            #expect(first.body.string.contains("Gửi giấy tờ bổ sung trực tuyến"))
            let visitor = WebSession(cookie: first.cookieHeader, csrf: WebSession.csrf(in: first.body.string))
            let sent = try await visitor.postMultipart(
                app, "/track/supplement",
                fields: ["code": now.code!, "secret": now.secret, "label": "Bản sao giấy khai sinh"],
                files: [
                    (
                        name: "file", filename: "khai-sinh.pdf",
                        bytes: Array("%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n%%EOF\n".utf8)
                    )
                ])
            #expect(sent.status == .ok && sent.body.string.contains("Đã gửi giấy tờ bổ sung"))
            #expect(
                try await DossierRecord.find(d.id, on: app.db)!.attachments.map(\.component) == [
                    "Bổ sung: Bản sao giấy khai sinh"
                ])
            try await act(app, d, .resume(note: "Đã nhận bản sao"), "motcua", at: "2026-03-06T08:00")
            now = try #require(try await DossierRecord.find(d.id, on: app.db))
            // 16 working hours were left when it paused: Friday 08:00 + 16 h = Tuesday 08:00
            #expect(now.state == .inProcess && show(Instant(seconds: now.dueAt!)) == "2026-03-10T08:00:00+07:00")
            // a second request is flagged: the 766 index counts it late
            try await act(
                app, d, .requestSupplement(items: ["Giấy xác nhận cư trú"], note: ""), "tuphap", at: "2026-03-06T09:00")
            now = try #require(try await DossierRecord.find(d.id, on: app.db))
            #expect(now.supplementsInProcess == 2)
            let page = try await app.webSession("motcua").get(app, "/counter/dossiers/\(d.id!)").body.string
            #expect(page.contains("Bộ chỉ số 766 tính là trễ hạn"))
            let slip = try await app.webSession("motcua").get(app, "/counter/dossiers/\(d.id!)/slip").body.string
            #expect(slip.contains("PHIẾU YÊU CẦU BỔ SUNG") && slip.contains("Giấy xác nhận cư trú"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func leadersAssignAndTheCounterStopsOnRequest(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let d = try await setup(app, at: "2026-03-02T08:00")
            // the counter clerk does not hold the official's step: the leader cannot give it to them
            await #expect(throws: AppError.self) {
                try await act(app, d, .assign(to: eligible(app, "motcua")), "chutich", at: "2026-03-02T09:00")
            }
            try await act(app, d, .assign(to: eligible(app, "tuphap")), "chutich", at: "2026-03-02T09:00")
            #expect(try await DossierRecord.find(d.id, on: app.db)?.assignee == "tuphap")
            await #expect(throws: AppError.self) {
                try await act(app, d, .stop(request: ""), "motcua", at: "2026-03-02T10:00")
            }
            try await act(app, d, .stop(request: "Đơn xin dừng ngày 02/03/2026"), "motcua", at: "2026-03-02T10:00")
            #expect(try await DossierRecord.find(d.id, on: app.db)?.state == .stopped)
            let notice = try await app.webSession("motcua").get(app, "/counter/dossiers/\(d.id!)/slip").body.string
            #expect(
                notice.contains("THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ")
                    && notice.contains("Đơn xin dừng ngày 02/03/2026"))
            await #expect(throws: AppError.self) {
                try await act(app, d, .complete(note: ""), "tuphap", at: "2026-03-02T11:00")
            }
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "dossier.stop").count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theLeaderApologisesOnceInTimeAndTheApplicantSeesIt(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let d = try await setup(app, at: "2026-03-02T08:00")
            func apologize(_ when: String, _ newDue: String, _ reason: String = "Chờ xác minh nơi cư trú") async throws
            {
                try await act(app, d, .apologize(reason: reason, newDue: at(newDue)), "chutich", at: when)
            }
            // too late: less than one working day before Thursday 08:00
            await #expect(throws: AppError.self) { try await apologize("2026-03-04T09:00", "2026-03-09T17:30") }
            try await apologize("2026-03-03T08:00", "2026-03-09T17:30")
            let now = try #require(try await DossierRecord.find(d.id, on: app.db))
            #expect(show(Instant(seconds: now.dueAt!)) == "2026-03-09T17:30:00+07:00")
            await #expect(throws: AppError.self) { try await apologize("2026-03-03T09:00", "2026-03-10T17:30") }
            let status = try await TrackingController.status(
                of: now.requireID(), lang: .vi, utcOffset: 7 * 3600, on: app.db.sql)
            #expect(status.toDo.contains("thư xin lỗi") && status.dueAtText == "17:30 ngày 09/03/2026")
            let letter = try await app.webSession("motcua").get(app, "/counter/dossiers/\(d.id!)/apology").body.string
            #expect(
                letter.contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
                    && letter.contains("Chờ xác minh nơi cư trú"))
            // the applicant reaches the same letter from the tracking page, with a way back
            let tracked = try await app.testing().sendRequest(.GET, "/track?code=\(now.code!)&secret=\(now.secret)")
                .body.string
            #expect(tracked.contains("Xem Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)"))
            let theirs = try await app.testing().sendRequest(
                .GET, "/track/apology?code=\(now.code!)&secret=\(now.secret)"
            ).body.string
            #expect(
                theirs.contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
                    && theirs.contains("← Quay lại tra cứu hồ sơ")
                    && theirs.range(of: #"Ngày \d{2}:\d{2}"#, options: .regularExpression) == nil)
            #expect(
                try await app.testing().sendRequest(.GET, "/track/apology?code=\(now.code!)&secret=WRONG123").status
                    == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aTransferToAnotherAgencyGoesAndComesBack(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let d = try await setup(app, at: "2026-03-02T08:00")
            // to oneself, or to a unit that does not exist: refused
            await #expect(throws: AppError.self) {
                try await send(
                    app, d, ["action": "transfer", "unit": "000.00.31.H42", "request": "tự chuyển"], "tuphap",
                    at: "2026-03-02T09:00")
            }
            await #expect(throws: AppError.self) {
                try await send(
                    app, d, ["action": "transfer", "unit": "KHONGCO", "request": "x"], "tuphap", at: "2026-03-02T09:00")
            }
            try await send(
                app, d, ["action": "transfer", "unit": "000.20.00.H42", "request": "Xác minh thông tin hộ tịch"],
                "tuphap", at: "2026-03-02T09:00")
            #expect(try await DossierRecord.find(d.id, on: app.db)?.state == .transferred)
            // the agency sees it in its inbox and may open it; the ward cannot answer for it
            let agency = try await app.webSession("sotuphap")
            #expect(try await agency.get(app, "/inbox").body.string.contains("Xác minh thông tin hộ tịch"))
            #expect(try await agency.get(app, "/counter/dossiers/\(d.id!)").status == .ok)
            await #expect(throws: AppError.self) {
                try await act(app, d, .answerTransfer(answer: "x"), "tuphap", at: "2026-03-03T09:00")
            }
            try await act(app, d, .answerTransfer(answer: "Thông tin đúng"), "sotuphap", at: "2026-03-03T09:00")
            let back = try #require(try await DossierRecord.find(d.id, on: app.db))
            #expect(back.state == .inProcess && back.currentStep == 0)
            let transfer = try #require(try await TransferRecord.query(on: app.db).first())
            #expect(transfer.answer == "Thông tin đúng" && transfer.returnedAt != nil)
            let handoffs = try await HandoffRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).sort(
                \.$atSeconds
            ).all()
            #expect(handoffs.map(\.toStep) == ["Liên thông: Sở Tư pháp tỉnh Hà Tĩnh", "1. Thẩm định, xử lý hồ sơ"])
            // once answered, the agency no longer sees the dossier
            #expect(try await agency.get(app, "/counter/dossiers/\(d.id!)").status == .forbidden)
            try await act(app, d, .complete(note: ""), "tuphap", at: "2026-03-03T10:00")
        }
    }

    @Test(arguments: TestDatabase.all)
    func consultationTimeIsLeftOutWhereTheProcedureSaysSo(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the procedure excludes time at other agencies
            let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
            var p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            p.consultationExcluded = true
            try await ProcedureEditing.save(
                p, as: record, unit: UnitQueries.find(code: "000.00.31.H42", on: app.db),
                effectiveFrom: LocalDate(parsing: "2025-07-01"), actor: .system("t"), on: app.db)
            let d = try await setup(app, at: "2026-03-02T08:00")  // due Thursday 08:00
            // act: two working days at the Sở
            try await send(
                app, d, ["action": "transfer", "unit": "000.20.00.H42", "request": "Xác minh"], "tuphap",
                at: "2026-03-02T09:00")
            try await act(app, d, .answerTransfer(answer: "Xong"), "sotuphap", at: "2026-03-04T09:00")
            // check: the 23 working hours left at the transfer start again at its return
            let now = try #require(try await DossierRecord.find(d.id, on: app.db))
            #expect(show(Instant(seconds: now.dueAt!)) == "2026-03-09T08:00:00+07:00")
        }
    }
}
