import Testing

@testable import PhuongSoCore

/// The rules of processing a received dossier (`Dossier.applying`): typed commands, the clock's
/// pauses and restarts, liên thông, the verdict stored when the result is recorded, the apology.
@Suite struct DossierTests {
    let official = DossierActor(username: "tuphap", role: .official, unitID: "ward")
    let leader = DossierActor(username: "chutich", role: .leader, unitID: "ward")
    let clerk = DossierActor(username: "motcua", role: .clerk, unitID: "ward")
    let agency = DossierActor(username: "sotuphap", role: .official, unitID: "so")

    /// Three working days, the default plan (official 14.4 h, leader 6 h, counter 3.6 h); received
    /// Monday 2 March 2026 08:00, due Thursday 5 March 08:00.
    func received(policy: SupplementPolicy = .pause, excluded: Bool? = nil) -> Dossier {
        var p = Procedure(code: "1.004837", name: "Đăng ký giám hộ", field: "Hộ tịch")
        p.timeLimit = .workingDays(3)
        p.supplementPolicy = policy
        p.consultationExcluded = excluded
        return Dossier(
            state: .received, step: 0, assignee: nil, receivedAt: at("2026-03-02T08:00"), due: at("2026-03-05T08:00"),
            stepStartedAt: at("2026-03-02T08:00"), pausedAt: nil, pausedWorkingSeconds: 0, supplementsInProcess: 0,
            apologized: false, openTransfer: nil, procedure: p)
    }

    func run(_ d: Dossier, _ c: DossierCommand, _ who: DossierActor, _ when: String) throws -> Dossier {
        try d.applying(c, by: who, at: at(when), calendar: standardCalendar).after
    }

    func refusal(_ d: Dossier, _ c: DossierCommand, _ who: DossierActor, _ when: String = "2026-03-02T09:00")
        -> DossierRefusal?
    {
        do {
            _ = try d.applying(c, by: who, at: at(when), calendar: standardCalendar)
            return nil
        } catch let r as DossierRefusal { return r } catch { return nil }
    }

    @Test func finishingEveryStepRecordsTheResultWithItsVerdict() throws {
        var d = received()
        d = try run(d, .claim, official, "2026-03-02T09:00")
        #expect(d.assignee == "tuphap")
        d = try run(d, .complete(note: "Hợp lệ"), official, "2026-03-03T08:00")
        d = try run(d, .complete(note: "Đồng ý"), leader, "2026-03-03T09:00")
        let last = try d.applying(
            .complete(note: ""), by: clerk, at: at("2026-03-03T10:00"), calendar: standardCalendar)
        #expect(last.after.state == .done && last.verdict == .early)
        #expect(last.handoff?.toStep == "Kết quả" && last.handoff?.giver == "motcua")
    }

    @Test func aResultAfterTheAppointmentIsLateAndTwoSupplementsAreLateWhateverTheDate() throws {
        var d = received()
        d = try run(d, .complete(note: ""), official, "2026-03-04T08:00")
        d = try run(d, .complete(note: ""), leader, "2026-03-05T09:00")
        #expect(
            try d.applying(.complete(note: ""), by: clerk, at: at("2026-03-05T10:00"), calendar: standardCalendar)
                .verdict == .late)
        var twice = received()
        for (ask, back) in [("2026-03-02T09:00", "2026-03-02T10:00"), ("2026-03-02T11:00", "2026-03-02T13:30")] {
            twice = try run(twice, .requestSupplement(items: ["Giấy tờ"], note: ""), official, ask)
            twice = try run(twice, .resume(note: ""), clerk, back)
        }
        #expect(twice.supplementsInProcess == 2)
        twice = try run(twice, .complete(note: ""), official, "2026-03-02T14:00")
        twice = try run(twice, .complete(note: ""), leader, "2026-03-02T15:00")
        #expect(
            try twice.applying(.complete(note: ""), by: clerk, at: at("2026-03-02T16:00"), calendar: standardCalendar)
                .verdict == .late)
    }

    @Test func aSupplementStopsTheClockAndTheTimeLeftRunsFromTheResume() throws {
        // asked Tuesday 08:00 with 16 working hours left; back Friday 08:00: due Tuesday 10 March 08:00
        var d = try run(
            received(), .requestSupplement(items: ["Bản sao giấy khai sinh", " "], note: ""), official,
            "2026-03-03T08:00")
        #expect(d.state == .supplementRequestedInProcess && d.pausedAt == at("2026-03-03T08:00"))
        #expect(refusal(d, .complete(note: ""), official) != nil)
        d = try run(d, .resume(note: "Đã nhận"), clerk, "2026-03-06T08:00")
        #expect(d.state == .inProcess && show(d.due!) == "2026-03-10T08:00:00+07:00")
        #expect(d.pausedWorkingSeconds == 3 * 8 * 3600)
        // where the procedure restarts the time limit, three full working days from the resume
        var r = try run(
            received(policy: .restart), .requestSupplement(items: ["X"], note: ""), official, "2026-03-03T08:00")
        r = try run(r, .resume(note: ""), clerk, "2026-03-06T08:00")
        #expect(show(r.due!) == "2026-03-11T08:00:00+07:00")
        // an empty list is refused, naming the field
        #expect(refusal(received(), .requestSupplement(items: ["  "], note: "x"), official)?.field == "items")
    }

    @Test func aLiênThôngGoesToAnotherAgencyWhichAloneAnswersIt() throws {
        let d = received()
        #expect(refusal(d, .transfer(toUnitID: "ward", unitName: "Phường", request: "x"), official) == .sameUnit)
        #expect(
            refusal(d, .transfer(toUnitID: "so", unitName: "Sở Tư pháp", request: " "), official)?.field == "request")
        let sent = try d.applying(
            .transfer(toUnitID: "so", unitName: "Sở Tư pháp", request: "Xác minh"), by: official,
            at: at("2026-03-02T09:00"),
            calendar: standardCalendar)
        #expect(
            sent.after.state == .transferred && sent.transferOpened?.unitID == "so"
                && sent.handoff?.toStep == "Liên thông: Sở Tư pháp")
        #expect(sent.after.allowedActions(for: agency) == [.returnTransfer])
        #expect(!sent.after.allowedActions(for: official).contains(.returnTransfer))
        #expect(refusal(sent.after, .answerTransfer(answer: "Đúng"), official) == .notTheOtherAgency)
        let back = try sent.after.applying(
            .answerTransfer(answer: "Đúng"), by: agency, at: at("2026-03-04T09:00"), calendar: standardCalendar)
        #expect(
            back.after.state == .inProcess && back.after.openTransfer == nil && back.transferAnswered?.unitID == "so")
        // time at the agency counts against the limit unless the procedure leaves it out
        #expect(back.after.due == d.due)
        var excluded = received(excluded: true)
        excluded = try run(
            excluded, .transfer(toUnitID: "so", unitName: "Sở", request: "x"), official, "2026-03-02T09:00")
        excluded = try run(excluded, .answerTransfer(answer: "y"), agency, "2026-03-04T09:00")
        #expect(show(excluded.due!) == "2026-03-09T08:00:00+07:00")
    }

    @Test func theLeaderAssignsOnlyAnOfficialHoldingTheStepsRole() throws {
        let d = received()
        #expect(
            refusal(d, .assign(to: EligibleOfficial(username: "motcua", name: "Nguyễn Thị Hoa", role: .clerk)), leader)
                == .notEligible)
        #expect(
            refusal(d, .assign(to: EligibleOfficial(username: "tuphap", name: "A", role: .official)), official)
                == .process(.onlyLeaders))
        let t = try d.applying(
            .assign(to: EligibleOfficial(username: "tuphap", name: "Phạm Thị Lan", role: .official)), by: leader,
            at: at("2026-03-02T09:00"), calendar: standardCalendar)
        #expect(t.after.assignee == "tuphap" && t.note == "Phạm Thị Lan")
    }

    @Test func theResultIsReturnedToANamedRecipientByAChosenWay() throws {
        var d = try run(received(), .complete(note: ""), official, "2026-03-02T09:00")
        d = try run(d, .complete(note: ""), leader, "2026-03-02T10:00")
        d = try run(d, .complete(note: ""), clerk, "2026-03-02T11:00")
        #expect(refusal(d, .returnResult(method: .atCounter, recipient: " "), clerk)?.field == "recipient")
        #expect(refusal(d, .returnResult(method: .atCounter, recipient: "Ông Tài"), official) == .process(.notYourStep))
        let t = try d.applying(
            .returnResult(method: .post, recipient: "Ông Tài, thôn 3"), by: clerk, at: at("2026-03-02T14:00"),
            calendar: standardCalendar)
        #expect(t.after.state == .returned && t.note == "Qua dịch vụ bưu chính công ích: Ông Tài, thôn 3")
    }

    @Test func oneApologyAtTheLatestOneWorkingDayBefore() throws {
        let d = received()
        #expect(
            refusal(d, .apologize(reason: "Chờ xác minh", newDue: at("2026-03-09T17:30")), leader, "2026-03-04T09:00")
                == .apology(.tooLate))
        #expect(
            refusal(d, .apologize(reason: "Chờ xác minh", newDue: at("2026-03-09T17:30")), official, "2026-03-03T08:00")
                == .process(.onlyLeaders))
        #expect(
            refusal(d, .apologize(reason: "", newDue: at("2026-03-09T17:30")), leader, "2026-03-03T08:00")
                == .apology(.reasonRequired))
        let after = try run(
            d, .apologize(reason: "Chờ xác minh", newDue: at("2026-03-09T17:30")), leader, "2026-03-03T08:00")
        #expect(after.apologized && after.due == at("2026-03-09T17:30"))
        #expect(
            refusal(after, .apologize(reason: "Lần hai", newDue: at("2026-03-10T17:30")), leader, "2026-03-03T09:00")
                == .apology(.alreadyGiven))
        #expect(!after.allowedActions(for: leader).contains(.apologize))
    }

    @Test func theActionsOfferedAreExactlyThoseTheRulesAllow() {
        let d = received()
        #expect(d.allowedActions(for: official) == [.claim, .complete, .requestSupplement, .transfer])
        #expect(d.allowedActions(for: leader) == [.assign, .apologize])
        #expect(d.allowedActions(for: clerk) == [.requestSupplement, .stop])
        #expect(d.allowedActions(for: DossierActor(username: "dan", role: .citizen, unitID: nil)).isEmpty)
    }

    @Test func stateGroupsCoverEveryStateOnceExceptThePausedSubset() {
        let groups: [DossierStateGroup] = [.open, .finished, .ended, .awaitingIntake]
        for s in DossierState.allCases { #expect(groups.filter { $0.states.contains(s) }.count == 1, "\(s)") }
        #expect(DossierStateGroup.paused.states.isSubset(of: DossierStateGroup.open.states))
    }
}
