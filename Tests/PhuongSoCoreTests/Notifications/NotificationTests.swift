import Foundation
import Testing

@testable import PhuongSoCore

@Suite struct NotificationTests {
    let due = try! LocalDateTime(parsing: "2026-04-20T16:30")

    func notice(_ kind: DossierNoticeKind, code: String? = "000.00.31.H42-260413-0001") -> DossierNotice {
        DossierNotice(
            kind: kind, dossierCode: code, submittedOn: try! LocalDate(parsing: "2026-04-13"),
            procedure: "Đăng ký khai sinh", applicantName: "Phan Văn Tài", unitName: "UBND phường Hải Châu",
            due: due, previousDue: try! LocalDateTime(parsing: "2026-04-16T17:00"), items: ["Bản sao CCCD"],
            reason: "Chờ xác minh", feeOwed: 1_500_000, trackingURL: "https://phuong.example/track?code=X&secret=Y")
    }

    @Test func theResultReadySubjectSaysTheDossierHasAResultAndTheBodyNamesCodeProcedureAndNextStep() {
        // act
        let t = notice(.resultReady).text
        // check
        #expect(t.subject == "Hồ sơ đã có kết quả: 000.00.31.H42-260413-0001")
        #expect(t.subject.lowercased().contains("hồ sơ đã có kết quả"))
        #expect(t.body.contains("000.00.31.H42-260413-0001") && t.body.contains("«Đăng ký khai sinh»"))
        #expect(t.body.contains("Mời ông/bà đến Bộ phận Một cửa"))
        #expect(t.body.hasPrefix("Kính gửi ông/bà Phan Văn Tài,"))
        #expect(!t.body.contains("\n\n\n"))
    }

    @Test func everyDossierNoticeHasAVietnameseSubjectBodyAndShortText() {
        for kind in DossierNoticeKind.allCases {
            // act
            let t = notice(kind).text
            // check: names the dossier and the procedure, no internal kind codes
            #expect(t.subject.hasSuffix("000.00.31.H42-260413-0001"), "\(kind)")
            #expect(t.body.contains("Đăng ký khai sinh") && t.body.contains("UBND phường Hải Châu"), "\(kind)")
            #expect(t.sms.contains("000.00.31.H42-260413-0001"), "\(kind)")
            #expect(!t.body.contains(kind.rawValue) && !t.body.contains(kind.notificationKind.rawValue), "\(kind)")
        }
        #expect(notice(.received).text.body.contains("16:30 ngày 20/04/2026"))
        #expect(notice(.supplementNeeded).text.body.contains("- Bản sao CCCD"))
        #expect(notice(.feeOwed).text.body.contains("1.500.000 đồng"))
        let apology = notice(.apology).text.body
        #expect(apology.contains("17:00 ngày 16/04/2026") && apology.contains("Lý do: Chờ xác minh"))
        #expect(apology.contains("Ngày hẹn trả kết quả mới: 16:30 ngày 20/04/2026"))
    }

    @Test func aDossierWithoutACodeIsNamedByTheDayItWasHandedIn() {
        // act
        let t = notice(.supplementNeeded, code: nil).text
        // check
        #expect(t.subject == "Hồ sơ cần bổ sung giấy tờ")
        #expect(t.body.contains("hồ sơ nộp ngày 13/04/2026 về thủ tục «Đăng ký khai sinh»"))
    }

    @Test func onlyTheTimelineLinesTheApplicantNeedsSendANotice() {
        // check
        #expect(
            DossierNoticeKind.forTimelineLine(action: "receive", state: .received, feeOutstanding: 0) == [.received])
        #expect(
            DossierNoticeKind.forTimelineLine(
                action: "requestSupplement", state: .supplementRequestedInProcess, feeOutstanding: 0)
                == [.supplementNeeded])
        #expect(
            DossierNoticeKind.forTimelineLine(
                action: "request-supplement", state: .supplementRequestedAtIntake, feeOutstanding: 0)
                == [.supplementNeeded])
        #expect(
            DossierNoticeKind.forTimelineLine(action: "complete", state: .done, feeOutstanding: 0) == [.resultReady])
        #expect(
            DossierNoticeKind.forTimelineLine(action: "complete", state: .done, feeOutstanding: 20_000)
                == [.resultReady, .feeOwed])
        #expect(DossierNoticeKind.forTimelineLine(action: "complete", state: .inProcess, feeOutstanding: 0).isEmpty)
        #expect(
            DossierNoticeKind.forTimelineLine(action: "apologize", state: .inProcess, feeOutstanding: 0) == [.apology])
        for quiet in ["claim", "assign", "escalate", "fee-paid", "result-issued", "rating", "submit-online"] {
            #expect(DossierNoticeKind.forTimelineLine(action: quiet, state: .inProcess, feeOutstanding: 0).isEmpty)
        }
    }

    @Test func retriesBackOffFourfoldUpToSixHoursAndStopAfterTheEighthFailure() {
        // setup
        let p = RetryPolicy.standard
        let t = Instant(seconds: 1_000_000)
        // act
        let delays = (1...7).map { p.delay(afterFailedAttempt: $0) }
        // check
        #expect(delays == [60, 240, 960, 3840, 15360, 21600, 21600])
        #expect(p.nextTry(afterFailedAttempt: 1, at: t) == t.adding(seconds: 60))
        #expect(p.nextTry(afterFailedAttempt: 7, at: t) == t.adding(seconds: 21600))
        #expect(p.nextTry(afterFailedAttempt: 8, at: t) == nil)
    }

    @Test func onlyAConsentingApplicantWithAValidAddressHasAContact() {
        // setup
        let base = Applicant(name: "A", idNumber: "042080001234", phone: "+84 905 123 456", email: " a@b.vn ")
        var email = base
        email.notifyBy = .email
        var sms = base
        sms.notifyBy = .sms
        var broken = base
        broken.notifyBy = .email
        broken.email = "not-an-address"
        // check
        #expect(base.notificationContact == nil)
        #expect(email.notificationContact == NotificationContact(channel: .email, address: "a@b.vn"))
        #expect(sms.notificationContact == NotificationContact(channel: .sms, address: "0905123456"))
        #expect(broken.notificationContact == nil)
    }

    @Test func choosingAChannelWithoutItsAddressIsRefusedBesideTheAddressField() {
        // act
        let (_, emailProblems) = Applicant(name: "A", idNumber: "042080001234", notifyBy: .email).validated()
        let (_, smsProblems) = Applicant(name: "A", idNumber: "042080001234", notifyBy: .sms).validated()
        // check
        #expect(emailProblems == [.notifyEmailMissing] && emailProblems[0].field == "email")
        #expect(smsProblems == [.notifyPhoneMissing] && smsProblems[0].field == "phone")
    }

    @Test func theConsentIsStoredWithTheApplicantAndOlderRecordsReadAsNone() throws {
        // act
        let old = try JSONDecoder().decode(Applicant.self, from: Data(#"{"name":"A","idNumber":"1"}"#.utf8))
        let new = try JSONDecoder().decode(
            Applicant.self, from: JSONEncoder().encode(Applicant(name: "A", idNumber: "1", notifyBy: .sms)))
        // check
        #expect(old.notifyBy == nil && new.notifyBy == .sms)
    }
}
