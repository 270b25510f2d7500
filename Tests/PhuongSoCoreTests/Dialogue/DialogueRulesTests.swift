import Testing

@testable import PhuongSoCore

@Suite struct DialogueRulesTests {
    let scheduled = date("2026-03-20")

    @Test func aConferenceIsHeldOnlyOnceItsDayHasCome() throws {
        // act + check: the day before, refused with the scheduled day
        #expect(throws: DialogueRefusal.notYetHeld(scheduled: scheduled)) {
            try DialogueRules.markHeld(
                .planned, scheduled: scheduled, heldOn: date("2026-03-19"), today: date("2026-03-19"))
        }
        // a day held after today is refused
        #expect(throws: DialogueRefusal.inTheFuture(date("2026-03-21"), today: date("2026-03-20"))) {
            try DialogueRules.markHeld(
                .planned, scheduled: scheduled, heldOn: date("2026-03-21"), today: date("2026-03-20"))
        }
        // on the day: held
        #expect(
            try DialogueRules.markHeld(.planned, scheduled: scheduled, heldOn: scheduled, today: scheduled) == .held)
        // twice: refused by status
        #expect(throws: DialogueRefusal.wrongStatus(.held, wanted: [.planned])) {
            try DialogueRules.markHeld(.held, scheduled: scheduled, heldOn: scheduled, today: scheduled)
        }
    }

    @Test func thePublicPageTakesQuestionsOnlyBeforeTheConferenceDay() throws {
        // act + check
        try DialogueRules.acceptPublicQuestion(.planned, scheduled: scheduled, today: date("2026-03-19"))
        #expect(throws: DialogueRefusal.questionsClosed(scheduled: scheduled)) {
            try DialogueRules.acceptPublicQuestion(.planned, scheduled: scheduled, today: scheduled)
        }
        #expect(throws: DialogueRefusal.questionsClosed(scheduled: scheduled)) {
            try DialogueRules.acceptPublicQuestion(.held, scheduled: scheduled, today: date("2026-03-01"))
        }
        #expect(DialogueRefusal.questionsClosed(scheduled: scheduled).vietnamese.contains("20/03/2026"))
    }

    @Test func aQuestionRaisedAtTheMeetingNeedsTheMeetingAndNoneAfterTheMinutes() throws {
        // act + check
        try DialogueRules.addQuestion(.planned, source: .feedback, scheduled: scheduled, today: date("2026-03-01"))
        #expect(throws: DialogueRefusal.notYetHeld(scheduled: scheduled)) {
            try DialogueRules.addQuestion(.planned, source: .meeting, scheduled: scheduled, today: date("2026-03-01"))
        }
        try DialogueRules.addQuestion(.held, source: .meeting, scheduled: scheduled, today: scheduled)
        #expect(throws: DialogueRefusal.minutesAlreadyIssued) {
            try DialogueRules.addQuestion(.minutesIssued, source: .feedback, scheduled: scheduled, today: scheduled)
        }
    }

    @Test func answersAndCommitmentsAreRecordedDuringOrAfterTheMeetingUntilTheMinutes() throws {
        // act + check
        #expect(throws: DialogueRefusal.notYetHeld(scheduled: scheduled)) {
            try DialogueRules.recordOutcome(.planned, scheduled: scheduled, today: date("2026-03-19"))
        }
        // during: the office has not yet marked it held
        try DialogueRules.recordOutcome(.planned, scheduled: scheduled, today: scheduled)
        try DialogueRules.recordOutcome(.held, scheduled: scheduled, today: date("2026-03-25"))
        #expect(throws: DialogueRefusal.minutesAlreadyIssued) {
            try DialogueRules.recordOutcome(.minutesIssued, scheduled: scheduled, today: date("2026-03-25"))
        }
    }

    @Test func minutesAreIssuedOnlyWhenEveryQuestionHasItsAnswer() throws {
        // act + check: the unanswered questions are named by number, in order
        #expect(throws: DialogueRefusal.unanswered([2, 5])) {
            try DialogueRules.issueMinutes(.held, answered: [1: true, 5: false, 2: false])
        }
        #expect(DialogueRefusal.unanswered([2, 5]).vietnamese.contains("câu số 2, 5"))
        #expect(throws: DialogueRefusal.wrongStatus(.planned, wanted: [.held])) {
            try DialogueRules.issueMinutes(.planned, answered: [:])
        }
        #expect(try DialogueRules.issueMinutes(.held, answered: [1: true, 2: true]) == .minutesIssued)
    }
}
