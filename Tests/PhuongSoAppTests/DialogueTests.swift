import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting
import ZIPFoundation

@testable import PhuongSoApp

/// Dialogue conferences (Luật THDC ở cơ sở, Điều 32) and citizen reception (Luật Tiếp công dân,
/// Điều 15), through the pages, the public form and the API, on the ward's clock at 20/03/2026.
@Suite struct DialogueTests {
    static func onClock(_ local: String) -> (inout AppConfig) -> Void {
        { $0.clockOffset = TimeInterval(at(local).seconds) - Date().timeIntervalSince1970 }
    }

    static func id(_ app: Application, _ username: String) async throws -> String {
        try #require(try await UserRecord.query(on: app.db).filter(\.$username == username).first()?.id).uuidString
    }

    /// The office schedules a conference on `date`; returns its id.
    static func schedule(_ app: Application, _ office: WebSession, date: String) async throws -> UUID {
        let res = try await office.post(
            app, "/dialogue",
            form: [
                "title": "Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026", "date": date,
                "startTime": "08:00", "place": "Hội trường UBND phường",
                "agenda": "Thủ tục đất đai; chiếu sáng ngõ xóm",
                "chairID": try await id(app, "chutich"), "secretaryID": try await id(app, "vanphong"),
                "frontRepresentative": "Bà Lê Thị Hoa, Chủ tịch Ủy ban MTTQ phường",
                "invitees": "Nhân dân tổ dân phố 3\nHội Cựu chiến binh phường",
            ])
        #expect(res.status == .seeOther)
        let location = try #require(res.headers.first(name: .location))
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    /// The text of a DOCX's body, paragraphs on their own lines.
    static func docxText(_ data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let text = String(decoding: xml, as: UTF8.self)
            .replacingOccurrences(of: "</w:p>", with: "\n")
            .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        return text.replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(arguments: TestDatabase.all)
    func aConferenceHeldWithTwoQuestionsAndACommitmentPutsTheTaskInTheOfficialsListAndIssuesItsMinutes(
        db: TestDatabase
    ) async throws {
        try await withDemoApp(db, adjust: Self.onClock("2026-03-20T09:00")) { app in
            // setup: the office sees the yearly duty unmet, then schedules today's conference
            let office = try await app.webSession("vanphong")
            let before = try await office.get(app, "/dialogue?year=2026").body.string
            #expect(before.contains("Năm 2026 chưa tổ chức hội nghị đối thoại nào"))
            #expect(try await office.get(app, "/dialogue/new").status == .ok)
            let id = try await Self.schedule(app, office, date: "2026-03-20")
            // a feedback item of the ward the first question comes from
            var fb = FeedbackService.SubmitInput()
            fb.kind = FeedbackKind.procedure.rawValue
            fb.title = "Hồ sơ đất đai quá hạn"
            fb.text = "Hồ sơ của tôi đã quá hạn."
            fb.contact = "0905123456"
            let ward = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            let item = try await FeedbackService.submit(
                fb, channel: .online, attachment: nil, unit: ward,
                actor: .init(user: nil, audit: .system("test", at: app.now)), now: app.now, utcOffset: 7 * 3600,
                on: app.db)
            // act: two questions, their answers by named officials, a commitment, held, minutes
            let q1 = try await office.post(
                app, "/dialogue/\(id)/questions",
                form: [
                    "source": "feedback", "feedbackRef": item.code, "askerContact": "0905 123 456",
                    "text": "Khi nào có kết quả hồ sơ đất đai đã quá hạn?",
                ])
            let q2 = try await office.post(
                app, "/dialogue/\(id)/questions",
                form: [
                    "source": "meeting", "askerName": "Ông Trần Văn Hùng",
                    "text": "Đề nghị sửa đèn chiếu sáng ngõ 12 tổ dân phố 4.",
                ])
            #expect(q1.status == .seeOther && q2.status == .seeOther)
            let questions = try await ConferenceQuestionRecord.query(on: app.db).filter(\.$conference.$id == id)
                .sort(\.$number).all()
            #expect(questions.map(\.number) == [1, 2] && questions[0].askerContact == "0905123456")
            for (q, who, text) in [
                (questions[0], "diachinh", "Hồ sơ chờ kết quả đo đạc, sẽ trả trong 10 ngày làm việc."),
                (questions[1], "tuphap", "Phường tiếp thu, giao địa chính sửa trong tháng."),
            ] {
                let answered = try await office.post(
                    app, "/dialogue/questions/\(try q.requireID())/answer",
                    form: ["answer": text, "answeredByID": try await Self.id(app, who)])
                #expect(answered.status == .seeOther)
            }
            let committed = try await office.post(
                app, "/dialogue/\(id)/commitments",
                form: [
                    "text": "Sửa xong đèn chiếu sáng ngõ 12 tổ dân phố 4.",
                    "questionID": try questions[1].requireID().uuidString,
                    "product": "Biên bản nghiệm thu", "leadID": try await Self.id(app, "diachinh"),
                    "start": "2026-03-20",
                    "deadlineDate": "2026-04-10",
                ])
            #expect(committed.status == .seeOther)
            let held = try await office.post(
                app, "/dialogue/\(id)/held",
                form: [
                    "heldOn": "2026-03-20", "startTime": "08:00", "endTime": "10:30", "participants": "64",
                    "attendance": "Ông Nguyễn Văn An, Chủ tịch UBND phường\nNhân dân tổ dân phố 3",
                ])
            #expect(held.status == .seeOther)
            let minutes = try await office.post(
                app, "/dialogue/\(id)/minutes", form: ["minutesNumber": "03/BB-UBND", "minutesDate": "2026-03-20"])
            #expect(minutes.status == .seeOther)
            // check: the commitment is the land official's task, in his list, linked back to the conference
            let commitment = try #require(
                try await ConferenceCommitmentRecord.query(on: app.db).filter(\.$conference.$id == id).first())
            let task = try #require(try await TaskRecord.find(commitment.$task.id, on: app.db))
            #expect(task.sourceKind == .dialogueCommitment && task.sourceID == commitment.id)
            #expect(task.$lead.id.uuidString == (try await Self.id(app, "diachinh")) && task.deadline == "2026-04-10")
            let land = try await app.webSession("diachinh")
            let mine = try await land.get(app, "/tasks").body.string
            #expect(mine.contains("Thực hiện cam kết: Sửa xong đèn chiếu sáng ngõ 12"))
            let taskPage = try await land.get(app, "/tasks/\(try task.requireID())").body.string
            #expect(taskPage.contains("/dialogue/\(id)"))
            #expect(try await ConferenceRecord.find(id, on: app.db)?.status == .minutesIssued)
            // the staff's page names who answered; the public page shows answers and the task's progress, no contact
            let page = try await office.get(app, "/dialogue/\(id)").body.string
            #expect(
                page.contains("Trần Văn Bình") && page.contains("Đặng Văn Đức") && page.contains("Đã ban hành biên bản")
            )
            let publicPage = try await app.testing().sendRequest(.GET, "/conferences/\(id)").body.string
            #expect(publicPage.contains("Phường tiếp thu, giao địa chính sửa trong tháng."))
            #expect(publicPage.contains("Đã giao, 0%") && publicPage.contains("10/04/2026"))
            #expect(!publicPage.contains("0905123456") && !publicPage.contains("diachinh"))
            let after = try await office.get(app, "/dialogue?year=2026").body.string
            #expect(after.contains("Đã tổ chức 1 hội nghị đối thoại trong năm (lần đầu ngày 20/03/2026)"))
            // the minutes: Decree 30 header, title, questions and answers, the commitment, two signatures
            let docx = try await office.get(app, "/dialogue/\(id)/minutes.docx")
            #expect(docx.status == .ok && docx.headers.contentType?.description.contains("wordprocessingml") == true)
            let text = try Self.docxText(Data(buffer: docx.body))
            for expected in [
                "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Số: 03/BB-UBND",
                "BIÊN BẢN", "Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026",
                "Thời gian bắt đầu: 08 giờ 00, ngày 20 tháng 3 năm 2026", "Địa điểm: Hội trường UBND phường",
                "Khi nào có kết quả hồ sơ đất đai đã quá hạn?", "Đề nghị sửa đèn chiếu sáng ngõ 12 tổ dân phố 4.",
                "Trả lời (Trần Văn Bình): Hồ sơ chờ kết quả đo đạc", "Sửa xong đèn chiếu sáng ngõ 12 tổ dân phố 4.",
                "Hội nghị kết thúc vào 10 giờ 30", "THƯ KÝ", "CHỦ TỌA",
            ] {
                #expect(text.contains(expected), "the minutes lack “\(expected)”")
            }
            #expect(!text.contains("ngày 20 tháng 03 năm 2026\nBIÊN BẢN"))
            // every change left its audit line
            let actions = try await AuditRecord.query(on: app.db).all().map(\.action)
            for action in [
                "dialogue.create", "dialogue.question", "dialogue.answer", "dialogue.commitment", "task.create",
                "dialogue.held", "dialogue.minutes",
            ] {
                #expect(actions.contains(action), "no audit line \(action)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func badInputAndStepsOutOfTurnAreRefusedWithTheirMessageAndNothingChanges(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.onClock("2026-03-20T09:00")) { app in
            // setup
            let office = try await app.webSession("vanphong")
            // act + check: an empty title, an impossible time, no chair: all named, input kept, nothing stored
            let refused = try await office.post(
                app, "/dialogue",
                form: [
                    "title": "", "date": "2026-04-10", "startTime": "25:00", "place": "Nhà văn hóa tổ 3", "agenda": "x",
                ])
            let body = refused.body.string
            #expect(refused.status == .unprocessableEntity)
            #expect(body.contains("Vui lòng nhập tên hội nghị."))
            #expect(body.contains("Giờ bắt đầu “25:00” không phải là một giờ hợp lệ"))
            #expect(body.contains("Cần chọn người chủ trì hội nghị") && body.contains("Nhà văn hóa tổ 3"))
            #expect(try await ConferenceRecord.query(on: app.db).count() == 0)
            // a conference ahead cannot be held nor take a commitment; no task is made
            let ahead = try await Self.schedule(app, office, date: "2026-04-10")
            let early = try await office.post(
                app, "/dialogue/\(ahead)/held",
                form: [
                    "heldOn": "2026-03-20", "startTime": "08:00", "endTime": "10:00", "participants": "10",
                    "attendance": "A",
                ])
            #expect(early.status == .unprocessableEntity && early.body.string.contains("Hội nghị chưa diễn ra"))
            let tasks = try await TaskRecord.query(on: app.db).count()
            let commitment = try await office.post(
                app, "/dialogue/\(ahead)/commitments",
                form: [
                    "text": "Cam kết sớm", "product": "Báo cáo", "leadID": try await Self.id(app, "diachinh"),
                    "start": "2026-03-20", "deadlineDays": "5",
                ])
            #expect(
                commitment.status == .unprocessableEntity && commitment.body.string.contains("Hội nghị chưa diễn ra"))
            #expect(try await TaskRecord.query(on: app.db).count() == tasks)
            #expect(try await ConferenceRecord.find(ahead, on: app.db)?.status == .planned)
            // minutes with a question unanswered: refused, naming it; the conference stays held
            let today = try await Self.schedule(app, office, date: "2026-03-20")
            _ = try await office.post(
                app, "/dialogue/\(today)/questions",
                form: ["source": "meeting", "askerName": "Bà Nguyễn Thị Mai", "text": "Câu hỏi chưa trả lời"])
            _ = try await office.post(
                app, "/dialogue/\(today)/held",
                form: [
                    "heldOn": "2026-03-20", "startTime": "08:00", "endTime": "10:00", "participants": "10",
                    "attendance": "A",
                ])
            let unanswered = try await office.post(
                app, "/dialogue/\(today)/minutes", form: ["minutesNumber": "04/BB-UBND", "minutesDate": "2026-03-20"])
            #expect(unanswered.status == .unprocessableEntity)
            #expect(unanswered.body.string.contains("còn 1 câu hỏi chưa ghi câu trả lời (câu số 1)"))
            #expect(try await ConferenceRecord.find(today, on: app.db)?.status == .held)
            // an official may read but not write
            let official = try await app.webSession("tuphap")
            #expect(try await official.get(app, "/dialogue/\(today)").status == .ok)
            #expect(try await official.post(app, "/dialogue/\(today)/minutes", form: [:]).status == .forbidden)
            // the API refuses an empty body field by field
            let token = try await app.token("vanphong")
            let api = try await app.testing().sendRequest(
                .POST, "/api/v1/dialogue/conferences", headers: bearer(token),
                beforeRequest: { try $0.content.encode([String: String](), as: .json) })
            #expect(api.status == .unprocessableEntity && api.body.string.contains("title"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aResidentSendsAQuestionFromThePhoneFormAndARefusalKeepsWhatTheyTyped(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.onClock("2026-03-20T09:00")) { app in
            // setup: a conference three weeks ahead, scheduled over the API
            let token = try await app.token("vanphong")
            let created = try await app.testing().sendRequest(
                .POST, "/api/v1/dialogue/conferences", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        DialogueAPI.NewConference(
                            title: "Hội nghị đối thoại năm 2026", date: "2026-04-10", startTime: "14:00",
                            place: "Nhà văn hóa tổ dân phố 3", agenda: "Trật tự đô thị", chair: "chutich",
                            secretary: "vanphong", frontRepresentative: "Ủy ban MTTQ phường",
                            invitees: ["Nhân dân tổ dân phố 3"]), as: .json)
                })
            #expect(created.status == .created)
            let id = try created.content.decode(DialogueJSON.Conference.self).id
            let list = try await app.testing().sendRequest(.GET, "/conferences").body.string
            #expect(list.contains("Hội nghị đối thoại năm 2026") && list.contains("đang nhận câu hỏi"))
            let first = try await app.testing().sendRequest(.GET, "/conferences/\(id)")
            #expect(first.body.string.contains("name=\"viewport\"") && first.body.string.contains("Gửi câu hỏi"))
            let phone = WebSession(cookie: first.cookieHeader, csrf: WebSession.csrf(in: first.body.string))
            // act: a contact that is neither a phone nor an e-mail, a question too long
            let refused = try await phone.post(
                app, "/conferences/\(id)/questions",
                form: ["askerName": "Lê Văn Tám", "askerContact": "abc", "text": String(repeating: "a", count: 2001)])
            // check: both named, the name kept, nothing stored
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.string.contains(
                    "không phải số điện thoại (10 chữ số, bắt đầu bằng 0) hoặc địa chỉ thư điện tử"))
            #expect(refused.body.string.contains("Nội dung câu hỏi dài quá 2000 ký tự."))
            #expect(refused.body.string.contains("value=\"Lê Văn Tám\""))
            #expect(try await ConferenceQuestionRecord.query(on: app.db).count() == 0)
            // act: sent properly, with an e-mail address
            let sent = try await phone.post(
                app, "/conferences/\(id)/questions",
                form: ["askerName": "Lê Văn Tám", "askerContact": "tam@example.vn", "text": "Khi nào lát lại vỉa hè?"])
            #expect(sent.status == .seeOther && sent.headers.first(name: .location) == "/conferences/\(id)?sent=1#ask")
            let q = try #require(try await ConferenceQuestionRecord.query(on: app.db).first())
            #expect(q.source == .publicSite && q.askerName == "Lê Văn Tám" && q.askerContact == "tam@example.vn")
            let thanks = try await app.testing().sendRequest(.GET, "/conferences/\(id)?sent=1").body.string
            #expect(thanks.contains("Đã nhận câu hỏi của bạn") && !thanks.contains("Lê Văn Tám"))
            // the office sees it with its contact
            let office = try await app.webSession("vanphong")
            let page = try await office.get(app, "/dialogue/\(id)").body.string
            #expect(page.contains("Khi nào lát lại vỉa hè?") && page.contains("tam@example.vn"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func receptionDaysAreScheduledAndLoggedAndAWeekWithoutOneIsNamed(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.onClock("2026-01-15T09:00")) { app in
            // setup
            let office = try await app.webSession("vanphong")
            // act: a reception day on Thursday 15 Jan only
            let scheduled = try await office.post(
                app, "/reception/days",
                form: [
                    "date": "2026-01-15", "hostID": try await Self.id(app, "chutich"), "place": "Phòng tiếp công dân",
                ])
            #expect(scheduled.status == .seeOther)
            let dayID = try #require(try await ReceptionDayRecord.query(on: app.db).first()?.requireID())
            let logged = try await office.post(
                app, "/reception/\(dayID)/visits",
                form: [
                    "citizenName": "Hoàng Thị Lan", "subject": "Đăng ký thường trú cho con", "outcome": "guided",
                    "response": "Hướng dẫn nộp tại Bộ phận Một cửa",
                ])
            #expect(logged.status == .seeOther)
            // a second day on the same date is refused, the input kept
            let twice = try await office.post(
                app, "/reception/days",
                form: ["date": "2026-01-15", "hostID": try await Self.id(app, "chutich"), "place": "Phòng họp số 2"])
            #expect(twice.status == .unprocessableEntity && twice.body.string.contains("15/01/2026 đã có trong lịch"))
            #expect(twice.body.string.contains("Phòng họp số 2"))
            // check: the weeks of 29/12 and 05/01 have none; the week of 12/01 has one
            let page = try await office.get(app, "/reception?year=2026").body.string
            #expect(page.contains("2 tuần chưa có ngày tiếp công dân"))
            #expect(page.contains("Tuần 05/01/2026 – 11/01/2026") && !page.contains("Tuần 12/01/2026"))
            let day = try await office.get(app, "/reception/\(dayID)").body.string
            #expect(day.contains("Hoàng Thị Lan") && day.contains("Đã hướng dẫn") && day.contains("Nguyễn Văn Hùng"))
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/reception?year=2026", headers: bearer(try await app.token("chutich")))
            let year = try api.content.decode(DialogueJSON.ReceptionYear.self)
            #expect(year.days.count == 1 && year.days[0].visits.count == 1 && year.weeksWithoutReception.count == 2)
        }
    }
}
