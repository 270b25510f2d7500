import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

@Suite struct NotificationsTests {
    /// A received fee dossier (50.000 đồng) whose applicant gave `email` and chose `notifyBy`.
    func receive(_ app: Application, email: String, notifyBy: NotificationChannel?, id: String = "042190001111")
        async throws -> DossierRecord
    {
        try await FeeDossiers.complete(app)
        let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
        let record = try await CatalogQueries.find(code: FeeDossiers.procedure, unitCode: nil, on: app.db)
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Trần Thị Mai", idNumber: id, email: email, notifyBy: notifyBy),
                submitted: ["Hợp đồng, giao dịch", "Giấy tờ tùy thân"], sets: 1, decision: .receive),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("t"), now: app.now, utcOffset: 7 * 3600,
            on: app.db)
    }

    func messages(_ app: Application, _ d: DossierRecord) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).sort(\.$queuedAt)
            .sort(\.$kind).all()
    }

    func smtp(_ app: Application, port: Int) -> MessageSenders {
        MessageSenders(
            email: SMTPSender(
                settings: .init(
                    host: "127.0.0.1", port: port, username: nil, password: nil, fromAddress: "motcua@phuong.example",
                    fromName: "UBND phường Thành Sen"), group: app.eventLoopGroup, utcOffset: 7 * 3600,
                timeout: .seconds(10)))
    }

    @Test(arguments: TestDatabase.all)
    func theOutboxRowIsWrittenWithTheChangeAndOnlyForAnApplicantWhoConsented(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let consented = try await receive(app, email: "mai@example.vn", notifyBy: .email)
            let silent = try await receive(app, email: "lan@example.vn", notifyBy: nil, id: "042190002222")
            // act
            try await FeeDossiers.driveToDone(app, consented)
            try await FeeDossiers.driveToDone(app, silent)
            // check: received, then the result ready and the fee still owed — all queued for mai only
            let rows = try await messages(app, consented)
            #expect(Set(rows.map(\.kind)) == [.received, .resultReady, .feeOwed])
            #expect(rows.allSatisfy { $0.status == .queued && $0.attempts == 0 && $0.recipient == "mai@example.vn" })
            let ready = try #require(rows.first { $0.kind == .resultReady })
            #expect(ready.subject == "Hồ sơ đã có kết quả: \(consented.code!)")
            #expect(ready.body.contains("«Chứng thực") && ready.body.contains(consented.secret))
            #expect(try await messages(app, silent).isEmpty)
            #expect(try await FeeDossiers.reload(app, silent).state == .done)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aConsentingApplicantsMailArrivesAtTheSMTPServerWithTheVietnameseSubjectEncoded(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db) { app in
            // setup
            let server = try await TinySMTPServer.start()
            let d = try await receive(app, email: "mai@example.vn", notifyBy: .email)
            try await FeeDossiers.driveToDone(app, d)
            // act
            let summary = try await NotificationDelivery.deliverDue(
                now: app.now, senders: smtp(app, port: server.port), on: app.db)
            try await server.stop()
            // check
            #expect(summary == .init(sent: 3, retrying: 0, gaveUp: 0))
            let mails = server.received.map(ReceivedMail.init)
            #expect(mails.count == 3)
            let ready = try #require(mails.first { $0.subject.lowercased().contains("hồ sơ đã có kết quả") })
            #expect(ready.subject == "Hồ sơ đã có kết quả: \(d.code!)")
            #expect(server.received.allSatisfy { $0.allSatisfy { $0.isASCII } })
            #expect(ready.headers["Content-Type"] == "text/plain; charset=UTF-8")
            #expect(ready.headers["To"] == "mai@example.vn" && ready.headers["Message-ID"]?.hasPrefix("<") == true)
            #expect(ready.body.contains("Kính gửi ông/bà Trần Thị Mai") && ready.body.contains(d.code!))
            #expect(try await messages(app, d).allSatisfy { $0.status == .sent && $0.attempts == 1 })
            // the log on the dossier's page and over the API
            let page = try await app.webSession("motcua").get(app, "/counter/dossiers/\(d.id!)").body.string
            #expect(page.contains("Thông báo cho người nộp") && page.contains("Báo hồ sơ đã có kết quả"))
            #expect(page.contains("Đã gửi lúc ") && page.contains("Gửi thành công lúc "))
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/dossiers/\(d.id!)/notifications", headers: bearer(try await app.token("motcua")))
            #expect(api.status == .ok)
            let body = try api.content.decode(NotificationsAPI.Notifications.self)
            #expect(body.consent == "email" && body.notifications.count == 3)
            #expect(body.notifications.allSatisfy { $0.status == "sent" && $0.log.count == 1 && $0.log[0].sent })
            #expect(
                try await AuditRecord.query(on: app.db).filter(\.$action == "notification.sent").count() == 3)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRefusingOrDownServerKeepsTheMessageQueuedWithTheNextTryByTheBackOff(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a server that refuses the recipient
            let server = try await TinySMTPServer.start(rcptReply: "550 5.1.1 mailbox unavailable")
            let d = try await receive(app, email: "mai@example.vn", notifyBy: .email)
            let senders = smtp(app, port: server.port)
            let t = app.now.addingTimeInterval(10)
            let seconds = Int64(t.timeIntervalSince1970)
            // act: refused
            let first = try await NotificationDelivery.deliverDue(now: t, senders: senders, on: app.db)
            // check: kept, the try counted, tried again a minute later
            #expect(first == .init(sent: 0, retrying: 1, gaveUp: 0))
            var row = try #require(try await messages(app, d).first)
            #expect(row.status == .queued && row.attempts == 1 && row.nextTryAt == seconds + 60)
            #expect(row.lastReason.contains("từ chối địa chỉ người nhận (mã 550"))
            // not yet due: nothing is tried
            let early = try await NotificationDelivery.deliverDue(
                now: t.addingTimeInterval(30), senders: senders, on: app.db)
            #expect(early == .init())
            // act: the server is down at the next try
            try await server.stop()
            let second = try await NotificationDelivery.deliverDue(
                now: t.addingTimeInterval(60), senders: senders, on: app.db)
            // check: still queued, four minutes later; the dossier's change stands
            #expect(second == .init(sent: 0, retrying: 1, gaveUp: 0))
            row = try #require(try await messages(app, d).first)
            #expect(row.status == .queued && row.attempts == 2 && row.nextTryAt == seconds + 60 + 240)
            #expect(row.lastReason.hasPrefix("Không kết nối được máy chủ gửi thư"))
            #expect(try await FeeDossiers.reload(app, d).state == .received)
            let page = try await app.webSession("motcua").get(app, "/counter/dossiers/\(d.id!)").body.string
            #expect(page.contains("Gửi không thành công lúc ") && page.contains("; thử lại lúc "))
            #expect(!page.contains("5.1.1"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func choosingAChannelWithoutItsAddressIsRefusedAtTheCounterWithTheInputKept(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let clerk = try await app.webSession("motcua")
            let form = [
                "name": "Trần Văn Bình", "idNumber": "042095001111", "notifyBy": "email", "decision": "receive",
                "sets": "1", "submitted[]": "0",
            ]
            // act
            let page = try await clerk.post(app, "/counter/new/1.001193", form: form)
            // check
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("Để nhận thông báo qua thư điện tử, vui lòng nhập địa chỉ thư điện tử."))
            #expect(page.body.string.contains(#"id="f-notify-email" name="notifyBy" value="email" checked="checked""#))
            #expect(try await DossierRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func theSettingsComeFromTheEnvironment() throws {
        // act
        let s = try NotificationSettings.fromEnvironment([
            "PHUONGSO_SMTP_URL": "smtp://user:p%40ss@mail.example:2525",
            "PHUONGSO_MAIL_FROM": "UBND phường Thành Sen <motcua@phuong.example>", "PHUONGSO_SMS_MODE": "record",
        ])
        // check
        #expect(s.smtp?.host == "mail.example" && s.smtp?.port == 2525 && s.smtp?.password == "p@ss")
        #expect(s.smtp?.fromName == "UBND phường Thành Sen" && s.smtp?.fromAddress == "motcua@phuong.example")
        #expect(s.recordSMS && s.sms == nil)
        #expect(throws: ConfigError.self) {
            try NotificationSettings.fromEnvironment(["PHUONGSO_SMTP_URL": "smtp://mail.example"])
        }
    }
}
