import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor

@testable import PhuongSoApp

/// Dossiers with a fee, for the payment tests: "Chứng thực giao dịch liên quan đến tài sản là
/// động sản" (50.000 đồng, 2 working days) completed with a component list, as the office would.
enum FeeDossiers {
    static let ward = "000.00.31.H42"
    static let procedure = "2.001035"
    static let vietQR = VietQR.Account(
        bankBIN: "970415", accountNumber: "113000012345", accountName: "UBND PHUONG THANH SEN")

    static func complete(_ app: Application) async throws {
        let record = try await CatalogQueries.find(code: procedure, unitCode: nil, on: app.db)
        var p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        // the tests' own two-item list (the demo's published list has other names and cases)
        let list = [
            Component(name: "Hợp đồng, giao dịch", form: "bản chính"),
            Component(name: "Giấy tờ tùy thân", form: "bản sao"),
        ]
        guard p.components != list else { return }
        p.components = list
        try await ProcedureEditing.save(
            p, as: record, unit: UnitQueries.find(code: ward, on: app.db),
            effectiveFrom: LocalDate(parsing: "2025-07-01"),
            actor: .system("test"), on: app.db)
    }

    /// A received dossier owing 50.000 đồng.
    static func receive(
        _ app: Application, name: String = "Trần Thị Mai", idNumber: String = "042190001111",
        reused: [String: UUID] = [:]
    ) async throws -> DossierRecord {
        try await complete(app)
        let unit = try await UnitQueries.find(code: ward, on: app.db)
        let record = try await CatalogQueries.find(code: procedure, unitCode: nil, on: app.db)
        return try await IntakeService.intake(
            .init(
                applicant: Applicant(name: name, idNumber: idNumber),
                submitted: ["Hợp đồng, giao dịch", "Giấy tờ tùy thân"],
                sets: 1, decision: .receive, reused: reused),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("t"), now: Date(), utcOffset: 7 * 3600,
            on: app.db)
    }

    static func user(_ app: Application, _ name: String) async throws -> CurrentUser {
        try CurrentUser(try await AccountQueries.find(username: name, on: app.db))
    }

    static func reload(_ app: Application, _ d: DossierRecord) async throws -> DossierRecord {
        try #require(
            try await DossierRecord.query(on: app.db).filter(\.$id == d.requireID()).with(\.$unit).with(\.$procedure)
                .first())
    }

    /// Takes a dossier through every step of its plan until it is done.
    static func driveToDone(_ app: Application, _ d: DossierRecord) async throws {
        let byRole: [Role: String] = [.official: "tuphap", .leader: "chutich", .clerk: "motcua", .office: "vanphong"]
        for _ in 0..<20 {
            let fresh = try await reload(app, d)
            if fresh.state == .done { return }
            let plan = try ProcessingService.plan(of: fresh)
            let who = try await user(app, byRole[plan.steps[fresh.currentStep].role] ?? "tuphap")
            if fresh.assignee == nil,
                (try? plan.apply(
                    .claim, to: .init(state: fresh.state, step: fresh.currentStep, assignee: nil), by: who.username,
                    role: who.role)) != nil
            {
                try await DossierWriter.apply(
                    .claim, to: fresh, revision: fresh.revision, by: who, actor: .system("t"), now: Date(),
                    utcOffset: 7 * 3600, on: app.db)
                continue
            }
            try await DossierWriter.apply(
                .complete(note: "Xong"), to: fresh, revision: fresh.revision, by: who, actor: .system("t"), now: Date(),
                utcOffset: 7 * 3600, on: app.db)
        }
        throw TestFailure("the dossier did not reach done")
    }
}
