import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The staff workspace: where each role lands, what it counts, and that every count links to a
/// list of exactly that many items.
@Suite struct WorkspaceTests {
    static let staff = ["chutich", "vanphong", "tuphap", "diachinh", "vanhoa", "motcua", "giamsat", "admin", "quantri"]

    static func loginLocation(_ app: Application, _ username: String) async throws -> String? {
        let first = try await app.testing().sendRequest(.GET, "/login")
        let session = WebSession(cookie: first.cookieHeader, csrf: WebSession.csrf(in: first.body.string))
        let res = try await session.post(app, "/login", form: ["username": username, "password": DemoData.password])
        return res.headers.first(name: .location)
    }

    @Test(arguments: TestDatabase.all)
    func everyStaffRoleLandsOnItsWorkspaceAndCitizensOnTheHomePage(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            for username in Self.staff {
                // act
                let location = try await Self.loginLocation(app, username)
                // check
                #expect(location == WorkspacePaths.workspace, "\(username)")
                let page = try await app.webSession(username).get(app, WorkspacePaths.workspace)
                #expect(page.status == .ok && page.body.string.contains("Bàn làm việc"), "\(username)")
            }
            #expect(try await Self.loginLocation(app, "congdan") == "/")
            // the public home page links a logged-in staff member to the workspace
            let home = try await app.webSession("tuphap").get(app, "/")
            #expect(home.body.string.contains("href=\"/workspace\""))
        }
    }

    /// A received dossier of the fee-bearing demo procedure, with every component of its checklist.
    static func receive(_ app: Application, name: String, idNumber: String) async throws -> DossierRecord {
        let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
        let record = try await CatalogQueries.find(code: FeeDossiers.procedure, unitCode: nil, on: app.db)
        let content = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: name, idNumber: idNumber), submitted: Set(content.components.map(\.name)),
                sets: 1, decision: .receive),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("t"), now: app.now, utcOffset: 7 * 3600,
            on: app.db)
    }

    /// What waits, counted straight from the records (not through the workspace's queries).
    static func expected(_ app: Application, _ username: String) async throws -> [String: Int] {
        let user = try await AccountQueries.find(username: username, on: app.db)
        let ward = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
        let all = try await DossierRecord.query(on: app.db).filter(\.$unit.$id == ward.requireID()).with(\.$procedure)
            .all()
        func count(_ s: DossierState) -> Int { all.filter { $0.state == s }.count }
        let now = Int64(app.now.timeIntervalSince1970)
        let overdue = all.filter {
            [.received, .inProcess, .transferred].contains($0.state) && ($0.dueAt ?? .max) < now
        }.count
        var owed = 0
        for d in all {
            guard let fee = try await FeeRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).first() else {
                continue
            }
            let paid = try await PaymentRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).filter(
                \.$status == .paid
            ).all().reduce(0) { $0 + $1.amount }
            if fee.demand.amount - paid > 0 { owed += 1 }
        }
        let atMyStep = try all.filter { d in
            guard [.received, .inProcess].contains(d.state) else { return false }
            let plan = try ProcessingService.plan(of: d)
            return plan.steps.indices.contains(d.currentStep) && plan.steps[d.currentStep].role == user.role
                && (d.assignee == nil || d.assignee == user.username)
        }.count
        switch user.role {
        case .clerk:
            return [
                "online-intake": count(.submittedOnline), "supplement-at-intake": count(.supplementRequestedAtIntake),
                "results-to-return": count(.done), "fees-owed": owed,
            ]
        case .official: return ["inbox": atMyStep, "transfers": 0]
        case .leader: return ["inbox": atMyStep, "unhappy-ratings": 0]
        case .office: return ["overdue": overdue, "unhappy-ratings": 0]
        default: return [:]
        }
    }

    @Test(arguments: TestDatabase.all)
    func eachRolesCountsMatchTheRecordsAndEachLinkListsThatMany(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: two dossiers owing a fee; one taken through to its result
            let first = try await Self.receive(app, name: "Trần Thị Mai", idNumber: "042190001111")
            _ = try await Self.receive(app, name: "Lê Văn Tám", idNumber: "042190002222")
            try await FeeDossiers.driveToDone(app, first)
            for username in Self.staff {
                // act
                let token = try await app.token(username)
                let m = try await app.testing().sendRequest(.GET, WorkspacePaths.api, headers: bearer(token)).content
                    .decode(WorkspaceModel.self)
                let session = try await app.webSession(username)
                // check: the counts are the records'
                let tiles = Dictionary(m.tiles.map { ($0.key, $0.count) }, uniquingKeysWith: { a, _ in a })
                for (key, count) in try await Self.expected(app, username) {
                    #expect(tiles[key] == count, "\(username) \(key)")
                }
                // every count links to a list of that many
                for tile in m.tiles where tile.link.hasPrefix("/workspace/") {
                    let list = try await session.get(app, tile.link)
                    #expect(list.status == .ok)
                    #expect(
                        list.body.string.components(separatedBy: "class=\"work-item\"").count - 1 == tile.count,
                        "\(username) \(tile.key)")
                }
                for ward in m.wards {
                    for (link, count) in [(ward.openLink, ward.open), (ward.overdueLink, ward.overdue)] {
                        let list = try await session.get(app, link)
                        #expect(
                            list.body.string.components(separatedBy: "class=\"work-item\"").count - 1 == count,
                            "\(username) \(link)")
                    }
                }
                if let tasks = m.tiles.first(where: { $0.key == "my-tasks" }) {
                    let user = try CurrentUser(try await AccountQueries.find(username: username, on: app.db))
                    let model = try await MyTasksModel.build(for: user, now: app.now, utcOffset: 7 * 3600, on: app.db)
                    #expect(tasks.count == model.mine.count && tasks.link == TaskPaths.mine)
                }
            }
            // the clerk sees both fees owed and the result to return
            let clerk = try await app.testing().sendRequest(
                .GET, WorkspacePaths.api, headers: bearer(try await app.token("motcua"))
            )
            .content.decode(WorkspaceModel.self)
            #expect(clerk.tiles.first { $0.key == "fees-owed" }?.count == 2)
            #expect(clerk.tiles.first { $0.key == "results-to-return" }?.count == 1)
            // the supervisor sees the ward with the one dossier still in progress
            let supervisor = try await app.testing().sendRequest(
                .GET, WorkspacePaths.api, headers: bearer(try await app.token("giamsat"))
            )
            .content.decode(WorkspaceModel.self)
            #expect(supervisor.wards.first { $0.code == FeeDossiers.ward }?.open == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aQueueOutsideOnesWorkspaceIsNotFound(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let session = try await app.webSession("tuphap")
            #expect(try await session.get(app, WorkspacePaths.queue(.feesOwed)).status == .notFound)
            #expect(try await session.get(app, "/workspace/nonsense").status == .notFound)
        }
    }
}
