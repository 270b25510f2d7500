import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// Feedback over `/api/v1`: the whole flow as an integration drives it, bad input, roles, and what
/// the public read leaves out.
@Suite struct FeedbackAPITests {
    static let ward = "000.00.31.H42"

    struct Problem: Decodable {
        struct Body: Decodable {
            var code: String
            var message: String
            var fields: [String: String]?
        }
        var error: Body
    }

    /// Sends JSON as `who` (nil: no token) and answers the response.
    struct Client {
        let app: Application
        var tokens: [String: String] = [:]

        mutating func login(_ names: [String]) async throws {
            for n in names { tokens[n] = try await app.token(n) }
        }

        func send(_ method: HTTPMethod, _ path: String, as who: String? = nil, _ body: [String: Any]? = nil)
            async throws -> TestingHTTPResponse
        {
            var headers = HTTPHeaders()
            if let who { headers = bearer(tokens[who]!) }
            return try await app.testing().sendRequest(
                method, path, headers: headers,
                beforeRequest: { req in
                    if let body {
                        req.headers.contentType = .json
                        req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
                    }
                })
        }

        func decode<T: Decodable>(_ type: T.Type, _ res: TestingHTTPResponse, _ status: HTTPStatus = .ok) throws -> T {
            #expect(res.status == status, "\(res.body.string)")
            return try JSONDecoder().decode(T.self, from: Data(res.body.readableBytesView))
        }

        func problem(_ res: TestingHTTPResponse) throws -> Problem {
            #expect(res.status == .unprocessableEntity, "\(res.body.string)")
            return try JSONDecoder().decode(Problem.self, from: Data(res.body.readableBytesView))
        }
    }

    static var complaint: [String: Any] {
        [
            "unitCode": ward, "kind": "official", "title": "Cán bộ hẹn lại nhiều lần",
            "text": "Tôi là Nguyễn Văn An, gọi 0912 345 678. Hồ sơ quá hẹn ba ngày, cán bộ vẫn hẹn lại.",
            "name": "Nguyễn Văn An", "contact": "0912345678",
        ]
    }

    @Test(arguments: TestDatabase.all)
    func aComplaintGoesThroughTheAPIFromSubmissionToOneReopening(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            var c = Client(app: app)
            try await c.login(["vanphong", "tuphap", "chutich", "giamsat"])

            // act: a citizen sends it without an account
            let receipt = try c.decode(
                FeedbackAPI.SubmitterJSON.self, try await c.send(.POST, "/api/v1/public/feedback", Self.complaint),
                .created)
            let secret = try #require(receipt.secret)
            #expect(receipt.status == "received" && receipt.currentStepDueOn != nil)

            // the office finds it in the unit's list, with the due day of its step
            let list = try c.decode(
                FeedbackAPI.ListJSON.self,
                try await c.send(.GET, "/api/v1/feedback?status=received&kind=official", as: "vanphong"))
            let line = try #require(list.items.first { $0.code == receipt.code })
            #expect(line.currentStepDueOn == receipt.currentStepDueOn && line.currentStepWarning == "none")
            let path = "/api/v1/feedback/\(line.id)"
            let seen = try c.decode(FeedbackAPI.ItemJSON.self, try await c.send(.GET, path, as: "vanphong"))
            #expect(seen.contact == "0912345678" && seen.secret == nil)
            // the province's supervisor reads it, without the contact
            let supervised = try c.decode(FeedbackAPI.ItemJSON.self, try await c.send(.GET, path, as: "giamsat"))
            #expect(supervised.code == receipt.code && supervised.contact == nil)

            // routed to the official, who answers from the template
            let routed = try c.decode(
                FeedbackAPI.ItemJSON.self,
                try await c.send(.POST, path + "/route", as: "vanphong", ["handler": "tuphap", "note": "Xác minh"]))
            #expect(routed.status == "assigned" && routed.handlerName != nil)
            let blanks = try c.problem(
                try await c.send(.POST, path + "/answer", as: "tuphap", ["answer": seen.answerTemplate]))
            #expect(blanks.error.fields?["answer"]?.contains("“…”") == true)
            let filled = seen.answerTemplate.replacingOccurrences(of: "…", with: "đã xác minh")
            let drafted = try c.decode(
                FeedbackAPI.ItemJSON.self,
                try await c.send(.POST, path + "/answer", as: "tuphap", ["answer": filled, "verdict": "upheld"]))
            #expect(drafted.status == "awaiting-approval" && drafted.verdict == "upheld")
            // not published before the leader approves
            #expect(try await c.send(.POST, path + "/publish", as: "vanphong").status == .unprocessableEntity)
            let approved = try c.decode(
                FeedbackAPI.ItemJSON.self, try await c.send(.POST, path + "/approve", as: "chutich"))
            #expect(approved.status == "awaiting-publication")
            let published = try c.decode(
                FeedbackAPI.ItemJSON.self, try await c.send(.POST, path + "/publish", as: "vanphong"))
            #expect(published.status == "published")

            // check: the public read has the answer but no contact, phone number or name
            let publicRead = try await c.send(.GET, "/api/v1/public/feedback/\(receipt.code)")
            let answer = try c.decode(FeedbackAPI.PublicAnswerJSON.self, publicRead)
            #expect(answer.answer.contains("đã xác minh"))
            for hidden in ["0912345678", "0912 345 678", "Nguyễn Văn An", "contact"] {
                #expect(!publicRead.body.string.contains(hidden), "the public answer shows \(hidden)")
            }

            // act: the submitter is unhappy and reopens it, once
            let wrongSecret = try await c.send(
                .POST, "/api/v1/public/feedback/\(receipt.code)/rate",
                ["secret": "AAAAAAAA", "rating": "not-satisfied", "reopen": true, "comment": "Chưa thỏa đáng"])
            #expect(wrongSecret.status == .notFound)
            let reopened = try c.decode(
                FeedbackAPI.SubmitterJSON.self,
                try await c.send(
                    .POST, "/api/v1/public/feedback/\(receipt.code)/rate",
                    ["secret": secret, "rating": "not-satisfied", "reopen": true, "comment": "Chưa thỏa đáng"]))
            #expect(reopened.status == "assigned" && reopened.timesReopened == 1)
            _ = try c.decode(
                FeedbackAPI.ItemJSON.self,
                try await c.send(
                    .POST, path + "/answer", as: "tuphap", ["answer": filled + " Đã xin lỗi.", "verdict": "upheld"]))
            _ = try c.decode(FeedbackAPI.ItemJSON.self, try await c.send(.POST, path + "/approve", as: "chutich"))
            _ = try c.decode(FeedbackAPI.ItemJSON.self, try await c.send(.POST, path + "/publish", as: "vanphong"))
            let second = try c.problem(
                try await c.send(
                    .POST, "/api/v1/public/feedback/\(receipt.code)/rate",
                    ["secret": secret, "rating": "not-satisfied", "reopen": true, "comment": "Vẫn chưa"]))
            #expect(second.error.fields?["rating"] == FeedbackRefusal.alreadyReopened.vietnamese)
            let final = try c.decode(FeedbackAPI.ItemJSON.self, try await c.send(.GET, path, as: "vanphong"))
            #expect(final.status == "published" && final.timesReopened == 1)
            #expect(final.timeline.map(\.action).filter { $0 == "published" }.count == 2)
            // every change has its audit line
            #expect(
                try await AuditRecord.query(on: app.db).filter(\.$entityID == receipt.code).count() == 9)

            // the answer needs work: a follow-up task led by the official
            let task = try c.decode(
                FeedbackAPI.TaskJSON.self,
                try await c.send(
                    .POST, path + "/task", as: "vanphong",
                    [
                        "title": "Rà soát hồ sơ chứng thực quá hạn", "product": "Báo cáo rà soát", "lead": "tuphap",
                        "start": list.today, "deadlineDays": 5,
                    ]), .created)
            #expect(task.sourceKind == "feedback" && task.lead == "tuphap" && task.sourceRef.contains(receipt.code))
        }
    }

    @Test(arguments: TestDatabase.all)
    func badInputIsRefusedWithTheFieldsVietnameseMessageAndNothingStored(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            var c = Client(app: app)
            try await c.login(["motcua", "vanphong"])
            let before = try await FeedbackRecord.query(on: app.db).count()
            var badContact = Self.complaint
            badContact["contact"] = "123"
            var empty = Self.complaint
            empty["text"] = ""
            var phoned = Self.complaint
            phoned["channel"] = "email"

            // act
            let contact = try c.problem(try await c.send(.POST, "/api/v1/public/feedback", badContact))
            let text = try c.problem(
                try await c.send(.POST, "/api/v1/feedback", as: "motcua", empty.merging(["channel": "phone"]) { $1 }))
            let channel = try c.problem(try await c.send(.POST, "/api/v1/feedback", as: "motcua", phoned))
            let filter = try c.problem(try await c.send(.GET, "/api/v1/feedback?status=lost", as: "vanphong"))

            // check
            #expect(contact.error.fields?["contact"] == FeedbackSubmission.Problem.contactInvalid.vietnamese)
            #expect(text.error.fields?["text"] == FeedbackSubmission.Problem.textMissing.vietnamese)
            #expect(channel.error.fields?["channel"] != nil)
            #expect(filter.error.fields?["status"] != nil)
            #expect(try await FeedbackRecord.query(on: app.db).count() == before)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRoleWithoutTheStepsActionIsForbiddenAndChangesNothing(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the counter logs a call; a second call on the same matter
            var c = Client(app: app)
            try await c.login(["motcua", "tuphap", "vanphong", "congdan"])
            var call = Self.complaint
            call["channel"] = "phone"
            let logged = try c.decode(
                FeedbackAPI.ItemJSON.self, try await c.send(.POST, "/api/v1/feedback", as: "motcua", call), .created)
            #expect(logged.channel == "phone" && logged.secret?.count == 8)
            let path = "/api/v1/feedback/\(logged.id)"

            // act + check: an official may neither log, route nor approve; a citizen may not list
            #expect(try await c.send(.POST, "/api/v1/feedback", as: "tuphap", call).status == .forbidden)
            #expect(
                try await c.send(.POST, path + "/route", as: "tuphap", ["handler": "tuphap"]).status == .forbidden)
            #expect(try await c.send(.POST, path + "/approve", as: "vanphong").status == .forbidden)
            #expect(try await c.send(.GET, "/api/v1/feedback", as: "congdan").status == .forbidden)
            #expect(try await FeedbackRecord.find(logged.id, on: app.db)?.status == .received)

            // a repeat is linked to the earlier item by its code
            let again = try c.decode(
                FeedbackAPI.ItemJSON.self, try await c.send(.POST, "/api/v1/feedback", as: "motcua", call), .created)
            let linked = try c.decode(
                FeedbackAPI.ItemJSON.self,
                try await c.send(
                    .POST, "/api/v1/feedback/\(again.id)/repeat", as: "vanphong", ["repeatOf": logged.code]))
            #expect(linked.repeatOfCode == logged.code)
        }
    }
}
