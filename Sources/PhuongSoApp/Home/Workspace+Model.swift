import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Every workspace URL, declared once: routes are registered from these and links built with them.
package enum WorkspacePaths {
    package static let workspace = "/workspace"
    package static let api = "/api/v1/workspace"
    /// A queue's full list; `unit` (a code) for a supervisor looking at a ward below.
    package static func queue(_ q: WorkQueue, unit: String? = nil) -> String {
        "/workspace/\(q.rawValue)"
            + (unit.map { "?unit=" + $0.queryValueEncoded } ?? "")
    }

    /// Path components for route registration (`:queue` is a `WorkQueue`).
    static let routeQueue: [PathComponent] = ["workspace", ":queue"]
}

/// The staff workspace ("Bàn làm việc"): what waits for this person, counted, with the most
/// urgent items. Built by one query; the view only formats it and the API returns it as is.
package struct WorkspaceModel: Content, Sendable {
    /// A number of things waiting, the list it counts and its first items.
    package struct Tile: Content, Sendable {
        package var key: String
        package var vi: String
        package var en: String
        package var count: Int
        /// The page listing exactly these `count` items.
        package var link: String
        /// Where the work is done (the counter, the inbox…), when that is another page.
        package var workLink: String?
        package var items: [WorkItem]
    }

    /// A ward below a supervisor, with its dossiers in progress and overdue.
    package struct Ward: Content, Sendable {
        package var code: String
        package var name: String
        package var open: Int
        package var overdue: Int
        package var openLink: String
        package var overdueLink: String
    }

    /// A page to go on to, with a Vietnamese and an English name.
    package struct Link: Content, Sendable {
        package var path: String
        package var vi: String
        package var en: String
    }

    package var name: String
    package var role: Role
    package var unitName: String?
    package var tiles: [Tile]
    package var wards: [Ward]
    package var links: [Link]

    static let shown = 5

    /// The dossier queues each role works from (a supervisor sees them per ward instead).
    package static func queues(for role: Role) -> [WorkQueue] {
        switch role {
        case .clerk: return [.onlineIntake, .supplementAtIntake, .resultsToReturn, .feesOwed]
        case .official: return [.inbox, .transfersToAnswer, .atRisk]
        case .leader: return [.inbox, .atRisk, .unhappyRatings]
        case .office: return [.unhappyRatings, .overdue]
        case .supervisor: return [.open, .overdue]
        case .citizen, .unitAdmin, .admin: return []
        }
    }

    package static func build(for user: CurrentUser, now: Date, utcOffset: Int, on db: Database) async throws
        -> WorkspaceModel
    {
        let unit = try await user.unitID.asyncMap { try await UnitRecord.find($0, on: db) } ?? nil
        var m = WorkspaceModel(
            name: user.displayName, role: user.role, unitName: unit?.name, tiles: [], wards: [], links: [])
        if let unit, user.role != .supervisor {
            let who = WorkQueries.Who(username: user.username, role: user.role, unit: unit)
            for q in queues(for: user.role) {
                let items = try await WorkQueries.items(q, for: who, now: now, utcOffset: utcOffset, on: db)
                m.tiles.append(tile(q, items, role: user.role))
            }
        }
        if AccessPolicy.allows(user.role, .workOnTasks), user.unitID != nil {
            m.tiles += try await taskTiles(user, now: now, utcOffset: utcOffset, on: db)
        }
        if user.role == .supervisor, let unit {
            m.wards = try await wards(below: unit, user: user, now: now, utcOffset: utcOffset, on: db)
        }
        m.tiles += try await adminTiles(user, unit: unit, on: db)
        m.links = links(for: user.role, unit: unit)
        if user.role == .admin {
            // the system administrator keeps every ward's calendar
            for w in try await UnitRecord.query(on: db).filter(\.$kind ~~ [.ward, .commune, .specialZone]).sort(\.$code)
                .all()
            {
                m.links.insert(
                    Link(
                        path: UnitPaths.calendar(w.code), vi: "Lịch làm việc: " + w.name,
                        en: "Working calendar: " + w.name),
                    at: max(0, m.links.count - 1))
            }
        }
        return m
    }

    static func tile(_ q: WorkQueue, _ items: [WorkItem], role: Role) -> Tile {
        var vi = q.vietnamese
        var en = q.english
        if q == .inbox && role == .leader {
            vi = "Hồ sơ chờ lãnh đạo phê duyệt"
            en = "Dossiers waiting for my approval"
        }
        let work: String?
        switch q {
        case .onlineIntake: work = DossierPaths.counter
        case .inbox, .transfersToAnswer, .atRisk, .resultsToReturn, .unhappyRatings: work = DossierPaths.inbox
        case .overdue: work = DossierPaths.register + "?bucket=overdue"
        case .supplementAtIntake, .feesOwed, .open: work = nil
        }
        return Tile(
            key: q.rawValue, vi: vi, en: en, count: items.count, link: WorkspacePaths.queue(q), workLink: work,
            items: Array(items.prefix(shown)))
    }

    /// "My tasks" as its page lists them: what I lead or share, and (for whoever decides) what
    /// waits for my decision.
    static func taskTiles(_ user: CurrentUser, now: Date, utcOffset: Int, on db: Database) async throws -> [Tile] {
        let tasks = try await MyTasksModel.build(for: user, now: now, utcOffset: utcOffset, on: db)
        func items(_ list: [TaskQueries.Standing]) -> [WorkItem] {
            list.prefix(shown).map { s in
                WorkItem(
                    reference: "NV\(s.record.number)", title: s.record.title,
                    link: TaskPaths.task(s.record.id ?? UUID()),
                    due: nil, percentUsed: nil, note: s.task.deadline.vietnamese)
            }
        }
        var tiles = [
            Tile(
                key: "my-tasks", vi: "Nhiệm vụ cải cách tôi chủ trì hoặc phối hợp", en: "Reform tasks I lead or share",
                count: tasks.mine.count, link: TaskPaths.mine, workLink: nil, items: items(tasks.mine))
        ]
        if user.role == .leader || !tasks.toDecide.isEmpty {
            tiles.insert(
                Tile(
                    key: "tasks-to-decide", vi: "Nhiệm vụ chờ tôi quyết định", en: "Tasks waiting for my decision",
                    count: tasks.toDecide.count, link: TaskPaths.mine, workLink: nil, items: items(tasks.toDecide)),
                at: 0)
        }
        return tiles
    }

    /// The wards and communes below a supervisor's unit, each with the matrix's "in progress"
    /// and "overdue" counts (the same queues a ward's staff see).
    static func wards(below unit: UnitRecord, user: CurrentUser, now: Date, utcOffset: Int, on db: Database)
        async throws -> [Ward]
    {
        let scope = try await UnitQueries.scope(on: db)
        let home = try unit.requireID().uuidString
        let below = try await UnitRecord.query(on: db).filter(\.$kind ~~ [.ward, .commune, .specialZone]).filter(
            \.$active == true
        )
        .sort(\.$code).all().filter { $0.id.map { scope.contains($0.uuidString, within: home) } ?? false }
        var wards: [Ward] = []
        for w in below {
            let who = WorkQueries.Who(username: user.username, role: user.role, unit: w)
            let open = try await WorkQueries.items(.open, for: who, now: now, utcOffset: utcOffset, on: db).count
            let overdue = try await WorkQueries.items(.overdue, for: who, now: now, utcOffset: utcOffset, on: db).count
            wards.append(
                Ward(
                    code: w.code, name: w.name, open: open, overdue: overdue,
                    openLink: WorkspacePaths.queue(.open, unit: w.code),
                    overdueLink: WorkspacePaths.queue(.overdue, unit: w.code)))
        }
        return wards
    }

    /// What an administrator keeps: accounts and the catalogue, counted as their lists show them.
    static func adminTiles(_ user: CurrentUser, unit: UnitRecord?, on db: Database) async throws -> [Tile] {
        guard user.role == .admin || user.role == .unitAdmin else { return [] }
        var tiles: [Tile] = []
        let accounts = try await AccountQueries.visible(to: user, on: db)
        tiles.append(
            Tile(
                key: "accounts", vi: "Tài khoản", en: "Accounts", count: accounts.count, link: AccountPaths.users,
                workLink: nil, items: []))
        if user.role == .admin {
            let procedures = try await ProcedureRecord.query(on: db).count()
            tiles.append(
                Tile(
                    key: "procedures", vi: "Thủ tục trong danh mục", en: "Procedures in the catalogue",
                    count: procedures,
                    link: CatalogPaths.admin, workLink: nil, items: []))
        }
        return tiles
    }

    static func links(for role: Role, unit: UnitRecord?) -> [Link] {
        var links: [Link] = []
        switch role {
        case .clerk:
            links = [
                Link(path: DossierPaths.counter, vi: "Quầy tiếp nhận hồ sơ", en: "The counter"),
                Link(path: DossierPaths.inbox, vi: "Hồ sơ cần xử lý", en: "My inbox"),
                Link(path: DossierPaths.register, vi: "Sổ theo dõi hồ sơ", en: "Dossier register"),
            ]
        case .official:
            links = [
                Link(path: DossierPaths.inbox, vi: "Hồ sơ cần xử lý", en: "My inbox"),
                Link(path: TaskPaths.mine, vi: "Nhiệm vụ của tôi", en: "My tasks"),
                Link(path: ParPaths.home, vi: "Chỉ số CCHC: tiêu chí giao cho tôi", en: "PAR Index: my criteria"),
            ]
        case .leader:
            links = [
                Link(path: DossierPaths.inbox, vi: "Hồ sơ cần xử lý", en: "My inbox"),
                Link(path: ReformPaths.overview, vi: "Tổng hợp cải cách hành chính", en: "Reform overview"),
                Link(path: Index766Paths.page, vi: "Chỉ số 766 của phường", en: "The ward's 766 index"),
                Link(path: ReformReportPaths.list, vi: "Báo cáo CCHC định kỳ", en: "Periodic reform reports"),
                Link(path: ParPaths.home, vi: "Chỉ số CCHC (PAR Index) của phường", en: "The ward's PAR Index"),
                Link(path: ReportPaths.matrix, vi: "Thống kê tình hình giải quyết hồ sơ", en: "Dossier statistics"),
            ]
        case .office:
            links = [
                Link(path: TaskPaths.mine, vi: "Nhiệm vụ của tôi", en: "My tasks"),
                Link(path: PlanPaths.list, vi: "Kế hoạch CCHC", en: "Reform plans"),
                Link(path: ReformPaths.overview, vi: "Tổng hợp cải cách hành chính", en: "Reform overview"),
                Link(path: Index766Paths.page, vi: "Chỉ số 766 của phường", en: "The ward's 766 index"),
                Link(path: ReformReportPaths.list, vi: "Báo cáo CCHC định kỳ", en: "Periodic reform reports"),
                Link(path: ParPaths.home, vi: "Chỉ số CCHC (PAR Index) của phường", en: "The ward's PAR Index"),
                Link(path: ReportPaths.matrix, vi: "Thống kê tình hình giải quyết hồ sơ", en: "Dossier statistics"),
            ]
        case .supervisor:
            links = [
                Link(
                    path: ReformPaths.overview, vi: "Tổng hợp cải cách hành chính các đơn vị",
                    en: "Reform overview of the units"),
                Link(path: Index766Paths.page, vi: "Chỉ số 766 các đơn vị", en: "Decision 766 index of the units"),
                Link(
                    path: ReformReportPaths.list, vi: "Báo cáo CCHC của các phường, xã",
                    en: "Reform reports of the wards"),
                Link(
                    path: ParPaths.home, vi: "Chỉ số CCHC: thẩm định và xếp hạng",
                    en: "PAR Index: appraisal and ranking"),
                Link(
                    path: ReportPaths.matrix, vi: "Thống kê hồ sơ toàn tỉnh", en: "Dossier statistics of the province"),
            ]
        case .admin, .unitAdmin:
            links = [
                Link(path: AccountPaths.users, vi: "Tài khoản", en: "Accounts"),
                Link(path: UnitPaths.list, vi: "Đơn vị và lĩnh vực", en: "Units and fields"),
            ]
            if role == .admin {
                links += [
                    Link(path: CatalogPaths.admin, vi: "Danh mục thủ tục hành chính", en: "Procedure catalogue"),
                    Link(path: AuditPaths.audit, vi: "Nhật ký thay đổi", en: "Audit trail"),
                ]
            }
            if let unit {
                links.append(
                    Link(path: UnitPaths.calendar(unit.code), vi: "Lịch làm việc", en: "Working calendar"))
            }
        case .citizen: break
        }
        links.append(Link(path: HomePaths.admin, vi: "Tất cả chức năng quản trị", en: "All administration pages"))
        return links
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
