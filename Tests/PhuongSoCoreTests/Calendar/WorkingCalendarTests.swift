import PropertyBased
import Testing

@testable import PhuongSoCore

@Suite struct WorkingCalendarTests {
    let cal = standardCalendar

    func due(_ from: String, hours: Double) throws -> String { show(try cal.adding(hours: hours, to: at(from))) }

    @Test func hoursSkipNightsWeekendsAndTet() throws {
        // Thu 4 Feb 2027 16:00 + 4 h: 1.5 h that day, Tết and compensatory days skipped,
        // 2.5 h on Fri 12 Feb.
        #expect(try due("2027-02-04T16:00", hours: 4) == "2027-02-12T10:00:00+07:00")
        #expect(try due("2027-02-15T07:30", hours: 4) == "2027-02-15T11:30:00+07:00")
    }

    @Test func aResultAtThePeriodEndIsThatEndNotTheNextStart() throws {
        #expect(try due("2026-03-02T07:30", hours: 4) == "2026-03-02T11:30:00+07:00")
        #expect(try due("2026-03-02T07:30", hours: 8) == "2026-03-02T17:30:00+07:00")
        #expect(try due("2026-03-02T11:30", hours: 0.5) == "2026-03-02T14:00:00+07:00")
    }

    @Test func startsOutsideWorkingTimeCountFromTheNextPeriod() throws {
        #expect(try due("2026-03-02T05:00", hours: 1) == "2026-03-02T08:30:00+07:00")
        #expect(try due("2026-03-02T12:15", hours: 1) == "2026-03-02T14:30:00+07:00")
        #expect(try due("2026-03-06T18:00", hours: 1) == "2026-03-09T08:30:00+07:00")  // Friday evening → Monday
        #expect(try due("2026-03-07T09:00", hours: 4) == "2026-03-09T11:30:00+07:00")  // Saturday
    }

    @Test func daysAreEightWorkingHoursEach() throws {
        let start = at("2026-02-12T09:00")  // Thursday before Tết 2026
        #expect(show(try cal.adding(days: 3, to: start)) == "2026-02-24T09:00:00+07:00")
        #expect(show(try cal.adding(days: 0.5, to: start)) == "2026-02-12T15:00:00+07:00")
        #expect(try cal.adding(days: 2, to: start) == cal.adding(hours: 16, to: start))
    }

    @Test func sameDayRuleHonoursTheCutOff() throws {
        let cutoff = TimeOfDay(hour: 15)
        #expect(
            show(try cal.sameDayDue(receivedAt: at("2026-03-02T14:59"), cutoff: cutoff)) == "2026-03-02T17:30:00+07:00")
        #expect(
            show(try cal.sameDayDue(receivedAt: at("2026-03-02T15:00"), cutoff: cutoff)) == "2026-03-03T17:30:00+07:00")
        #expect(
            show(try cal.sameDayDue(receivedAt: at("2026-03-06T16:00"), cutoff: cutoff)) == "2026-03-09T17:30:00+07:00")
        #expect(
            show(try cal.sameDayDue(receivedAt: at("2026-02-16T09:00"), cutoff: cutoff)) == "2026-02-23T17:30:00+07:00")
        #expect(
            show(try cal.sameDayDue(receivedAt: at("2026-03-07T09:00"), cutoff: cutoff)) == "2026-03-09T17:30:00+07:00")
    }

    @Test func workingTimeBetweenTwoInstants() throws {
        #expect(try cal.workingSeconds(from: at("2026-03-02T07:30"), to: at("2026-03-02T17:30")) == 8 * 3600)
        #expect(try cal.workingSeconds(from: at("2026-03-06T16:30"), to: at("2026-03-09T08:30")) == 2 * 3600)
        #expect(try cal.workingSeconds(from: at("2026-02-13T17:00"), to: at("2026-02-23T08:00")) == 3600)
        #expect(try cal.workingSeconds(from: at("2026-03-09T08:30"), to: at("2026-03-06T16:30")) == 0)
    }

    @Test func absurdLengthsAndOutOfRangeDatesAreRefused() throws {
        #expect(throws: CalendarError.self) { try cal.adding(hours: -1, to: at("2026-03-02T07:30")) }
        #expect(throws: CalendarError.self) { try cal.adding(hours: 0, to: at("2026-03-02T07:30")) }
        #expect(throws: CalendarError.self) { try cal.adding(days: 100_000, to: at("2026-03-02T07:30")) }
        #expect(throws: CalendarError.self) { try cal.adding(hours: .nan, to: at("2026-03-02T07:30")) }
        #expect(throws: CalendarError.yearOutOfRange(1999)) { try cal.adding(hours: 1, to: at("1999-03-02T07:30")) }
        #expect(throws: CalendarError.self) { try LocalDateTime(parsing: "2026-02-30T08:00") }
        #expect(throws: CalendarError.self) { try LocalDateTime(parsing: "2026-02-10T25:00") }
        #expect(throws: CalendarError.self) { try WorkingHours(parsing: "13:30-11:30") }
        #expect(throws: CalendarError.self) { try WorkingHours(parsing: "07:30-11:30,11:00-17:00") }
    }

    @Test func customWorkingHoursChangeTheDayLength() throws {
        let hours = try WorkingHours(parsing: "08:00-12:00,13:00-16:00")
        let short = try WorkingCalendar(years: 2026...2026, hours: hours)
        #expect(hours.secondsPerDay == 7 * 3600)
        #expect(show(try short.adding(days: 1, to: at("2026-03-02T08:00"))) == "2026-03-02T16:00:00+07:00")
    }

    // MARK: Properties (random starts and lengths across 2025–2030)

    static let starts = Gen.int(in: 0...(6 * 365 * 86400)).map {
        Instant(seconds: at("2025-01-01T00:00").seconds + Int64($0))
    }
    static let lengths = Gen.int(in: 1...(400 * 3600))

    @Test func addingAThenBEqualsAddingTheirSum() async {
        await propertyCheck(count: 500, input: Self.starts, Self.lengths, Self.lengths) { start, a, b in
            let viaSteps = try? cal.adding(
                workingSeconds: Int64(b), to: cal.adding(workingSeconds: Int64(a), to: start))
            let direct = try? cal.adding(workingSeconds: Int64(a + b), to: start)
            #expect(viaSteps != nil && viaSteps == direct)
        }
    }

    @Test func resultsAreMonotonicInStartAndLength() async {
        await propertyCheck(count: 500, input: Self.starts, Self.lengths, Gen.int(in: 0...86400)) { start, h, shift in
            let later = start.adding(seconds: Int64(shift))
            #expect(
                try! cal.adding(workingSeconds: Int64(h), to: start) <= cal.adding(workingSeconds: Int64(h), to: later))
            #expect(
                try! cal.adding(workingSeconds: Int64(h), to: start)
                    <= cal.adding(workingSeconds: Int64(h + shift), to: start))
        }
    }

    @Test func countingBackGivesTheLengthAdded() async {
        await propertyCheck(count: 500, input: Self.starts, Self.lengths) { start, h in
            let end = try! cal.adding(workingSeconds: Int64(h), to: start)
            #expect(try! cal.workingSeconds(from: start, to: end) == Int64(h))
            // and it is the earliest such instant
            #expect(try! cal.workingSeconds(from: start, to: end.adding(seconds: -1)) == Int64(h - 1))
        }
    }

    @Test func resultsLieInsideAWorkingPeriodOrAtItsEnd() async {
        await propertyCheck(count: 500, input: Self.starts, Self.lengths) { start, h in
            let end = LocalDateTime(try! cal.adding(workingSeconds: Int64(h), to: start))
            #expect(try! cal.isWorkingDay(end.date))
            #expect(
                cal.hours.periods.contains { $0.start.seconds < end.secondOfDay && end.secondOfDay <= $0.end.seconds })
        }
    }
}
