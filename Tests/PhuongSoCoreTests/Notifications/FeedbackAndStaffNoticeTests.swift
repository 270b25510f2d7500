import Testing

@testable import PhuongSoCore

@Suite struct FeedbackAndStaffNoticeTests {
    @Test func theAnswerGoesToTheContactTheSubmitterGaveByItsOwnChannel() {
        // setup, act, check
        #expect(FeedbackNotice.contact(typed: " an@example.vn ") == .init(channel: .email, address: "an@example.vn"))
        #expect(FeedbackNotice.contact(typed: "+84 912.345.678") == .init(channel: .sms, address: "0912345678"))
        #expect(FeedbackNotice.contact(typed: "") == nil)
        #expect(FeedbackNotice.contact(typed: "12345") == nil)
    }

    @Test func theAnswerNamesTheItemSaysItIsAnsweredQuotesTheAnswerAndLinksTheSubmittersPage() {
        // setup
        let notice = FeedbackNotice(
            code: "PA-2026-000017", title: "Đèn đường tổ 5", answer: "Phường sẽ lắp hai cột đèn.", submitterName: "",
            unitName: "UBND phường Thành Sen",
            trackingURL: "https://p.example/feedback/track?code=PA-2026-000017&secret=AB")
        // act
        let text = notice.text
        // check
        #expect(text.subject == "Phản ánh, kiến nghị PA-2026-000017 đã có trả lời")
        #expect(text.body.hasPrefix("Kính gửi ông/bà,\n"))
        #expect(text.body.contains("«Đèn đường tổ 5»") && text.body.contains("Phường sẽ lắp hai cột đèn."))
        #expect(
            text.body.contains("secret=AB") && text.sms.contains("secret=AB") && text.sms.contains("PA-2026-000017"))
    }

    @Test func aStaffContactNeedsTheAddressOfItsChannelAndValidAddresses() {
        // setup, act
        let (clean, none) = StaffContact(email: " duc@phuong.example ", phone: "0912 345 678", notifyBy: .sms)
            .validated()
        let (_, missing) = StaffContact(email: "", phone: "", notifyBy: .email).validated()
        let (_, bad) = StaffContact(email: "duc@", phone: "09123", notifyBy: nil).validated()
        // check
        #expect(none.isEmpty && clean.email == "duc@phuong.example" && clean.phone == "0912345678")
        #expect(clean.notificationContact == .init(channel: .sms, address: "0912345678"))
        #expect(missing == [.addressMissing(.email)] && missing[0].field == "email")
        #expect(bad == [.emailInvalid, .phoneInvalid])
        #expect(StaffContact(email: "duc@phuong.example", phone: "", notifyBy: nil).notificationContact == nil)
        #expect(StaffContact(email: "duc@", phone: "", notifyBy: .email).notificationContact == nil)
    }

    @Test func aTaskReminderGreetsTheOfficialAndLinksTheTask() {
        // setup
        let notice = TaskReminderNotice(
            officialName: "Lê Thị Thu Trang", summary: "Nhiệm vụ số 3 đã dùng 80% thời gian, hạn 06/03/2026: Rà soát",
            taskURL: "https://p.example/tasks/X", unitName: "Phường Thành Sen")
        // act
        let text = notice.text
        // check
        #expect(text.subject == "Nhắc hạn: Nhiệm vụ số 3 đã dùng 80% thời gian, hạn 06/03/2026: Rà soát")
        #expect(text.body.hasPrefix("Kính gửi Lê Thị Thu Trang,") && text.body.contains("https://p.example/tasks/X"))
    }
}
