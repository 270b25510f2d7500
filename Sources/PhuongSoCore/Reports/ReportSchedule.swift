/// The periodic CCHC reports a ward sends up (DOMAIN §10, §12): which reports a year holds, the
/// period of data each covers and when each is due. Kept as versioned data with its source, as
/// the guidance changes; a report stores the dates it was made with, so a later version never
/// moves an old report.
package struct ReportSchedule: Sendable, Hashable {
    /// A report of the schedule. Ad hoc reports (báo cáo đột xuất) carry their own dates.
    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case quarter1 = "q1"
        case half1 = "h1"
        case quarter3 = "q3"
        case year = "y"
        case adHoc = "adhoc"

        /// The scheduled kinds, in the order of the year.
        package static let periodic: [Kind] = [.quarter1, .half1, .quarter3, .year]

        package var vietnamese: String {
            switch self {
            case .quarter1: return "Báo cáo CCHC quý I"
            case .half1: return "Báo cáo CCHC 6 tháng đầu năm"
            case .quarter3: return "Báo cáo CCHC quý III"
            case .year: return "Báo cáo CCHC năm"
            case .adHoc: return "Báo cáo CCHC đột xuất"
            }
        }

        package var english: String {
            switch self {
            case .quarter1: return "Q1 reform report"
            case .half1: return "First-half reform report"
            case .quarter3: return "Q3 reform report"
            case .year: return "Yearly reform report"
            case .adHoc: return "Ad hoc reform report"
            }
        }

        /// The words after "Kết quả thực hiện công tác cải cách hành chính" in the subject line.
        package func periodWords(year: Int) -> String {
            switch self {
            case .quarter1: return "quý I năm \(year)"
            case .half1: return "6 tháng đầu năm \(year)"
            case .quarter3: return "quý III năm \(year)"
            case .year: return "năm \(year)"
            case .adHoc: return "năm \(year)"
            }
        }

        /// The last month of the period the report covers.
        var lastMonth: Int? {
            switch self {
            case .quarter1: return 3
            case .half1: return 6
            case .quarter3: return 9
            case .year: return 12
            case .adHoc: return nil
            }
        }

        /// The first month of the period (the data start on the cut-off day of the month before).
        var firstMonth: Int? {
            switch self {
            case .quarter1, .half1, .year: return 1
            case .quarter3: return 7
            case .adHoc: return nil
            }
        }
    }

    /// The dates of one report: the data it counts (inclusive) and the day it is due.
    package struct Dates: Sendable, Hashable {
        package let dataFrom: LocalDate
        package let dataTo: LocalDate
        package let dueOn: LocalDate
        package init(dataFrom: LocalDate, dataTo: LocalDate, dueOn: LocalDate) {
            self.dataFrom = dataFrom
            self.dataTo = dataTo
            self.dueOn = dueOn
        }
    }

    package enum ScheduleError: Error, Equatable {
        /// Ad hoc reports have no scheduled dates: the office sets them.
        case notScheduled
        case yearOutOfRange(Int)
        /// A schedule whose cut-off or due day does not exist in some month (a wrong version).
        case impossibleDay
    }

    package let version: String
    package let source: String
    /// The data run from this day of the month before the period…
    package let cutOffFromDay: Int
    /// …to this day of its last month.
    package let cutOffToDay: Int
    /// The ward's report is due on this day of the period's last month. The province sets it
    /// (earlier than the ministry's 20th, so it can sum the wards); 15 is the default.
    package let dueDay: Int

    /// Bộ Nội vụ, Văn bản 581/BNV-CCHC (chế độ báo cáo CCHC định kỳ): data from the 15th of the
    /// month before the period to the 14th of its last month; the ministry's deadline the 20th of
    /// the last month. The ward's deadline to the province is set by the province: the 15th here,
    /// the day after the data close, until the province says otherwise.
    package static let bnv581 = ReportSchedule(
        version: "581/BNV-CCHC",
        source:
            "Văn bản 581/BNV-CCHC của Bộ Nội vụ: số liệu từ ngày 15 của tháng trước kỳ báo cáo đến ngày 14 của tháng "
            + "cuối kỳ; hạn gửi của phường do tỉnh quy định (mặc định ngày 15 của tháng cuối kỳ).",
        cutOffFromDay: 15, cutOffToDay: 14, dueDay: 15)

    /// The schedule in force.
    package static let current = bnv581

    /// The dates of a scheduled report of `year`.
    package func dates(_ kind: Kind, year: Int) throws(ScheduleError) -> Dates {
        guard let first = kind.firstMonth, let last = kind.lastMonth else { throw .notScheduled }
        guard (2000...2100).contains(year) else { throw .yearOutOfRange(year) }
        do {
            let (fromYear, fromMonth) = first == 1 ? (year - 1, 12) : (year, first - 1)
            return Dates(
                dataFrom: try LocalDate(year: fromYear, month: fromMonth, day: cutOffFromDay),
                dataTo: try LocalDate(year: year, month: last, day: cutOffToDay),
                dueOn: try LocalDate(year: year, month: last, day: dueDay))
        } catch {
            throw .impossibleDay
        }
    }
}

/// A province's own days for its wards' periodic reports (DOMAIN §10: "each province sets the
/// ward's deadline"), kept as data from a year on: the data close on the same day of every
/// period's last month and open the day after in the month before; the ward's report is due some
/// days later. A report keeps the dates it was made with, so a new setting never moves one.
extension ReportSchedule {
    /// What is wrong with a province's days, by field, in both languages.
    package struct Problem: Error, Equatable, Sendable {
        package let field: String
        package let vietnamese: String
        package let english: String
    }

    /// The ministry's deadline for the province: the 20th of the period's last month (581/BNV-CCHC).
    package static let ministryDueDay = 20

    /// The rules for a province's own days [P]: the data close on a day every month has, so that
    /// the next period opens on a day every month has too (1–27); the ward's report is due after its
    /// data close and before the ministry's 20th, so the province can add the wards up in time.
    package static func problems(dataCloseDay: Int, dueDay: Int) -> [Problem] {
        var out: [Problem] = []
        if !(1...27).contains(dataCloseDay) {
            out.append(
                Problem(
                    field: "dataCloseDay",
                    vietnamese: "Ngày chốt số liệu phải từ 1 đến 27 (tháng nào cũng có ngày đó và ngày hôm sau).",
                    english: "The data close on a day from 1 to 27 (every month has it and the day after)."))
        }
        if dueDay >= ministryDueDay || dueDay < 2 {
            out.append(
                Problem(
                    field: "dueDay",
                    vietnamese: "Hạn gửi của phường phải trước ngày \(ministryDueDay), hạn tỉnh gửi Bộ Nội vụ.",
                    english: "The ward's report is due before the \(ministryDueDay)th, the province's deadline."))
        } else if (1...27).contains(dataCloseDay) && dueDay <= dataCloseDay {
            out.append(
                Problem(
                    field: "dueDay",
                    vietnamese: "Hạn gửi phải sau ngày chốt số liệu (ngày \(dataCloseDay)).",
                    english: "The report is due after the data close (day \(dataCloseDay))."))
        }
        return out
    }

    /// A province's schedule: its days under the ministry's periods, named by the decision they come
    /// from. Throws every problem at once.
    package static func provincial(basis: String, dataCloseDay: Int, dueDay: Int) throws(ProblemList) -> ReportSchedule
    {
        let found = problems(dataCloseDay: dataCloseDay, dueDay: dueDay)
        guard found.isEmpty else { throw ProblemList(problems: found) }
        return ReportSchedule(
            version: basis,
            source:
                "\(basis): số liệu từ ngày \(dataCloseDay + 1) của tháng trước kỳ báo cáo đến ngày \(dataCloseDay) của "
                + "tháng cuối kỳ; hạn phường gửi ngày \(dueDay) của tháng cuối kỳ (khung kỳ báo cáo theo Văn bản "
                + "581/BNV-CCHC).",
            cutOffFromDay: dataCloseDay + 1, cutOffToDay: dataCloseDay, dueDay: dueDay)
    }

    package struct ProblemList: Error, Equatable, Sendable {
        package let problems: [Problem]
    }
}
