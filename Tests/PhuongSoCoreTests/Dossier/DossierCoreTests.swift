import Testing

@testable import PhuongSoCore

@Suite struct DossierCodeTests {
    @Test func codesFollowTheCircularFormatAndGrowPastFourDigits() throws {
        let day = date("2026-03-02")
        #expect(DossierCode(agency: "000.00.31.H42", date: day, sequence: 7).description == "000.00.31.H42-260302-0007")
        #expect(
            DossierCode(agency: "000.00.31.H42", date: day, sequence: 12345).description == "000.00.31.H42-260302-12345"
        )
        #expect(
            DossierCode(parsing: "000.00.31.H42-260302-0007")
                == DossierCode(agency: "000.00.31.H42", date: day, sequence: 7))
        #expect(DossierCode(parsing: "H42.CA-1-260302-0001")?.agency == "H42.CA-1")
        for bad in ["", "abc", "X-260230-0001", "X-260302-01", "X-260302-0000", "-260302-0001", "X-2603-0001"] {
            #expect(DossierCode(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func secretsAvoidLookAlikesAndNormalizeWhatIsTyped() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let s = LookupSecret.make(using: &rng)
            #expect(s.count == 8 && s.allSatisfy { LookupSecret.alphabet.contains($0) })
            #expect(!s.contains("0") && !s.contains("O") && !s.contains("I") && !s.contains("1"))
        }
        #expect(LookupSecret.normalize(" abcd-efgh ") == "ABCDEFGH")
    }
}

@Suite struct ApplicantTests {
    @Test func validApplicantsAreCleaned() {
        let (a, problems) = Applicant(
            name: "  Nguyễn Văn An ", idNumber: "0420 9100 1234", phone: "+84 912 345 678", email: "an@example.vn"
        ).validated()
        #expect(problems.isEmpty)
        #expect(a.name == "Nguyễn Văn An" && a.idNumber == "042091001234" && a.phone == "0912345678")
        let (org, orgProblems) = Applicant(kind: .organisation, name: "Công ty TNHH Sen Vàng", idNumber: "3001234567")
            .validated()
        #expect(orgProblems.isEmpty && org.kind == .organisation)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let (_, problems) = Applicant(name: " ", idNumber: "12345", phone: "12345", email: "not-an-email").validated()
        #expect(Set(problems) == [.nameMissing, .idNumberInvalid, .phoneInvalid, .emailInvalid])
        #expect(Applicant(name: "A", idNumber: "04209100123A").validated().1 == [.idNumberInvalid])
        #expect(Applicant(kind: .organisation, name: "B", idNumber: "123456789012").validated().1 == [.idNumberInvalid])
    }
}

@Suite struct AppointmentTests {
    let cal = standardCalendar

    @Test func workingDaysSkipTet() throws {
        // Thursday 12 Feb 2026, 10:00, three working days: Tết 16–20 Feb is skipped.
        #expect(
            show(try Appointment.due(for: .workingDays(3), receivedAt: at("2026-02-12T10:00"), calendar: cal))
                == "2026-02-24T10:00:00+07:00")
        #expect(
            show(try Appointment.due(for: .workingHours(12), receivedAt: at("2026-03-02T07:30"), calendar: cal))
                == "2026-03-03T11:30:00+07:00")
    }

    @Test func sameDayHonoursTheProceduresCutOff() throws {
        #expect(
            show(try Appointment.due(for: .sameDay(cutoff: "15:00"), receivedAt: at("2026-03-02T14:00"), calendar: cal))
                == "2026-03-02T17:30:00+07:00")
        #expect(
            show(try Appointment.due(for: .sameDay(cutoff: "15:00"), receivedAt: at("2026-03-02T15:30"), calendar: cal))
                == "2026-03-03T17:30:00+07:00")
    }

    @Test func calendarDaysAndMonthsMoveOffDaysOff() throws {
        // 10 calendar days from Wed 25 Feb 2026 is Sat 7 Mar: the next working day is Mon 9 Mar.
        #expect(
            show(try Appointment.due(for: .calendarDays(10), receivedAt: at("2026-02-25T09:00"), calendar: cal))
                == "2026-03-09T17:30:00+07:00")
        // One month from 31 January is the last day of February.
        #expect(
            show(try Appointment.due(for: .months(1), receivedAt: at("2025-01-31T09:00"), calendar: cal))
                == "2025-02-28T17:30:00+07:00")
    }
}

@Suite struct IntakeDecisionTests {
    let required = ["Tờ khai", "Giấy chứng sinh"]

    @Test func receivingNeedsEveryRequiredDocument() throws {
        #expect(
            try IntakeDecision.receive.outcome(from: nil, required: required, submitted: Set(required)) == .received)
        #expect(throws: IntakeDecision.Problem.missingComponents(["Giấy chứng sinh"])) {
            try IntakeDecision.receive.outcome(from: nil, required: required, submitted: ["Tờ khai"])
        }
    }

    @Test func supplementAndRefusalNeedTheirReasons() throws {
        #expect(
            try IntakeDecision.requestSupplement(missing: ["Giấy chứng sinh"], note: "").outcome(
                from: nil, required: required, submitted: []) == .supplementRequestedAtIntake)
        #expect(throws: IntakeDecision.Problem.nothingMissing) {
            try IntakeDecision.requestSupplement(missing: [], note: " ").outcome(
                from: nil, required: required, submitted: [])
        }
        #expect(
            try IntakeDecision.refuse(reason: "Không thuộc thẩm quyền").outcome(
                from: nil, required: required, submitted: []) == .refused)
        #expect(throws: IntakeDecision.Problem.reasonRequired) {
            try IntakeDecision.refuse(reason: "").outcome(from: nil, required: required, submitted: [])
        }
    }

    @Test func onlyDossiersAwaitingIntakeCanBeDecided() {
        for state in DossierState.allCases where ![.submittedOnline, .supplementRequestedAtIntake].contains(state) {
            #expect(throws: IntakeDecision.Problem.notAwaitingIntake) {
                try IntakeDecision.receive.outcome(from: state, required: [], submitted: [])
            }
        }
    }
}

@Suite struct ApologyTests {
    let cal = standardCalendar

    func check(
        now: String, due: String = "2026-03-05T08:00", newDue: String = "2026-03-09T17:30",
        reason: String = "Chờ xác minh", already: Bool = false
    ) throws {
        try Apology.check(
            state: .inProcess, now: at(now), due: at(due), newDue: at(newDue), reason: reason, alreadyGiven: already,
            calendar: cal)
    }

    @Test func anApologyComesAtTheLatestOneWorkingDayBeforeTheAppointment() throws {
        try check(now: "2026-03-04T08:00")  // exactly one working day before
        #expect(throws: Apology.Refusal.tooLate) { try check(now: "2026-03-04T08:01") }
        // a weekend in between does not count: Friday 08:00 is one working day before Monday 08:00
        try check(now: "2026-03-06T08:00", due: "2026-03-09T08:00", newDue: "2026-03-10T17:30")
    }

    @Test func onlyOnceWithAReasonAndALaterDate() {
        #expect(throws: Apology.Refusal.alreadyGiven) { try check(now: "2026-03-02T08:00", already: true) }
        #expect(throws: Apology.Refusal.reasonRequired) { try check(now: "2026-03-02T08:00", reason: " ") }
        #expect(throws: Apology.Refusal.newDateNotLater) {
            try check(now: "2026-03-02T08:00", newDue: "2026-03-05T08:00")
        }
        #expect(throws: Apology.Refusal.notInProcess) {
            try Apology.check(
                state: .done, now: at("2026-03-02T08:00"), due: at("2026-03-05T08:00"), newDue: at("2026-03-09T08:00"),
                reason: "x", alreadyGiven: false, calendar: cal)
        }
    }
}
