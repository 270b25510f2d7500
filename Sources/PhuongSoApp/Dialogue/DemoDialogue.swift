import Fluent
import Foundation
import PhuongSoCore

/// Illustrative demo records, built through the same services as the pages: last year's dialogue
/// conference held with two questions answered, one commitment (a task led by the land official)
/// and its minutes; this year's conference scheduled a month ahead with one question from the
/// public page; and the chairman's weekly reception days of the last eight weeks with a few visits.
/// Every conference is marked illustrative, and its pages say so.
package enum DemoDialogue {
    package static func load(ward: UnitRecord, on db: Database, now: Date, utcOffset: Int) async throws {
        let staff = try await TaskService.owners(of: try ward.requireID(), on: db)
        guard let chair = staff.first(where: { $0.username == "chutich" }),
            let office = staff.first(where: { $0.username == "vanphong" }),
            let land = staff.first(where: { $0.username == "diachinh" }),
            let justice = staff.first(where: { $0.username == "tuphap" })
        else { return }
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        func at(_ day: LocalDate, hour: Int) -> Date {
            Date(
                timeIntervalSince1970: TimeInterval(
                    LocalDateTime(date: day, secondOfDay: hour * 3600, utcOffset: utcOffset).instant.seconds))
        }
        // last year's conference, early in November (outside the first quarter's report period)
        let heldDay = try LocalDate(year: today.year - 1, month: 11, day: 5)
        let actor = { (day: LocalDate, hour: Int) in AuditActor.system("demo", at: at(day, hour: hour)) }
        var input = DialogueService.ConferenceInput()
        input.title = "Hội nghị đối thoại giữa Chủ tịch UBND \(ward.name) với Nhân dân năm \(heldDay.year) (minh họa)"
        input.date = heldDay.description
        input.startTime = "08:00"
        input.place = "Hội trường UBND \(ward.name)"
        input.agenda = """
            Đối thoại về việc giải quyết thủ tục hành chính lĩnh vực đất đai và chỉnh trang hạ tầng các tổ dân phố.
            (Nội dung minh họa của dữ liệu mẫu.)
            """
        input.chairID = try chair.requireID().uuidString
        input.secretaryID = try office.requireID().uuidString
        input.frontRepresentative = "Bà Lê Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam phường (minh họa)"
        input.invitees = "Nhân dân các tổ dân phố 1 đến 6\nĐại diện Hội Cựu chiến binh, Hội Phụ nữ phường"
        let past = try await DialogueService.create(
            input, unit: ward, illustrative: true, actor: actor(heldDay.adding(days: -20), 9),
            now: at(heldDay.adding(days: -20), hour: 9), on: db)
        let pastID = try past.requireID()
        var q1 = DialogueService.QuestionInput()
        q1.askerName = "Nguyễn Thị Mai (minh họa)"
        q1.text = "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi đã quá hạn, khi nào có kết quả?"
        let first = try await DialogueService.addQuestion(
            pastID, q1, fromPublic: true, actor: actor(heldDay.adding(days: -10), 20),
            now: at(heldDay.adding(days: -10), hour: 20), today: heldDay.adding(days: -10), on: db)
        var q2 = DialogueService.QuestionInput()
        q2.source = QuestionSource.meeting.rawValue
        q2.askerName = "Trần Văn Hùng, tổ dân phố 4 (minh họa)"
        q2.text = "Đề nghị phường sửa đèn chiếu sáng ngõ 12 tổ dân phố 4, đã hỏng hơn một tháng."
        let second = try await DialogueService.addQuestion(
            pastID, q2, fromPublic: false, actor: actor(heldDay, 9), now: at(heldDay, hour: 9), today: heldDay,
            on: db)
        for (q, who, text) in [
            (
                first, land,
                "Hồ sơ đang chờ kết quả đo đạc; phường đã gửi văn bản xin lỗi và hẹn trả kết quả trong 10 ngày làm việc."
            ),
            (second, justice, "Phường tiếp thu, giao bộ phận địa chính – xây dựng sửa chữa (xem cam kết số 1)."),
        ] {
            var a = DialogueService.AnswerInput()
            a.answer = text
            a.answeredByID = try who.requireID().uuidString
            _ = try await DialogueService.answer(
                try q.requireID(), a, actor: actor(heldDay, 10), now: at(heldDay, hour: 10), today: heldDay, on: db)
        }
        var m = DialogueService.CommitmentInput()
        m.text = "Sửa xong đèn chiếu sáng ngõ 12 tổ dân phố 4 trong 10 ngày làm việc."
        m.questionID = try second.requireID().uuidString
        m.product = "Biên bản nghiệm thu sửa chữa đèn chiếu sáng"
        m.leadID = try land.requireID().uuidString
        m.start = heldDay.description
        m.deadlineDays = "10"
        let (_, task) = try await DialogueService.addCommitment(
            pastID, m, assigner: try CurrentUser(chair), actor: actor(heldDay, 11), now: at(heldDay, hour: 11),
            today: heldDay, utcOffset: utcOffset, on: db)
        // kept: the lights were mended and the chairman accepted the work
        for (days, who, command) in [
            (7, land, TaskCommand.submit(note: "Đã thay 6 bóng đèn, nghiệm thu với tổ dân phố (minh họa)")),
            (8, chair, TaskCommand.accept(.meets, note: "Đạt yêu cầu")),
        ] {
            let day = heldDay.adding(days: days)
            _ = try await TaskService.apply(
                command, to: try task.requireID(), revision: nil, by: try CurrentUser(who), actor: actor(day, 15),
                now: at(day, hour: 15), utcOffset: utcOffset, on: db)
        }
        var held = DialogueService.HeldInput()
        held.heldOn = heldDay.description
        held.startTime = "08:00"
        held.endTime = "11:00"
        held.participants = "86"
        held.attendance = """
            \(chair.displayName), Chủ tịch UBND phường
            Bà Lê Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam phường (minh họa)
            \(land.displayName), \(justice.displayName): công chức chuyên môn
            Nhân dân các tổ dân phố 1 đến 6
            """
        _ = try await DialogueService.markHeld(
            pastID, held, actor: actor(heldDay, 11), now: at(heldDay, hour: 11), today: heldDay, on: db)
        var minutes = DialogueService.MinutesInput()
        minutes.number = "12/BB-UBND"
        minutes.date = heldDay.description
        _ = try await DialogueService.issueMinutes(
            pastID, minutes, actor: actor(heldDay, 16), now: at(heldDay, hour: 16), today: heldDay, on: db)

        // this year's conference, a month ahead, with one question from the public page
        let ahead = today.adding(days: 30)
        input.title = "Hội nghị đối thoại giữa Chủ tịch UBND \(ward.name) với Nhân dân năm \(ahead.year) (minh họa)"
        input.date = ahead.description
        input.agenda = """
            Đối thoại về cải cách thủ tục hành chính, dịch vụ công trực tuyến và trật tự đô thị.
            (Nội dung minh họa của dữ liệu mẫu.)
            """
        let next = try await DialogueService.create(
            input, unit: ward, illustrative: true, actor: actor(today, 8), now: at(today, hour: 8), on: db)
        var q3 = DialogueService.QuestionInput()
        q3.askerName = "Phạm Văn Long (minh họa)"
        q3.text = "Phường có hỗ trợ người cao tuổi nộp hồ sơ trực tuyến tại nhà không?"
        _ = try await DialogueService.addQuestion(
            try next.requireID(), q3, fromPublic: true, actor: actor(today, 8), now: at(today, hour: 8), today: today,
            on: db)

        // the chairman's reception day each Thursday of the last eight weeks
        for week in 0..<8 {
            let monday = DialogueRequirements.Week(containing: today).monday.adding(days: -7 * week)
            let thursday = monday.adding(days: 3)
            guard thursday <= today else { continue }
            var day = ReceptionService.DayInput()
            day.date = thursday.description
            day.hostID = try chair.requireID().uuidString
            day.place = "Phòng tiếp công dân, trụ sở UBND \(ward.name)"
            let d = try await ReceptionService.scheduleDay(
                day, unit: ward, actor: actor(thursday, 7), now: at(thursday, hour: 7), on: db)
            guard week < 2 else { continue }
            var visit = ReceptionService.VisitInput()
            visit.citizenName = week == 0 ? "Hoàng Thị Lan (minh họa)" : "Đỗ Văn Nam (minh họa)"
            visit.citizenAddress = "Tổ dân phố \(week + 2)"
            visit.subject =
                week == 0
                ? "Hỏi về thủ tục đăng ký thường trú cho con." : "Kiến nghị về việc xây dựng lấn chiếm lối đi chung."
            visit.outcome = week == 0 ? ReceptionOutcome.guided.rawValue : ReceptionOutcome.followUp.rawValue
            visit.response =
                week == 0
                ? "Đã hướng dẫn nộp hồ sơ tại Bộ phận Một cửa hoặc trên Cổng dịch vụ công."
                : "Giao công chức địa chính – xây dựng kiểm tra, trả lời trong 10 ngày làm việc."
            _ = try await ReceptionService.logVisit(
                try d.requireID(), visit, actor: actor(thursday, 9), now: at(thursday, hour: 9), today: thursday,
                on: db)
        }
    }
}
