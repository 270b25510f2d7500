import Testing

@testable import PhuongSoCore

@Suite struct ReformTaskTests {
    let chair = TaskActor(id: "chair", mayDecide: true)
    let lead = TaskActor(id: "lead", mayDecide: false)
    let co = TaskActor(id: "co", mayDecide: false)
    let stranger = TaskActor(id: "x", mayDecide: false)
    var task: ReformTask {
        ReformTask(
            assigner: "chair", lead: "lead", coOwners: ["co"], start: date("2026-03-02"),
            originalDeadline: date("2026-03-13"))
    }
    func run(_ t: ReformTask, _ c: TaskCommand, _ a: TaskActor, on day: String = "2026-03-05") throws(TaskRefusal)
        -> ReformTask
    {
        try t.applying(c, by: a, on: date(day), calendar: standardCalendar)
    }

    @Test func aTaskIsReportedSubmittedAndAcceptedEarly() throws {
        // act
        var t = try run(task, .reportProgress(percent: 40, note: "Dự thảo"), co)
        t = try run(t, .reportProgress(percent: 70, note: ""), lead)
        t = try run(t, .submit(note: "Xong"), lead, on: "2026-03-10")
        t = try run(t, .accept(.meets, note: ""), chair, on: "2026-03-16")
        // check: finished when submitted, not when accepted
        #expect(t.state == .accepted && t.progress == 100 && t.quality == .meets)
        #expect(t.finishedOn == date("2026-03-10") && t.timeliness == .early)
    }

    @Test func finishingOnTheDeadlineIsOnTimeAndAfterItLate() throws {
        let onTime = try run(
            try run(task, .submit(note: ""), lead, on: "2026-03-13"), .accept(.fails, note: "Thiếu số liệu"), chair,
            on: "2026-03-20")
        #expect(onTime.timeliness == .onTime && onTime.quality == .fails)
        let late = try run(try run(task, .submit(note: ""), lead, on: "2026-03-16"), .accept(.meets, note: ""), chair)
        #expect(late.timeliness == .late)
    }

    @Test func anApprovedExtensionMovesTheDeadlineButOnScheduleKeepsTheOriginal() throws {
        // act
        var t = try run(task, .requestExtension(to: date("2026-03-20"), reason: "Chờ số liệu của Công an"), lead)
        #expect(throws: TaskRefusal.extensionPending) {
            try run(t, .requestExtension(to: date("2026-03-23"), reason: "x"), lead)
        }
        t = try run(t, .decideExtension(approve: true, note: ""), chair)
        // check
        #expect(
            t.deadline == date("2026-03-20") && t.originalDeadline == date("2026-03-13") && t.pendingExtension == nil)
        #expect(!t.isOverdue(on: date("2026-03-16")))
        let done = try run(try run(t, .submit(note: ""), lead, on: "2026-03-18"), .accept(.meets, note: ""), chair)
        #expect(done.timeliness == .late)
    }

    @Test func aRefusedExtensionNeedsAReasonAndKeepsTheDeadline() throws {
        let asked = try run(task, .requestExtension(to: date("2026-03-20"), reason: "Bận"), lead)
        #expect(throws: TaskRefusal.reasonRequired) {
            try run(asked, .decideExtension(approve: false, note: " "), chair)
        }
        let refused = try run(asked, .decideExtension(approve: false, note: "Không có lý do chính đáng"), chair)
        #expect(refused.deadline == date("2026-03-13") && refused.pendingExtension == nil)
    }

    @Test func aReturnedTaskGoesBackToWorkAndNeedsAReason() throws {
        let submitted = try run(task, .submit(note: ""), lead)
        #expect(throws: TaskRefusal.reasonRequired) { try run(submitted, .returnForRework(reason: ""), chair) }
        let back = try run(submitted, .returnForRework(reason: "Bổ sung phụ lục"), chair)
        #expect(back.state == .inProgress && back.submittedOn == nil)
    }

    @Test func progressMustStayWithin0And100AndGoingBackNeedsANote() throws {
        let t = try run(task, .reportProgress(percent: 60, note: ""), lead)
        #expect(throws: TaskRefusal.percentOutOfRange(120)) {
            try run(t, .reportProgress(percent: 120, note: ""), lead)
        }
        #expect(throws: TaskRefusal.percentOutOfRange(-5)) { try run(t, .reportProgress(percent: -5, note: ""), lead) }
        #expect(throws: TaskRefusal.backwardsWithoutNote(from: 60, to: 30)) {
            try run(t, .reportProgress(percent: 30, note: ""), lead)
        }
        #expect(try run(t, .reportProgress(percent: 30, note: "Phải làm lại phần khảo sát"), lead).progress == 30)
    }

    @Test func whoMayDoWhat() throws {
        #expect(throws: TaskRefusal.notYours) { try run(task, .reportProgress(percent: 10, note: ""), stranger) }
        #expect(throws: TaskRefusal.onlyLead) { try run(task, .submit(note: ""), co) }
        #expect(throws: TaskRefusal.onlyLead) {
            try run(task, .requestExtension(to: date("2026-03-20"), reason: "x"), co)
        }
        let submitted = try run(task, .submit(note: ""), lead)
        #expect(throws: TaskRefusal.onlyDecider) { try run(submitted, .accept(.meets, note: ""), co) }
        #expect(throws: TaskRefusal.onlyDecider) { try run(task, .cancel(reason: "x"), lead) }
        // a leader who leads the task cannot accept it
        let own = ReformTask(
            assigner: "chair", lead: "chair", start: date("2026-03-02"), originalDeadline: date("2026-03-13"))
        let ownSubmitted = try run(own, .submit(note: ""), chair)
        #expect(throws: TaskRefusal.ownTask) { try run(ownSubmitted, .accept(.meets, note: ""), chair) }
    }

    @Test func nothingHappensToACancelledOrAcceptedTask() throws {
        let cancelled = try run(task, .cancel(reason: "Không còn phù hợp"), chair)
        #expect(cancelled.state == .cancelled)
        for c in [TaskCommand.reportProgress(percent: 10, note: ""), .submit(note: ""), .cancel(reason: "x")] {
            #expect(throws: TaskRefusal.cancelled) { try run(cancelled, c, chair) }
        }
        let accepted = try run(try run(task, .submit(note: ""), lead), .accept(.meets, note: ""), chair)
        #expect(throws: TaskRefusal.alreadyAccepted) { try run(accepted, .returnForRework(reason: "x"), chair) }
    }

    @Test func commandsOutOfTurnAreRefused() throws {
        #expect(throws: TaskRefusal.wrongState(.assigned)) { try run(task, .accept(.meets, note: ""), chair) }
        #expect(throws: TaskRefusal.noPendingExtension) {
            try run(task, .decideExtension(approve: true, note: ""), chair)
        }
        let submitted = try run(task, .submit(note: ""), lead)
        #expect(throws: TaskRefusal.wrongState(.submitted)) {
            try run(submitted, .reportProgress(percent: 50, note: ""), lead)
        }
        #expect(throws: TaskRefusal.extensionNotLater(date("2026-03-13"))) {
            try run(task, .requestExtension(to: date("2026-03-12"), reason: "x"), lead)
        }
    }
}

@Suite struct TaskDeadlineTests {
    @Test func aDeadlineOnTetNamesTheHolidayAndTheNextWorkingDay() throws {
        // setup: Tết Bính Ngọ 2026 — 17 February 2026 is lunar 1/1
        let problem = #expect(throws: TaskDeadline.Problem.self) {
            try TaskDeadline.resolve(.date(date("2026-02-17")), start: date("2026-02-02"), calendar: standardCalendar)
        }
        guard case .dayOff(let day, let why, let next)? = problem else {
            Issue.record("expected a day off")
            return
        }
        #expect(day == date("2026-02-17") && why != nil && next > day)
        #expect(try standardCalendar.isWorkingDay(next))
        #expect(problem?.vietnamese.contains(next.vietnamese) == true)
    }

    @Test func aWeekendDeadlineIsRefusedWithItsName() {
        #expect(throws: TaskDeadline.Problem.dayOff(date("2026-03-07"), why: nil, next: date("2026-03-09"))) {
            try TaskDeadline.resolve(.date(date("2026-03-07")), start: date("2026-03-02"), calendar: standardCalendar)
        }
        #expect(
            TaskDeadline.Problem.dayOff(date("2026-03-07"), why: nil, next: date("2026-03-09")).vietnamese.contains(
                "thứ Bảy"))
    }

    @Test func aDeadlineBeforeTheStartIsRefused() {
        #expect(throws: TaskDeadline.Problem.beforeStart(deadline: date("2026-03-02"), start: date("2026-03-03"))) {
            try TaskDeadline.resolve(.date(date("2026-03-02")), start: date("2026-03-03"), calendar: standardCalendar)
        }
    }

    @Test func workingDaysSkipWeekendsAndTet() throws {
        // Friday 6 March + 5 working days = Friday 13 March
        #expect(
            try TaskDeadline.resolve(.workingDays(5), start: date("2026-03-06"), calendar: standardCalendar)
                == date("2026-03-13"))
        // across Tết 2026: the days off are skipped, so 5 working days from 12 February land after the holiday
        let acrossTet = try TaskDeadline.resolve(.workingDays(5), start: date("2026-02-12"), calendar: standardCalendar)
        let off = try standardCalendar.daysOff(from: date("2026-02-13"), through: acrossTet).count
        #expect(acrossTet.epochDay - date("2026-02-12").epochDay == 5 + off)
        #expect(throws: TaskDeadline.Problem.badLength(0)) {
            try TaskDeadline.resolve(.workingDays(0), start: date("2026-03-06"), calendar: standardCalendar)
        }
    }

    @Test func timeUsedIsCountedInWorkingTime() throws {
        // Monday 2 – Friday 6 March: five working days; Wednesday 14:00 is a little over 50%
        let p = try TaskDeadline.percentUsed(
            start: date("2026-03-02"), deadline: date("2026-03-06"), now: at("2026-03-04T14:00"),
            calendar: standardCalendar)
        #expect(p > 50 && p < 55)
        #expect(TaskDeadline.level(percentUsed: p) == 50)
        #expect(
            TaskDeadline.level(percentUsed: 79.9) == 50 && TaskDeadline.level(percentUsed: 80) == 80
                && TaskDeadline.level(percentUsed: 130) == 100)
        #expect(TaskDeadline.level(percentUsed: 49) == nil)
        // the weekend after the deadline adds nothing; Monday morning is past 100%
        #expect(
            try TaskDeadline.percentUsed(
                start: date("2026-03-02"), deadline: date("2026-03-06"), now: at("2026-03-09T09:00"),
                calendar: standardCalendar) > 100)
    }
}

@Suite struct TaskFiguresTests {
    @Test func ratesCountWhatShouldBeDoneByNow() throws {
        // setup: four tasks seen on 20 March 2026
        let base = ReformTask(assigner: "c", lead: "l", start: date("2026-03-02"), originalDeadline: date("2026-03-13"))
        var early = base
        early.state = .accepted
        early.finishedOn = date("2026-03-10")
        early.quality = .meets
        var late = base
        late.state = .accepted
        late.finishedOn = date("2026-03-16")
        late.quality = .fails
        var overdue = base
        overdue.state = .inProgress
        var notDue = base
        notDue.originalDeadline = date("2026-04-30")
        notDue.deadline = notDue.originalDeadline
        var cancelled = base
        cancelled.state = .cancelled
        // act
        var f = TaskFigures()
        for t in [early, late, overdue, notDue, cancelled] {
            f.add(t, today: date("2026-03-20"), percentUsed: t == notDue ? 85 : 0)
        }
        // check
        #expect(
            f
                == TaskFigures(
                    assigned: 4, completed: 2, meeting: 1, onSchedule: 1, late: 1, overdue: 1, atRisk: 1, due: 3,
                    cancelled: 1))
        #expect(f.completionRate == 50 && f.qualityRate == 50)
        #expect(abs(f.onScheduleRate! - 100.0 / 3) < 1e-9)
        #expect(TaskFigures().completionRate == nil && TaskFigures().onScheduleRate == nil)
    }
}

@Suite struct TaskAllowedActionsTests {
    let chair = TaskActor(id: "chair", mayDecide: true)
    let lead = TaskActor(id: "lead", mayDecide: false)
    let co = TaskActor(id: "co", mayDecide: false)
    let base = ReformTask(
        assigner: "chair", lead: "lead", coOwners: ["co"], start: date("2026-03-02"),
        originalDeadline: date("2026-03-13"))

    @Test func eachPersonIsOfferedExactlyWhatTheRulesAllow() throws {
        #expect(base.allowedActions(for: lead) == [.progress, .submit, .extension])
        #expect(base.allowedActions(for: co) == [.progress])
        #expect(base.allowedActions(for: chair) == [.cancel])
        var submitted = base
        submitted.state = .submitted
        #expect(submitted.allowedActions(for: chair) == [.accept, .returnForRework, .cancel])
        #expect(submitted.allowedActions(for: lead).isEmpty)
        var asked = base
        asked.pendingExtension = date("2026-03-20")
        #expect(asked.allowedActions(for: lead) == [.progress, .submit])
        #expect(asked.allowedActions(for: chair) == [.decideExtension, .cancel])
        var done = base
        done.state = .accepted
        #expect(done.allowedActions(for: chair).isEmpty && done.allowedActions(for: lead).isEmpty)
    }

    @Test func everyOfferedActionIsAcceptedByTheRulesWithGoodInput() throws {
        // what the page offers never ends in a refusal for a reason the person could not see
        var asked = base
        asked.pendingExtension = date("2026-03-20")
        var submitted = base
        submitted.state = .submitted
        for (task, actor) in [
            (base, lead), (base, co), (base, chair), (submitted, chair), (asked, chair), (asked, lead),
        ] {
            for action in task.allowedActions(for: actor) {
                let command: TaskCommand =
                    switch action {
                    case .progress: .reportProgress(percent: 50, note: "")
                    case .submit: .submit(note: "")
                    case .accept: .accept(.meets, note: "")
                    case .returnForRework: .returnForRework(reason: "Bổ sung")
                    case .extension: .requestExtension(to: date("2026-03-20"), reason: "Chờ số liệu")
                    case .decideExtension: .decideExtension(approve: true, note: "")
                    case .cancel: .cancel(reason: "Không còn phù hợp")
                    }
                _ = try task.applying(command, by: actor, on: date("2026-03-05"), calendar: standardCalendar)
            }
        }
    }
}

@Suite struct TypedDateTests {
    @Test func aDayIsReadAsAFieldSendsItOrAsVietnameseWriteIt() throws {
        #expect(try LocalDate(typed: "2026-02-17") == date("2026-02-17"))
        #expect(try LocalDate(typed: " 17/02/2026 ") == date("2026-02-17"))
        #expect(try LocalDate(typed: "7/2/2026") == date("2026-02-07"))
        #expect(throws: CalendarError.impossibleDate("31/02/2026")) { try LocalDate(typed: "31/02/2026") }
        #expect(throws: CalendarError.malformedDate("17/02/26")) { try LocalDate(typed: "17/02/26") }
    }
}
