import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Each unit's own receiving account for VietQR (a province runs hundreds of wards, each with its
/// own account); the installation's `PHUONGSO_VIETQR_*` account serves units that have none.
enum UnitBankAccount {
    static func register(_ routes: RoutesBuilder) {
        routes.post(UnitPaths.routeUnit + ["bank"], use: save).requires(.manageFields)
    }

    /// The account transfers for a dossier go to.
    static func account(for d: DossierRecord, _ req: Request) async throws -> VietQR.Account? {
        try await d.$unit.get(on: req.db).vietQRAccount ?? req.config.vietQR
    }

    struct Form: Content {
        var bankBIN: String?
        var bankAccount: String?
        var bankAccountName: String?
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.manageFields)
        let f = try req.content.decode(Form.self)
        let bin = (f.bankBIN ?? "").filter { !$0.isWhitespace }
        let number = (f.bankAccount ?? "").filter { !$0.isWhitespace }
        let name = String((f.bankAccountName ?? "").trimmingCharacters(in: .whitespaces).uppercased().prefix(100))
        let before = [unit.bankBIN ?? "", unit.bankAccount ?? ""].joined(separator: " ")
        unit.bankBIN = bin.isEmpty ? nil : bin
        unit.bankAccount = number.isEmpty ? nil : number
        unit.bankAccountName = name.isEmpty ? nil : name
        // The same checks as the QR payload itself: a 6-digit BIN, an account of letters and digits.
        if !bin.isEmpty || !number.isEmpty,
            (try? VietQR.payload(
                account: .init(bankBIN: bin, accountNumber: number, accountName: name), amount: 1, reference: "CHECK"))
                == nil
        {
            var problems = ValidationProblems()
            problems.add(
                "bankBIN", "Mã ngân hàng (BIN) gồm 6 chữ số; số tài khoản chỉ gồm chữ và số, tối đa 19 ký tự.",
                "The bank BIN is 6 digits; the account number is letters and digits, 19 at most.")
            // shown again with what was typed (not saved)
            return try await UnitController.showPage(
                req, unit: unit, fieldForm: (nil, nil), problems: problems, notice: nil, status: .unprocessableEntity)
        }
        try await AuditLog.transaction(on: req.db, actor: req.auditActor) { tx in
            try await unit.save(on: tx)
            return (
                AuditedChange(
                    action: "unit.bank-account", entity: "unit", entityID: unit.code, before: ["account": before],
                    after: ["account": bin + " " + number, "holder": name]), ()
            )
        }
        return req.redirect(to: Language.of(req).link(UnitPaths.unit(unit.code)))
    }
}

struct AddUnitBankAccounts: AsyncMigration {
    func prepare(on db: Database) async throws {
        // one column per statement: SQLite adds one column per ALTER TABLE
        for column in ["bank_bin", "bank_account", "bank_account_name"] {
            try await db.schema(UnitRecord.schema).field(.string(column), .string).update()
        }
    }
    func revert(on db: Database) async throws {
        for column in ["bank_bin", "bank_account", "bank_account_name"] {
            try await db.schema(UnitRecord.schema).deleteField(.string(column)).update()
        }
    }
}
