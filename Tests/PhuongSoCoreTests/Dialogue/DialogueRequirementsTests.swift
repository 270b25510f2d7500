import Testing

@testable import PhuongSoCore

@Suite struct DialogueRequirementsTests {
    @Test func aYearWithoutAHeldConferenceIsReportedWithItsNextScheduledDay() {
        // act
        let none = DialogueRequirements.yearlyDialogue(
            year: 2026, held: [date("2025-11-10")], planned: [], asOf: date("2026-06-30"))
        let scheduled = DialogueRequirements.yearlyDialogue(
            year: 2026, held: [], planned: [date("2026-09-15"), date("2026-07-01")], asOf: date("2026-06-30"))
        // a conference held after the day asked about does not count yet
        let later = DialogueRequirements.yearlyDialogue(
            year: 2026, held: [date("2026-07-01")], planned: [], asOf: date("2026-06-30"))
        // check
        #expect(none == .missing(year: 2026, scheduled: nil))
        #expect(none.vietnamese.hasPrefix("Năm 2026 chưa tổ chức hội nghị đối thoại nào"))
        #expect(scheduled == .missing(year: 2026, scheduled: date("2026-07-01")))
        #expect(scheduled.vietnamese.contains("01/07/2026"))
        #expect(!later.isMet)
    }

    @Test func oneConferenceHeldInTheYearMeetsTheDuty() {
        // act
        let met = DialogueRequirements.yearlyDialogue(
            year: 2026, held: [date("2026-05-20"), date("2026-03-20")], planned: [], asOf: date("2026-12-31"))
        // check
        #expect(met == .met([date("2026-03-20"), date("2026-05-20")]))
        #expect(met.isMet && met.vietnamese.contains("20/03/2026"))
    }

    @Test func weeksWithoutAReceptionDayAreListedMondayToSunday() {
        // setup: reception on Thursday 5 Feb and Monday 23 Feb 2026; nothing the week of 9 Feb nor of 16 Feb (Tết)
        let days = [date("2026-02-05"), date("2026-02-23")]
        // act
        let weeks = DialogueRequirements.weeksWithoutReception(
            days: days, from: date("2026-02-04"), to: date("2026-02-26"))
        // check
        #expect(weeks.map(\.monday) == [date("2026-02-09"), date("2026-02-16")])
        #expect(weeks[0].sunday == date("2026-02-15"))
        #expect(weeks[0].vietnamese == "Tuần 09/02/2026 – 15/02/2026")
    }

    @Test func aSundayBelongsToTheWeekThatStartedOnMonday() {
        // setup: a reception on Sunday 15 Feb covers the week of 9 Feb
        // act
        let weeks = DialogueRequirements.weeksWithoutReception(
            days: [date("2026-02-15")], from: date("2026-02-09"), to: date("2026-02-22"))
        // check
        #expect(weeks.map(\.monday) == [date("2026-02-16")])
        #expect(
            DialogueRequirements.weeksWithoutReception(days: [], from: date("2026-02-10"), to: date("2026-02-01"))
                .isEmpty)
    }
}
