import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Creating and changing accounts, on a `Database`, audited.
package enum AccountQueries {
    package struct NewAccount: Sendable {
        package var username: String?
        package var displayName: String?
        package var password: String?
        package var role: String?
        package var unitCode: String?
        package init(username: String?, displayName: String?, password: String?, role: String?, unitCode: String?) {
            self.username = username
            self.displayName = displayName
            self.password = password
            self.role = role
            self.unitCode = unitCode
        }
    }

    /// Creates an account. `creator` (nil from the command line) must be allowed to create this
    /// role at this unit: unit administrators only within their units, and never admins.
    package static func create(
        _ input: NewAccount, creator: CurrentUser?, bcryptCost: Int, actor: AuditActor, on db: Database
    ) async throws -> UserRecord {
        var problems = ValidationProblems()
        let username = Validate.code(
            input.username, field: "username", label: ("Tên đăng nhập", "Username"), max: 64, into: &problems
        ).lowercased()
        var displayName = Validate.text(
            input.displayName, field: "displayName", label: ("Họ và tên", "Full name"), required: false, into: &problems
        )
        if displayName.isEmpty { displayName = username }
        if let p = LoginService.passwordProblem(input.password ?? "") { problems.add("password", p.vi, p.en) }
        let role = Role(rawValue: input.role ?? "")
        if role == nil { problems.add("role", "Vui lòng chọn vai trò.", "Choose a role.") }
        var unit: UnitRecord?
        if let code = input.unitCode, !code.isEmpty {
            unit = try await UnitRecord.query(on: db).filter(\.$code == code).first()
            if unit == nil { problems.add("unit", "Không có đơn vị với mã này.", "No unit has this code.") }
        } else if role?.needsUnit == true {
            problems.add("unit", "Vai trò này cần thuộc một đơn vị.", "This role needs a unit.")
        }
        if !username.isEmpty, try await UserRecord.query(on: db).filter(\.$username == username).first() != nil {
            problems.add("username", "Tên đăng nhập đã được dùng.", "This username is taken.")
        }
        try problems.throwIfAny()
        if let creator, creator.role != .admin {
            guard role != .admin, role != .supervisor, let unitID = unit?.id else { throw AppError.forbidden }
            try await requireScope(creator, unitID: unitID, on: db)
        }
        let hash = try Bcrypt.hash(input.password!, cost: bcryptCost)
        let user = UserRecord(
            username: username, displayName: displayName, passwordHash: hash, role: role!, unitID: unit?.id)
        let unitCode = unit?.code
        return try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await user.create(on: tx)
            return (
                AuditedChange(
                    action: "user.create", entity: "user", entityID: username, before: AccountDTO?.none,
                    after: AccountDTO(user, unitCode: unitCode)), user
            )
        }
    }

    package static func find(username: String, on db: Database) async throws -> UserRecord {
        guard
            let user = try await UserRecord.query(on: db).filter(\.$username == username.lowercased()).with(\.$unit)
                .first()
        else { throw AppError.notFound }
        return user
    }

    package static func setActive(
        _ user: UserRecord, _ active: Bool, reason: String, actor: AuditActor, on db: Database
    ) async throws {
        let before = AccountDTO(user, unitCode: nil)
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            user.active = active
            try await user.save(on: tx)
            if !active {
                try await TokenRecord.query(on: tx).filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil)
                    .set(\.$revokedAt, to: actor.at).update()
            }
            return (
                AuditedChange(
                    action: active ? "user.activate" : "user.deactivate", entity: "user", entityID: user.username,
                    before: before, after: AccountDTO(user, unitCode: nil), reason: reason), ()
            )
        }
    }

    package static func resetPassword(
        _ user: UserRecord, to password: String?, bcryptCost: Int, actor: AuditActor, on db: Database
    ) async throws {
        var problems = ValidationProblems()
        if let p = LoginService.passwordProblem(password ?? "") { problems.add("password", p.vi, p.en) }
        try problems.throwIfAny()
        let hash = try Bcrypt.hash(password!, cost: bcryptCost)
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            user.passwordHash = hash
            try await user.save(on: tx)
            try await TokenRecord.query(on: tx).filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil).set(
                \.$revokedAt, to: actor.at
            ).update()
            return (
                AuditedChange(
                    action: "user.password-reset", entity: "user", entityID: user.username, before: String?.none,
                    after: String?.none), ()
            )
        }
    }

    /// Accounts the user may see: all for admins, those of units in scope otherwise.
    package static func visible(to user: CurrentUser, on db: Database) async throws -> [UserRecord] {
        let all = try await UserRecord.query(on: db).with(\.$unit).sort(\.$username).all()
        if user.role == .admin { return all }
        let visibleUnits = Set(try await UnitQueries.visible(to: user, on: db).compactMap(\.id))
        return all.filter { u in u.$unit.id.map(visibleUnits.contains) ?? false }
    }

    /// People's names by username, for pages that show who did what (never the username itself).
    package static func displayNames(_ usernames: Set<String>, on db: Database) async throws -> [String: String] {
        guard !usernames.isEmpty else { return [:] }
        let users = try await UserRecord.query(on: db).filter(\.$username ~~ usernames).all()
        return Dictionary(users.map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }
}

/// The API and audit shape of an account: never the password hash.
package struct AccountDTO: Content, Sendable {
    package var username: String
    package var displayName: String
    package var role: String
    package var unitCode: String?
    package var active: Bool
    package var fieldCodes: [String]?
    /// The account's own address for task reminders (may be empty) and the channel it consents to.
    package var email: String
    package var phone: String
    package var notifyBy: String?
    package init(_ u: UserRecord, unitCode: String?, fieldCodes: [String]? = nil) {
        username = u.username
        displayName = u.displayName
        role = u.role.rawValue
        self.unitCode = unitCode ?? (u.$unit.value ?? nil)?.code
        active = u.active
        self.fieldCodes = fieldCodes
        email = u.email
        phone = u.phone
        notifyBy = u.notifyBy?.rawValue
    }

}
