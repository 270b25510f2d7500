import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// A dossier driven through every processing action by the JSON API alone, with the same rules
/// and errors as the pages: stale revisions are 409, refusals 422 naming the field.
@Suite struct DossierProcessingAPITests {
    struct Processing: Decodable {
        var id: UUID
        var revision: Int
        var state: String
        var step: Int
        var assignee: String?
        var dueAt: String?
        var supplementsInProcess: Int
        var verdict: String?
        var returnMethod: String?
        var returnRecipient: String?
        var apologyReason: String?
        var allowedActions: [String]
        var eligibleOfficials: [Choice]
        var agencies: [Choice]
    }
    struct Choice: Decodable {
        var id: String
        var name: String
    }
    struct Inbox: Decodable {
        var mine: [Item]
        var transfers: [Transfer]
    }
    struct Item: Decodable {
        var id: UUID
        var code: String?
        var stepPercentUsed: Int
    }
    struct Transfer: Decodable {
        var dossier: UUID
        var request: String
    }
    struct Problem: Decodable {
        struct Body: Decodable {
            var code: String
            var message: String
            var fields: [String: String]?
        }
        var error: Body
    }

    func receive(_ app: Application) async throws -> UUID {
        let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
        let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: "Phan Văn Tài", idNumber: "042080001234"),
                submitted: Set(p.components.map(\.name)),
                sets: 1, decision: .receive), procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
            now: app.now, utcOffset: 7 * 3600, on: app.db
        ).requireID()
    }

    @Test(arguments: TestDatabase.all)
    func everyActionWorksOverJSONWithTheRevisionItWasDecidedOn(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a guardianship dossier at the official's step; tokens for each role
            let id = try await receive(app)
            var tokens: [String: String] = [:]
            for who in ["tuphap", "chutich", "motcua", "sotuphap"] { tokens[who] = try await app.token(who) }
            func get<T: Decodable>(_ path: String, _ who: String, as: T.Type) async throws -> T {
                let r = try await app.testing().sendRequest(.GET, path, headers: bearer(tokens[who]!))
                #expect(r.status == .ok, "\(path): \(r.body.string)")
                return try JSONDecoder().decode(T.self, from: Data(r.body.readableBytesView))
            }
            func act(_ who: String, _ body: [String: String], revision: Int? = nil) async throws -> TestingHTTPResponse
            {
                let current = try await get("/api/v1/dossiers/\(id)/process", who, as: Processing.self).revision
                var input = try JSONDecoder().decode(DossierActionInput.self, from: JSONEncoder().encode(body))
                input.revision = revision ?? current
                return try await app.testing().sendRequest(
                    .POST, "/api/v1/dossiers/\(id)/actions", headers: bearer(tokens[who]!),
                    beforeRequest: { req in
                        try req.content.encode(input, as: .json)
                    })
            }
            func state(_ r: TestingHTTPResponse) throws -> Processing {
                #expect(r.status == .ok, "\(r.body.string)")
                return try JSONDecoder().decode(Processing.self, from: Data(r.body.readableBytesView))
            }
            func problem(_ r: TestingHTTPResponse) throws -> Problem {
                try JSONDecoder().decode(Problem.self, from: Data(r.body.readableBytesView))
            }

            // act + check: the official finds it in the inbox
            #expect(try await get("/api/v1/inbox", "tuphap", as: Inbox.self).mine.contains { $0.id == id })
            // the leader assigns it, choosing from the list the API offers
            let seen = try await get("/api/v1/dossiers/\(id)/process", "chutich", as: Processing.self)
            #expect(seen.allowedActions == ["assign", "apologize"])
            let official = try #require(seen.eligibleOfficials.first { $0.name == "Đặng Văn Đức" })
            let assigned = try state(try await act("chutich", ["action": "assign", "assignee": official.id]))
            #expect(assigned.assignee == "Đặng Văn Đức" && assigned.revision == seen.revision + 1)
            // a decision on the old revision is stale: 409, nothing changes
            let stale = try await act(
                "chutich", ["action": "assign", "assignee": official.id], revision: seen.revision)
            #expect(stale.status == .conflict)
            // a name typed instead of a choice is refused, naming the field
            let typed = try await act("chutich", ["action": "assign", "assignee": "tuphap"])
            #expect(typed.status == .unprocessableEntity)
            #expect(try problem(typed).error.fields?["assignee"] != nil)
            // liên thông to the province's department, which alone answers
            let agencies = try await get("/api/v1/dossiers/\(id)/process", "tuphap", as: Processing.self).agencies
            let so = try #require(agencies.first { $0.name == "Sở Tư pháp tỉnh Hà Tĩnh" })
            #expect(
                try state(
                    try await act("tuphap", ["action": "transfer", "unit": so.id, "request": "Xác minh hộ tịch"])
                ).state == "transferred")
            #expect(
                try await get("/api/v1/inbox", "sotuphap", as: Inbox.self).transfers.contains {
                    $0.dossier == id && $0.request == "Xác minh hộ tịch"
                })
            #expect(
                try await act("tuphap", ["action": "returnTransfer", "answer": "x"]).status == .unprocessableEntity)
            #expect(
                try state(try await act("sotuphap", ["action": "returnTransfer", "answer": "Thông tin đúng"])).state
                    == "in-process")
            // a supplement stops the clock; the counter resumes
            #expect(
                try await act("tuphap", ["action": "requestSupplement", "note": "Mang bản chính"]).status
                    == .unprocessableEntity)
            let paused = try state(
                try await act(
                    "tuphap",
                    ["action": "requestSupplement", "itemList": "Bản sao giấy khai sinh\nGiấy xác nhận cư trú"]))
            #expect(paused.state == "supplement-in-process")
            let resumed = try state(try await act("motcua", ["action": "resume", "note": "Đã nhận"]))
            #expect(resumed.state == "in-process" && resumed.supplementsInProcess == 1)
            // the leader apologises once with a new date after the current one
            let due = try LocalDateTime(parsing: String(try #require(resumed.dueAt).prefix(16)))
            let newDay = due.date.adding(days: 7)
            let apologised = try state(
                try await act(
                    "chutich",
                    [
                        "action": "apologize", "reason": "Chờ xác minh", "newDueDate": newDay.vietnamese,
                        "newDueTime": "16:30",
                    ]))
            #expect(
                apologised.apologyReason == "Chờ xác minh" && apologised.dueAt?.hasPrefix(newDay.description) == true)
            #expect(!apologised.allowedActions.contains("apologize"))
            // the official finishes, the leader sends it back with a reason, then all finish
            #expect(try state(try await act("tuphap", ["action": "complete", "note": "Đủ điều kiện"])).step == 2)
            #expect(try await act("chutich", ["action": "sendBack"]).status == .unprocessableEntity)
            #expect(
                try state(try await act("chutich", ["action": "sendBack", "reason": "Bổ sung ý kiến thẩm định"])).step
                    == 1)
            _ = try state(try await act("tuphap", ["action": "claim"]))
            _ = try state(try await act("tuphap", ["action": "complete", "note": "Đã bổ sung"]))
            _ = try state(try await act("chutich", ["action": "complete", "note": "Đồng ý"]))
            let done = try state(try await act("motcua", ["action": "complete", "note": "Vào sổ"]))
            #expect(done.state == "done" && ["early", "onTime"].contains(done.verdict ?? ""))
            // returning needs the way and the recipient, as typed fields
            let noRecipient = try await act("motcua", ["action": "returnResult", "method": "counter"])
            #expect(noRecipient.status == .unprocessableEntity)
            #expect(try problem(noRecipient).error.fields?["recipient"] != nil)
            let returned = try state(
                try await act("motcua", ["action": "returnResult", "method": "post", "recipient": "Ông Tài, thôn 3"]))
            #expect(
                returned.state == "returned" && returned.returnMethod == "post"
                    && returned.returnRecipient == "Ông Tài, thôn 3")
            #expect(returned.allowedActions.isEmpty)
            // every change has its audit line
            #expect(
                try await AuditRecord.query(on: app.db).filter(
                    \.$action ~~ [
                        "dossier.assign", "dossier.transfer", "dossier.returnTransfer",
                        "dossier.requestSupplement", "dossier.resume", "dossier.apologize",
                        "dossier.sendBack", "dossier.returnResult",
                    ]
                ).count() == 8)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theCounterStopsADossierOnTheApplicantsRequest(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let id = try await receive(app)
            let token = try await app.token("motcua")
            let revision = try #require(try await DossierRecord.find(id, on: app.db)).revision
            func stop(_ request: String) async throws -> TestingHTTPResponse {
                var input = DossierActionInput()
                input.action = "stop"
                input.revision = revision
                input.request = request
                return try await app.testing().sendRequest(
                    .POST, "/api/v1/dossiers/\(id)/actions", headers: bearer(token),
                    beforeRequest: { req in
                        try req.content.encode(input, as: .json)
                    })
            }
            // act + check: the request is required; then the dossier is stopped
            #expect(try await stop("").status == .unprocessableEntity)
            #expect(try await stop("Đơn ngày 02/03/2026").status == .ok)
            #expect(try await DossierRecord.find(id, on: app.db)?.state == .stopped)
        }
    }
}
