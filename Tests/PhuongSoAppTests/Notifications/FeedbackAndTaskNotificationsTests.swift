import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The two notifications beyond dossiers: a feedback item's answer to its submitter when it is
/// published, and task reminders to an official who consented on their account.
@Suite struct FeedbackAndTaskNotificationsTests {
    typealias F = FeedbackServiceTests

    /// Takes a received complaint through routing, a drafted answer and approval to publication.
    static func publish(_ app: Application, _ people: F.People, _ id: UUID, answer: String) async throws {
        let now = Date()
        let tuphap = try #require(people.official.user)
        let r = try #require(try await FeedbackRecord.find(id, on: app.db))
        if r.status == .received {
            _ = try await FeedbackService.route(
                id, fieldID: nil, handlerID: tuphap.id, note: "", actor: people.office, now: now, on: app.db)
        }
        _ = try await FeedbackService.draftAnswer(
            id, answer: answer, verdict: r.kind == .official ? .upheld : nil, actor: people.official, now: now,
            on: app.db)
        _ = try await FeedbackService.approve(id, actor: people.leader, now: now, utcOffset: F.offset, on: app.db)
        _ = try await FeedbackService.publish(id, actor: people.office, now: now, utcOffset: F.offset, on: app.db)
    }

    static func messages(_ app: Application, feedback id: UUID) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: app.db).filter(\.$feedback.$id == id).sort(\.$queuedAt).all()
    }

    static func complaint(contact: String) -> FeedbackService.SubmitInput {
        var input = F.complaint()
        input.contact = contact
        return input
    }

    @Test(arguments: TestDatabase.all)
    func publishingAnAnswerQueuesOneMessageToTheSubmitterAndPublishingAgainAfterReopeningAnother(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db) { app in
            // setup
            let people = try await F.People(app)
            let item = try await F.submit(app, people, Self.complaint(contact: "an.nguyen@example.vn"))
            let id = try item.requireID()
            // act
            try await Self.publish(app, people, id, answer: "Phường đã xác minh: phản ánh đúng, đã nhắc nhở cán bộ.")
            // check: one e-mail to the address given for the answer, in the publication's transaction
            var rows = try await Self.messages(app, feedback: id)
            #expect(rows.count == 1)
            let first = try #require(rows.first)
            #expect(first.kind == .feedbackAnswered && first.channel == .email && first.status == .queued)
            #expect(first.recipient == "an.nguyen@example.vn" && first.$dossier.id == nil)
            #expect(first.subject == "Phản ánh, kiến nghị \(item.code) đã có trả lời")
            #expect(
                first.body.contains("Cán bộ tư pháp hẹn lại nhiều lần") && first.body.contains("đã nhắc nhở cán bộ"))
            #expect(first.body.contains("/feedback/track?code=\(item.code)&secret=\(item.secret)"))
            #expect(!first.body.contains("0912345678"), "the mail quotes the published copy, without the phone")
            // act: unhappy, reopened once, answered and published again
            _ = try await FeedbackService.rate(
                id, rating: "not-satisfied", reopen: true, comment: "Chưa nêu biện pháp khắc phục",
                actor: people.citizen, now: Date(), utcOffset: F.offset, on: app.db)
            #expect(try await Self.messages(app, feedback: id).count == 1, "reopening sends nothing")
            try await Self.publish(app, people, id, answer: "Phường đã xác minh lại và xin lỗi ông.")
            // check: a second message, with the new answer
            rows = try await Self.messages(app, feedback: id)
            #expect(rows.count == 2 && rows[1].body.contains("xin lỗi ông"))
            // a phone number given for the answer is sent a text message
            let byPhone = try await F.submit(app, people, Self.complaint(contact: "0912 345 678"))
            try await Self.publish(app, people, try byPhone.requireID(), answer: "Phường đã xác minh và trả lời.")
            let sms = try await Self.messages(app, feedback: try byPhone.requireID())
            #expect(sms.count == 1 && sms[0].channel == .sms && sms[0].recipient == "0912345678")
            #expect(sms[0].body.contains(byPhone.code) && sms[0].body.count < 300)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anItemFromARatingWhoseApplicantDidNotConsentGetsNoMessageAndItsPageSaysSo(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the applicant gave a phone number at intake but chose no notification
            let people = try await F.People(app)
            let d = try await F.returnedDossier(app, phone: "0987654321")
            try await ProcessingService.rate(
                d, level: "not-satisfied", comment: "Chờ lâu, phải đi lại hai lần", now: Date(), utcOffset: F.offset,
                on: app.db)
            let item = try #require(
                try await FeedbackRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).first())
            // act
            try await Self.publish(app, people, try item.requireID(), answer: "Phường đã rà soát quy trình hộ tịch.")
            // check
            #expect(try await FeedbackRecord.find(item.requireID(), on: app.db)?.status == .published)
            #expect(try await Self.messages(app, feedback: try item.requireID()).isEmpty)
            let page = try await app.webSession("vanphong").get(app, FeedbackPaths.item(try item.requireID()))
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Người nộp hồ sơ không đăng ký nhận thông báo"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRefusingMailServerKeepsTheAnswerQueuedAndThePublicationStands(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let people = try await F.People(app)
            let item = try await F.submit(app, people, Self.complaint(contact: "an.nguyen@example.vn"))
            let id = try item.requireID()
            try await Self.publish(app, people, id, answer: "Phường đã xác minh và nhắc nhở cán bộ.")
            let refusing = try await TinySMTPServer.start(rcptReply: "451 4.3.0 try again later")
            let senders = NotificationsTests().smtp(app, port: refusing.port)
            // act
            let first = try await NotificationDelivery.deliverDue(now: app.now, senders: senders, on: app.db)
            try await refusing.stop()
            // check: kept for the next try, the answer still published
            #expect(first == .init(sent: 0, retrying: 1, gaveUp: 0))
            let row = try #require(try await Self.messages(app, feedback: id).first)
            #expect(row.status == .queued && row.attempts == 1 && row.lastReason.contains("mã 451"))
            #expect(try await FeedbackRecord.find(id, on: app.db)?.status == .published)
            // act: the next try reaches a working server
            let server = try await TinySMTPServer.start()
            let second = try await NotificationDelivery.deliverDue(
                now: app.now.addingTimeInterval(61), senders: NotificationsTests().smtp(app, port: server.port),
                on: app.db)
            try await server.stop()
            // check: the Vietnamese subject arrives encoded; the log on the item's page and over the API
            #expect(second == .init(sent: 1, retrying: 0, gaveUp: 0))
            let mail = try #require(server.received.map(ReceivedMail.init).first)
            #expect(mail.subject == "Phản ánh, kiến nghị \(item.code) đã có trả lời")
            #expect(server.received.allSatisfy { $0.allSatisfy { $0.isASCII } })
            let page = try await app.webSession("vanphong").get(app, FeedbackPaths.item(id)).body.string
            #expect(page.contains("Báo đã trả lời phản ánh, kiến nghị") && page.contains("Gửi thành công lúc "))
            #expect(page.contains("Gửi không thành công lúc ") && !page.contains("4.3.0"))
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/feedback/\(id)/notifications", headers: bearer(try await app.token("vanphong")))
            let body = try api.content.decode(NotificationsAPI.FeedbackNotifications.self)
            #expect(body.consent == "email" && body.code == item.code && body.notifications.count == 1)
            #expect(body.notifications[0].status == "sent" && body.notifications[0].log.count == 2)
            let audit = try await AuditRecord.query(on: app.db).filter(\.$action == "notification.sent").first()
            #expect(audit?.entity == "feedback" && audit?.entityID == item.code)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aTaskReminderReachesOnlyALeadWhoConsentedWithAnAddress(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: vanhoa consented to e-mail (demo); diachinh takes the consent back on their own page
            let web = try await app.webSession("diachinh")
            let off = try await web.post(app, AccountPaths.contact, form: ["email": "diachinh@phuongso.example"])
            #expect(off.status == .ok)
            let chair = try await TasksTests.user(app, "chutich")
            let ward = try await TasksTests.ward(app)
            var tasks: [TaskRecord] = []
            for lead in ["vanhoa", "diachinh"] {
                tasks.append(
                    try await TaskService.create(
                        try await TasksTests.draft(app, lead: lead, deadline: "2026-03-06"), unit: ward,
                        assigner: chair, actor: .system("t"), now: TasksTests.date("2026-03-02T08:00"),
                        utcOffset: F.offset, on: app.db))
            }
            // act: past half of the working time
            let written = try await TaskReminders.run(
                now: TasksTests.date("2026-03-04T15:00"), utcOffset: F.offset, on: app.db)
            // check: both reminded in the app, only vanhoa by e-mail
            let inApp = try await OutboxRecord.query(on: app.db).count()
            #expect(written == 2 && inApp == 2)
            let sent = try await NotificationRecord.query(on: app.db).filter(\.$kind == .taskReminder).all()
            #expect(sent.count == 1)
            let mail = try #require(sent.first)
            #expect(mail.recipient == "vanhoa@phuongso.example" && mail.channel == .email)
            #expect(mail.$task.id == tasks[0].id && mail.subject.hasPrefix("Nhắc hạn: Nhiệm vụ số \(tasks[0].number)"))
            #expect(mail.body.contains("Kính gửi Lê Thị Thu Trang") && mail.body.contains("/tasks/"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBadReminderAddressIsRefusedByItsFieldWithTheInputKeptAndNothingChanged(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let admin = try await app.webSession("quantri")
            let before = try await AccountQueries.find(username: "tuphap", on: app.db)
            // act
            let bad = try await admin.post(
                app, AccountPaths.user("tuphap"),
                form: [
                    "displayName": "Đặng Văn Đức", "role": "official", "unit": F.ward, "email": "duc@",
                    "phone": "09123", "notifyBy": "sms",
                ])
            // check
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Địa chỉ thư điện tử không hợp lệ"))
            #expect(bad.body.string.contains("Số điện thoại phải có 10 chữ số"))
            #expect(bad.body.string.contains("value=\"duc@\""))
            let after = try await AccountQueries.find(username: "tuphap", on: app.db)
            #expect(after.email == before.email && after.phone == before.phone && after.notifyBy == .email)
            // act: a good one is stored, and the admin's page shows it
            let good = try await admin.post(
                app, AccountPaths.user("tuphap"),
                form: [
                    "displayName": "Đặng Văn Đức", "role": "official", "unit": F.ward, "email": "",
                    "phone": "0912.345.678", "notifyBy": "sms",
                ])
            #expect(good.status == .ok)
            let saved = try await AccountQueries.find(username: "tuphap", on: app.db)
            #expect(saved.phone == "0912345678" && saved.notifyBy == .sms && saved.email.isEmpty)
            #expect(saved.staffContact.notificationContact == NotificationContact(channel: .sms, address: "0912345678"))
        }
    }
}
