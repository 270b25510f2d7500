import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// Money under concurrency (issue 12): at most one payment settles a demand, and a statement
/// imported twice at once answers "duplicate" for the second, never a server error.
@Suite struct PaymentsConcurrencyTests {
    @Test(arguments: TestDatabase.all)
    func sixSimultaneousCashPaymentsSettleTheDemandOnce(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a dossier owing 50.000 đồng
            let d = try await FeeDossiers.receive(app)
            let token = try await app.token("motcua")
            let id = try d.requireID()
            // act: six clicks at once
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await app.testing().sendRequest(
                            .POST, "/api/v1/dossiers/\(id)/payments", headers: bearer(token),
                            beforeRequest: { req in
                                try req.content.encode(["channel": "cash"], as: .json)
                            }
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 5, "\(statuses)")
            let paid = try await PaymentRecord.query(on: app.db).filter(\.$dossier.$id == id).filter(\.$status == .paid)
                .all()
            #expect(paid.map(\.amount) == [50_000])
            #expect(try await FeeService.account(of: id, on: app.db).settled)
        }
    }

    @Test(arguments: TestDatabase.all)
    func twoSimultaneousImportsOfOneStatementGiveMatchedAndDuplicate(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: { $0.vietQR = FeeDossiers.vietQR }) { app in
            // setup: a VietQR bill for a dossier owing 50.000 đồng
            let d = try await FeeDossiers.receive(app)
            let token = try await app.token("motcua")
            let bill = try await app.testing().sendRequest(
                .POST, "/api/v1/dossiers/\(d.requireID())/payments", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["channel": "vietqr"], as: .json)
                })
            #expect(bill.status == .created)
            let csv =
                "date,transaction_id,amount,description\n2026-03-02,FT26070001,50000,CK \(d.code!)\n2026-03-02,FT26070002,20000,TIEN NHA\n"
            // act: the same statement twice at once
            let answers = try await withThrowingTaskGroup(of: (HTTPStatus, [String]).self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        let res = try await app.testing().sendRequest(
                            .POST, "/api/v1/payments/statement", headers: bearer(token),
                            beforeRequest: { req in
                                try req.content.encode(["csv": csv], as: .json)
                            })
                        let lines =
                            res.status == .ok
                            ? try res.content.decode(PaymentsAPI.StatementResponse.self).lines.map(\.outcome) : []
                        return (res.status, lines)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: both answered; the transfer counted once; the other answer says duplicate
            #expect(answers.allSatisfy { $0.0 == .ok }, "\(answers)")
            let firstLines = answers.map { $0.1.first ?? "" }.sorted()
            #expect(firstLines == ["duplicate", "matched"], "\(answers)")
            #expect(answers.map { $0.1.last ?? "" }.sorted() == ["duplicate", "unknown-reference"], "\(answers)")
            #expect(try await PaymentRecord.query(on: app.db).filter(\.$status == .paid).count() == 1)
            #expect(try await StatementLineRecord.query(on: app.db).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aTransferArrivingAfterCashIsFlaggedForRefundNotCounted(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: { $0.vietQR = FeeDossiers.vietQR }) { app in
            // setup: a VietQR bill, then the applicant pays cash at the counter anyway
            let d = try await FeeDossiers.receive(app)
            let token = try await app.token("motcua")
            _ = try await app.testing().sendRequest(
                .POST, "/api/v1/dossiers/\(d.requireID())/payments", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["channel": "vietqr"], as: .json)
                })
            let cash = try await app.testing().sendRequest(
                .POST, "/api/v1/dossiers/\(d.requireID())/payments", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(["channel": "cash"], as: .json)
                })
            #expect(cash.status == .created)
            // act: the bank statement brings the transfer too
            let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
            let lines = try await VietQRService.importStatement(
                "date,transaction_id,amount,description\n2026-03-02,FT26070009,50000,CK \(d.code!)\n", unit: unit,
                by: "t", now: Date(), utcOffset: 7 * 3600, on: app.db)
            // check
            #expect(lines.map(\.outcome) == ["already-paid"])
            let paid = try await PaymentRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).filter(
                \.$status == .paid
            ).all()
            #expect(paid.map(\.channel) == [.cash])
        }
    }
}
