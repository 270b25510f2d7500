import Testing

@testable import PhuongSoCore

@Suite struct FeedbackSubmissionTests {
    func submission(
        kind: FeedbackKind = .official, title: String = "Cán bộ hẹn nhiều lần", text: String = "Tôi nộp hồ sơ từ lâu.",
        contact: String = "0912 345 678", place: String = "", latitude: String = "", longitude: String = ""
    ) -> FeedbackSubmission {
        FeedbackSubmission(
            kind: kind, title: title, text: text, name: "Nguyễn Văn An", contact: contact, place: place,
            latitude: latitude, longitude: longitude)
    }

    @Test func aPhoneNumberIsCleanedAndAnEmailKept() throws {
        // act
        let phone = try submission(contact: "+84 912.345.678").validated().get()
        let mail = try submission(contact: " an@example.vn ").validated().get()
        // check
        #expect(phone.1 == .phone("0912345678"))
        #expect(mail.1 == .email("an@example.vn"))
    }

    @Test(arguments: [
        ("", FeedbackSubmission.Problem.contactMissing),
        ("12345", .contactInvalid),
        ("an@", .contactInvalid),
        ("1912345678", .contactInvalid),
    ])
    func aContactMustBeAPhoneNumberOrAnEmailAddress(_ contact: String, _ problem: FeedbackSubmission.Problem) {
        // act
        let result = submission(contact: contact).validated()
        // check
        guard case .failure(let p) = result else {
            Issue.record("accepted \(contact)")
            return
        }
        #expect(p.list == [problem])
        #expect(p.list[0].field == "contact")
    }

    @Test func everyProblemIsListedAtOnceWithItsField() {
        // act
        let result = submission(
            kind: .neighbourhood, title: " ", text: String(repeating: "a", count: 5001), contact: "x",
            latitude: "91", longitude: "105"
        ).validated()
        // check
        guard case .failure(let p) = result else {
            Issue.record("accepted")
            return
        }
        #expect(p.list == [.titleMissing, .textTooLong, .contactInvalid, .placeMissing, .coordinatesInvalid])
        #expect(p.list.map(\.field) == ["title", "text", "contact", "place", "latitude"])
    }

    @Test func coordinatesAreOptionalAndReadWithACommaOrADot() throws {
        // act
        let none = try submission(kind: .neighbourhood, place: "Ngõ 12 Lê Lợi").validated().get()
        let some = try submission(kind: .neighbourhood, place: "Ngõ 12", latitude: "21,0285", longitude: "105.8542")
            .validated().get()
        // check
        #expect(none.2 == nil)
        #expect(some.2?.0 == 21.0285)
        #expect(some.2?.1 == 105.8542)
    }

    @Test func aDossierRatingIsNotAKindACitizenPicks() {
        // act
        let result = submission(kind: .dossierRating).validated()
        // check
        guard case .failure(let p) = result else {
            Issue.record("accepted")
            return
        }
        #expect(p.list == [.kindNotSubmittable])
    }
}

@Suite struct FeedbackRedactionTests {
    @Test func theNameContactPhoneIdAndEmailAreRemoved() {
        // setup
        let text =
            "Tôi là Nguyễn Văn An, CCCD 001 085 012345, gọi 0912.345.678 hoặc an@example.vn; ông Bình (0987654321)."
        // act
        let shown = FeedbackRedaction.redact(text, name: "Nguyễn Văn An", contact: "0912345678")
        // check
        #expect(shown == "Tôi là [đã ẩn], CCCD [đã ẩn], gọi [đã ẩn] hoặc [đã ẩn]; ông Bình ([đã ẩn]).")
    }

    @Test func datesShortNumbersAndSumsOfMoneyStay() {
        // setup
        let text = "Ngày 12/03/2026 tôi nộp 150.000.000 đồng lệ phí cho hồ sơ số 17, nhà số 215."
        // act / check
        #expect(FeedbackRedaction.redact(text, name: "An", contact: "") == text)
    }
}
