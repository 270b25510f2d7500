import Testing

@testable import PhuongSoCore

/// Every step against every status: the table says which statuses a step accepts and where it
/// leads; everything else must be refused with `.wrongStatus`.
@Suite struct FeedbackRulesTests {
    static var steps:
        [(String, (FeedbackStatus) throws(FeedbackRefusal) -> FeedbackStatus, [FeedbackStatus: FeedbackStatus])]
    {
        [
            (
                "route", { s throws(FeedbackRefusal) in try FeedbackRules.route(s) },
                [.received: .assigned, .assigned: .assigned]
            ),
            ("reject", { s throws(FeedbackRefusal) in try FeedbackRules.reject(s) }, [.received: .rejected]),
            (
                "forward", { s throws(FeedbackRefusal) in try FeedbackRules.forward(s) },
                [.received: .forwarded, .assigned: .forwarded]
            ),
            (
                "requestInformation", { s throws(FeedbackRefusal) in try FeedbackRules.requestInformation(s) },
                [.received: .awaitingInformation]
            ),
            (
                "supplyInformation", { s throws(FeedbackRefusal) in try FeedbackRules.supplyInformation(s) },
                [.awaitingInformation: .received]
            ),
            (
                "draftAnswer",
                { s throws(FeedbackRefusal) in try FeedbackRules.draftAnswer(s, kind: .procedure, verdict: nil) },
                [.assigned: .awaitingApproval, .awaitingApproval: .awaitingApproval]
            ),
            (
                "approve", { s throws(FeedbackRefusal) in try FeedbackRules.approve(s) },
                [.awaitingApproval: .awaitingPublication]
            ),
            (
                "returnDraft", { s throws(FeedbackRefusal) in try FeedbackRules.returnDraft(s) },
                [.awaitingApproval: .assigned]
            ),
            (
                "publish", { s throws(FeedbackRefusal) in try FeedbackRules.publish(s) },
                [.awaitingPublication: .published]
            ),
        ]
    }

    @Test(arguments: FeedbackStatus.allCases)
    func everyStepAcceptsOnlyItsStatusesAndLeadsWhereTheTableSays(_ status: FeedbackStatus) {
        for (name, run, table) in Self.steps {
            // act
            let outcome: Result<FeedbackStatus, FeedbackRefusal> = Result { () throws(FeedbackRefusal) in
                try run(status)
            }
            // check
            switch (outcome, table[status]) {
            case (.success(let next), .some(let expected)):
                #expect(next == expected, "\(name) from \(status)")
            case (.failure(let refusal), .none):
                guard case .wrongStatus(let s, let allowed) = refusal else {
                    Issue.record("\(name) from \(status): \(refusal)")
                    continue
                }
                #expect(s == status)
                #expect(Set(allowed) == Set(table.keys), "\(name) names the statuses it accepts")
                #expect(refusal.vietnamese.contains(status.vietnamese))
            case (.success(let next), .none): Issue.record("\(name) from \(status) should be refused, gave \(next)")
            case (.failure(let r), .some): Issue.record("\(name) from \(status) should pass, refused: \(r)")
            }
        }
    }

    @Test func anAnswerAboutAnOfficialNeedsAVerdict() throws {
        // act / check
        #expect(throws: FeedbackRefusal.verdictMissing) {
            try FeedbackRules.draftAnswer(.assigned, kind: .official, verdict: nil)
        }
        #expect(try FeedbackRules.draftAnswer(.assigned, kind: .official, verdict: .upheld) == .awaitingApproval)
    }

    @Test func anUnhappyRatingAttributedToAnOfficialNeedsAVerdictAndOneNotAttributedDoesNot() throws {
        // act / check
        #expect(throws: FeedbackRefusal.verdictMissing) {
            try FeedbackRules.draftAnswer(.assigned, kind: .dossierRating, namesOfficial: true, verdict: nil)
        }
        #expect(try FeedbackRules.draftAnswer(.assigned, kind: .dossierRating, verdict: nil) == .awaitingApproval)
        #expect(FeedbackKind.dossierRating.mayNameAnOfficial && !FeedbackKind.procedure.mayNameAnOfficial)
    }

    @Test func anUnhappySubmitterReopensOnceAndOnlyOnce() throws {
        // act / check
        #expect(try FeedbackRules.rate(.published, rating: .notSatisfied, reopen: true, timesReopened: 0) == .assigned)
        #expect(throws: FeedbackRefusal.alreadyReopened) {
            try FeedbackRules.rate(.published, rating: .notSatisfied, reopen: true, timesReopened: 1)
        }
        #expect(try FeedbackRules.rate(.published, rating: .notSatisfied, reopen: false, timesReopened: 1) == .closed)
    }

    @Test func reopeningNeedsNotSatisfiedAndAPublishedAnswer() throws {
        // act / check
        #expect(throws: FeedbackRefusal.reopenNeedsUnhappy) {
            try FeedbackRules.rate(.published, rating: .satisfied, reopen: true, timesReopened: 0)
        }
        #expect(try FeedbackRules.rate(.published, rating: .verySatisfied, reopen: false, timesReopened: 0) == .closed)
        #expect(throws: FeedbackRefusal.alreadyRated) {
            try FeedbackRules.rate(.closed, rating: .satisfied, reopen: false, timesReopened: 0)
        }
        #expect(throws: FeedbackRefusal.wrongStatus(.assigned, allowed: [.published])) {
            try FeedbackRules.rate(.assigned, rating: .satisfied, reopen: false, timesReopened: 0)
        }
    }

    @Test func aRepeatPointsToAnEarlierOtherItem() throws {
        // act / check
        try FeedbackRules.markRepeat(item: "b", submittedAt: 200, of: "a", submittedAt: 100)
        #expect(throws: FeedbackRefusal.repeatOfItself) {
            try FeedbackRules.markRepeat(item: "a", submittedAt: 100, of: "a", submittedAt: 100)
        }
        #expect(throws: FeedbackRefusal.repeatOfItself) {
            try FeedbackRules.markRepeat(item: "a", submittedAt: 100, of: "b", submittedAt: 200)
        }
    }

    @Test func onlyTheOpenStatusesRunTheHandlingClock() {
        // check
        #expect(
            Set(FeedbackStatus.allCases.filter(\.isBeingHandled))
                == [.received, .awaitingInformation, .assigned, .awaitingApproval])
    }
}
