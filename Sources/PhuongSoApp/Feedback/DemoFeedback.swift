import Fluent
import Foundation
import PhuongSoCore

/// Illustrative feedback for the demo ward, made through `FeedbackService` like any item: one about
/// a procedure answered, approved, published and rated last month; one about the neighbourhood with
/// the land official now; one suggestion waiting to be routed. Names, phone numbers and texts are
/// invented and say so.
package enum DemoFeedback {
    package static func load(ward: UnitRecord, on db: Database, now: Date, utcOffset: Int) async throws {
        let staff = try await TaskService.owners(of: try ward.requireID(), on: db)
        guard let chair = staff.first(where: { $0.username == "chutich" }),
            let office = staff.first(where: { $0.username == "vanphong" }),
            let land = staff.first(where: { $0.username == "diachinh" }),
            let justice = staff.first(where: { $0.username == "tuphap" })
        else { return }
        let today = FeedbackService.today(now, utcOffset)
        func at(_ daysAgo: Int, hour: Int = 9) -> Date {
            Date(
                timeIntervalSince1970: TimeInterval(
                    LocalDateTime(date: today.adding(days: -daysAgo), secondOfDay: hour * 3600, utcOffset: utcOffset)
                        .instant.seconds))
        }
        func actor(_ user: UserRecord?, _ daysAgo: Int, hour: Int = 9) throws -> FeedbackService.Actor {
            FeedbackService.Actor(
                user: try user.map(CurrentUser.init), audit: .system("demo", at: at(daysAgo, hour: hour)))
        }
        func submit(_ kind: FeedbackKind, _ title: String, _ text: String, place: String = "", daysAgo: Int)
            async throws -> UUID
        {
            var input = FeedbackService.SubmitInput()
            input.kind = kind.rawValue
            input.title = title
            input.text = text + " (Nội dung minh họa của dữ liệu mẫu.)"
            input.name = "Người dân (minh họa)"
            input.contact = "0900000000"
            input.place = place
            return try await FeedbackService.submit(
                input, channel: .online, attachment: nil, unit: ward, actor: try actor(nil, daysAgo, hour: 20),
                now: at(daysAgo, hour: 20), utcOffset: utcOffset, on: db
            ).requireID()
        }
        // answered and published last month, rated satisfied
        let first = try await submit(
            .procedure, "Hỏi thời hạn đăng ký khai sinh cho con (minh họa)",
            "Con tôi sinh được 70 ngày, tôi có bị phạt khi đăng ký khai sinh muộn không?", daysAgo: 40)
        _ = try await FeedbackService.route(
            first, fieldID: nil, handlerID: try justice.requireID(), note: "", actor: try actor(office, 39),
            now: at(39), on: db)
        _ = try await FeedbackService.draftAnswer(
            first,
            answer: """
                UBND phường trả lời: theo Luật Hộ tịch, cha mẹ đăng ký khai sinh cho con trong 60 ngày kể từ ngày sinh. \
                Quá thời hạn vẫn được đăng ký; mức xử phạt hành chính do cơ quan có thẩm quyền quyết định theo quy định \
                hiện hành. Ông/Bà mang giấy chứng sinh và giấy tờ tùy thân đến Bộ phận Một cửa để được hướng dẫn. \
                (Câu trả lời minh họa.)
                """, verdict: nil, actor: try actor(justice, 36), now: at(36), on: db)
        _ = try await FeedbackService.approve(
            first, actor: try actor(chair, 35), now: at(35), utcOffset: utcOffset, on: db)
        _ = try await FeedbackService.publish(
            first, actor: try actor(office, 35, hour: 14), now: at(35, hour: 14), utcOffset: utcOffset, on: db)
        _ = try await FeedbackService.rate(
            first, rating: FeedbackRating.satisfied.rawValue, reopen: false, comment: "",
            actor: try actor(nil, 33, hour: 19), now: at(33, hour: 19), utcOffset: utcOffset, on: db)
        // with the land official now
        let second = try await submit(
            .neighbourhood, "Đèn chiếu sáng ngõ 12 tổ dân phố 4 hỏng (minh họa)",
            "Đèn đường trong ngõ hỏng hơn hai tuần, buổi tối rất tối, người già đi lại khó khăn.",
            place: "Ngõ 12, tổ dân phố 4 (minh họa)", daysAgo: 3)
        _ = try await FeedbackService.route(
            second, fieldID: nil, handlerID: try land.requireID(), note: "Kiểm tra thực tế, báo cáo trước khi trả lời.",
            actor: try actor(office, 2), now: at(2), on: db)
        // waiting for the office
        _ = try await submit(
            .suggestion, "Đề nghị bố trí ghế chờ có tựa lưng tại Bộ phận Một cửa (minh họa)",
            "Người cao tuổi phải đứng chờ lâu; đề nghị bố trí thêm ghế có tựa lưng.", daysAgo: 1)
    }
}
