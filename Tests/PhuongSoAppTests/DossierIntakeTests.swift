import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

@Suite struct DossierIntakeTests {
    static let ward = "000.00.31.H42"
    static let applicant = Applicant(
        name: "Nguyễn Thị Hoa", idNumber: "042190001234", address: "Tổ 5, phường Thành Sen", phone: "0912345678")

    func setup(_ app: Application, code: String) async throws -> (UnitRecord, ProcedureRecord, Procedure) {
        let unit = try await UnitQueries.find(code: Self.ward, on: app.db)
        let record = try await CatalogQueries.find(code: code, unitCode: Self.ward, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        return (unit, record, p)
    }

    func intake(
        _ app: Application, _ code: String, at when: String, decision: IntakeDecision = .receive,
        submitted: Set<String>? = nil
    ) async throws -> DossierRecord {
        let (unit, record, p) = try await setup(app, code: code)
        return try await IntakeService.intake(
            .init(
                applicant: Self.applicant, submitted: submitted ?? Set(p.components.map(\.name)), sets: 1,
                decision: decision),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("test"),
            now: Date(timeIntervalSince1970: TimeInterval(at(when).seconds)), utcOffset: 7 * 3600, on: app.db)
    }

    @Test(arguments: TestDatabase.all)
    func aReceivedDossierGetsTheDaysCodeAndAnAppointmentAcrossTet(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // act: a three-working-day procedure received the Thursday before Tết 2026, then a same-day one
            let guardianship = try await intake(app, "1.004837", at: "2026-02-12T10:00")
            let birth = try await intake(app, "1.001193", at: "2026-02-13T15:30")
            // check
            #expect(guardianship.code == "000.00.31.H42-260212-0001")
            #expect(birth.code == "000.00.31.H42-260213-0001")
            #expect(show(Instant(seconds: guardianship.dueAt!)) == "2026-02-24T10:00:00+07:00")
            // received on Friday after the 15:00 cut-off: the end of the next working day, after Tết
            #expect(show(Instant(seconds: birth.dueAt!)) == "2026-02-23T17:30:00+07:00")
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "dossier.receive").count() == 2)
            // each day has its own sequence
            #expect(try await intake(app, "1.004837", at: "2026-02-13T16:00").code == "000.00.31.H42-260213-0002")
            #expect(try await intake(app, "1.004837", at: "2026-02-12T16:00").code == "000.00.31.H42-260212-0002")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aHundredIntakesFromTenCountersAtOnceGetDistinctGaplessCodes(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // ten counters at once (more than the eight connections the pool holds), ten dossiers each:
            // the contention on the day's sequence is real, while only two requests ever wait for a
            // connection, so a loaded two-core machine cannot push one past the pool's 30 s
            let codes = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        var mine: [String] = []
                        for _ in 0..<10 {
                            mine.append(try await intake(app, "1.004837", at: "2026-03-02T09:00").code ?? "")
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(Set(codes).count == 100)
            #expect(Set(codes.compactMap { DossierCode(parsing: $0)?.sequence }) == Set(1...100))
        }
    }

    @Test(arguments: TestDatabase.all)
    func incompleteDossiersAreNotReceivedAndNothingIsHalfCreated(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let (_, _, p) = try await setup(app, code: "1.004837")
            await #expect(throws: ValidationProblems.self) {
                _ = try await intake(app, "1.004837", at: "2026-03-02T09:00", submitted: [])
            }
            #expect(try await DossierRecord.query(on: app.db).count() == 0)
            // a supplement request lists every missing item at once and gets no code
            let supplement = try await intake(
                app, "1.004837", at: "2026-03-02T09:00",
                decision: .requestSupplement(missing: p.components.map(\.name), note: "Bản sao giấy khai sinh"),
                submitted: [])
            #expect(supplement.state == .supplementRequestedAtIntake && supplement.code == nil)
            #expect(supplement.decisionNote.split(separator: "\n").count == p.components.count + 1)
            // a refusal needs its reason
            await #expect(throws: ValidationProblems.self) {
                _ = try await intake(app, "1.004837", at: "2026-03-02T09:00", decision: .refuse(reason: " "))
            }
            // a procedure the source left incomplete cannot be used for intake
            await #expect(throws: AppError.self) { _ = try await intake(app, "1.004873", at: "2026-03-02T09:00") }
            #expect(try await DossierRecord.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theClerkReceivesAtTheCounterAndTheApplicantTracksIt(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let clerk = try await app.webSession("motcua")
            let queue = try await clerk.get(app, "/counter?q=khai%20sinh")
            #expect(queue.body.string.contains("/counter/new/1.001193"))
            let (_, _, p) = try await setup(app, code: "1.001193")
            // a bad phone number: refused with the message, the input kept
            var form = [
                "name": "Trần Văn Bình", "idNumber": "042095001111", "phone": "12345", "decision": "receive",
                "sets": "1",
            ]
            form["submitted[]"] = "0"
            let bad = try await clerk.post(app, "/counter/new/1.001193", form: form)
            #expect(
                bad.status == .unprocessableEntity && bad.body.string.contains("Số điện thoại gồm 10 chữ số")
                    && bad.body.string.contains("Trần Văn Bình"))
            form["phone"] = "0987654321"
            // every component ticked: the form sends each index
            let res = try await app.testing().sendRequest(
                .POST, "/counter/new/1.001193",
                beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .cookie, value: clerk.cookie ?? "")
                    req.headers.contentType = .urlEncodedForm
                    let ticks = p.components.indices.map { "submitted%5B%5D=\($0)" }.joined(separator: "&")
                    req.body = .init(
                        string:
                            "_csrf=\(clerk.csrf)&name=Tr%E1%BA%A7n%20V%C4%83n%20B%C3%ACnh&idNumber=042095001111"
                            + "&phone=0987654321&decision=receive&sets=1&\(ticks)"
                    )
                })
            #expect(res.status == .seeOther)
            let d = try #require(try await DossierRecord.query(on: app.db).first())
            let code = try #require(d.code)
            // the slip (BM.01)
            let slip = try await clerk.get(app, "/counter/dossiers/\(d.id!)/slip").body.string
            #expect(
                slip.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") && slip.contains(code)
                    && slip.contains(d.secret) && slip.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            #expect(slip.contains("<svg") && slip.contains("https://phuong.example/track"))
            // anonymous tracking: right secret shows the status, a wrong one says nothing
            let ok = try await app.testing().sendRequest(
                .GET, "/api/v1/track?code=\(code)&secret=\(d.secret.lowercased())")
            #expect(ok.status == .ok)
            let status = try ok.content.decode(TrackingController.Status.self)
            #expect(status.state == "received" && status.dueAt != nil && status.timeline.count == 1)
            let wrong = try await app.testing().sendRequest(.GET, "/api/v1/track?code=\(code)&secret=AAAAAAAA")
            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/track?code=X-260101-0001&secret=AAAAAAAA")
            #expect(wrong.status == .notFound && wrong.body.string == unknown.body.string)
            let page = try await app.testing().sendRequest(.GET, "/track?code=\(code)&secret=\(d.secret)")
            #expect(page.body.string.contains("Đã tiếp nhận, đang chờ xử lý"))
            // the register lists it under its field
            let register = try await clerk.get(app, "/counter/register?field=H%E1%BB%99%20t%E1%BB%8Bch").body.string
            #expect(register.contains(code) && register.contains("Trần Văn Bình"))
            #expect(
                !(try await clerk.get(app, "/counter/register?field=Ch%E1%BB%A9ng%20th%E1%BB%B1c").body.string.contains(
                    code)))
            // the repeat applicant is found by ID number
            let again = try await clerk.get(app, "/counter/new/1.000894?lookup=042095001111").body.string
            #expect(again.contains("value=\"Trần Văn Bình\""))
        }
    }

    @Test func wrongSecretsAreThrottled() async throws {
        try await withDemoApp(.sqlite) { app in
            for _ in 0..<10 {
                #expect(
                    try await app.testing().sendRequest(.GET, "/track?code=X-260101-0001&secret=AAAAAAAA").status
                        == .notFound)
            }
            let locked = try await app.testing().sendRequest(.GET, "/track?code=X-260101-0001&secret=AAAAAAAA")
            #expect(locked.status == .tooManyRequests && locked.body.string.contains("Tra cứu sai quá nhiều lần"))
        }
    }

    @Test func theAPIReceivesForTheClerksUnitOnly() async throws {
        try await withDemoApp(.sqlite) { app in
            let token = try await app.token("motcua")
            let res = try await app.testing().sendRequest(
                .POST, "/api/v1/dossiers", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        DossierAPI.IntakeRequest(
                            procedureCode: "1.004837", applicant: Self.applicant,
                            submitted: ["Tờ khai đăng ký giám hộ theo mẫu quy định"], sets: 1, decision: "supplement",
                            note: ""), as: .json)
                })
            #expect(res.status == .created)
            let body = try res.content.decode(DossierAPI.DossierResponse.self)
            #expect(body.state == "supplement-at-intake" && body.code == nil)
            let official = try await app.token("tuphap")
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(body.id)", headers: bearer(official))
                    .status == .ok)
            let citizen = try await app.token("congdan")
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(body.id)", headers: bearer(citizen))
                    .status == .forbidden)
        }
    }
}
