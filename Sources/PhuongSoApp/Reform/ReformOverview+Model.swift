import Fluent
import Foundation
import PhuongSoCore

/// The chairman's and the office's view of reform work (and, for a supervisor, every ward below):
/// completion and on-schedule rates per plan, area, field and person, overdue and at-risk tasks.
/// Every number is counted by `TaskFigures` and links to the register filtered the same way.
struct ReformOverviewModel {
    struct Group: Sendable {
        let key: String
        let name: String
        let figures: TaskFigures
        /// The register filter that lists this group's tasks.
        let filter: [(String, String?)]
    }
    struct Query: Codable, Sendable {
        var unit: String?
        var year: Int?
    }

    let units: [UnitRecord]
    let year: Int
    let total: TaskFigures
    let byUnit: [Group]
    let byPlan: [Group]
    let byArea: [Group]
    let byField: [Group]
    let byPerson: [Group]
    let overdue: [TaskQueries.Standing]
    let atRisk: [TaskQueries.Standing]
    let today: LocalDate
    /// The register's base filter for this view (unit and year).
    let base: [(String, String?)]

    static func build(_ q: Query, for user: CurrentUser, now: Date, utcOffset: Int, on db: Database) async throws
        -> ReformOverviewModel
    {
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        let year = q.year ?? today.year
        guard (2000...2100).contains(year) else {
            throw AppError.invalid(
                field: "year", vi: "Năm \(year) nằm ngoài phạm vi 2000–2100.", en: "The year must be 2000–2100.")
        }
        let units = try await TaskAccess.units(for: user, code: q.unit, on: db)
        let from = try LocalDate(year: year, month: 1, day: 1)
        let to = try LocalDate(year: year, month: 12, day: 31)
        let records = try await TaskQueries.tasks(
            unitIDs: units.compactMap(\.id), filter: .init(deadlineFrom: from, deadlineTo: to), on: db)
        let standings = try await TaskQueries.standings(records, now: now, utcOffset: utcOffset, on: db)
        let total = standings.reduce(into: TaskFigures()) { $0.add($1.task, today: today, percentUsed: $1.percentUsed) }
        let base: [(String, String?)] = [("unit", q.unit), ("from", from.description), ("to", to.description)]

        func groups(_ g: TaskQueries.Grouping, name: (String) async throws -> String, filterKey: String) async throws
            -> [Group]
        {
            var out: [Group] = []
            for (key, f) in TaskQueries.figures(standings, by: g, today: today) {
                let value =
                    filterKey == "unit" ? units.first { $0.id?.uuidString == key }?.code : key.isEmpty ? "none" : key
                out.append(
                    Group(
                        key: key, name: try await name(key), figures: f,
                        filter: base.filter { $0.0 != filterKey } + [(filterKey, value)]))
            }
            return out.sorted { $0.name < $1.name }
        }
        let people = try await UserRecord.query(on: db).filter(\.$id ~~ Set(records.map { $0.$lead.id })).all()
        let fields = try await FieldRecord.query(on: db).filter(\.$unit.$id ~~ units.compactMap(\.id)).all()
        let planNames = try await ReformNames.plans(Set(records.compactMap(\.planID)), on: db)
        return ReformOverviewModel(
            units: units, year: year, total: total,
            byUnit: units.count > 1
                ? try await groups(
                    .unit, name: { k in units.first { $0.id?.uuidString == k }?.name ?? k }, filterKey: "unit") : [],
            byPlan: try await groups(
                .plan, name: { k in k.isEmpty ? "Không thuộc kế hoạch" : planNames[k] ?? "Kế hoạch" }, filterKey: "plan"
            ),
            byArea: try await groups(
                .area, name: { k in k.isEmpty ? "Chưa gắn lĩnh vực cải cách" : ReformNames.area(k) }, filterKey: "area"),
            byField: try await groups(
                .field,
                name: { k in k.isEmpty ? "Chưa gắn lĩnh vực chuyên môn" : fields.first { $0.code == k }?.name ?? k },
                filterKey: "field"),
            byPerson: try await groups(
                .person, name: { k in people.first { $0.id?.uuidString == k }?.displayName ?? "—" }, filterKey: "lead"),
            overdue: standings.filter { $0.task.isOverdue(on: today) }.sorted { $0.task.deadline < $1.task.deadline },
            atRisk: standings.filter {
                !$0.task.isOverdue(on: today) && $0.task.isBeingWorkedOn && $0.percentUsed >= 80
            }.sorted { $0.percentUsed > $1.percentUsed },
            today: today, base: base)
    }
}

/// Names of the records other capabilities own, for the overview's rows.
enum ReformNames {
    static func plans(_ ids: Set<UUID>, on db: Database) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(
            try await PlanRecord.query(on: db).filter(\.$id ~~ ids).all().map {
                (try $0.requireID().uuidString, $0.title)
            },
            uniquingKeysWith: { a, _ in a })
    }
    static func area(_ code: String) -> String { ReformArea.standard(code)?.vietnamese ?? code }
}
