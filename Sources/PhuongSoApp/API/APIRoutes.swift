import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The JSON API under `/api/v1`: hand-written routes with their own request and response types.
/// Every route here is described in `OpenAPIDocument`; a test keeps the two in step.
enum APIRoutes {
    static func register(_ api: RoutesBuilder) {
        api.get("openapi.json", use: OpenAPIDocument.serve)
        api.post("auth", "token", use: token)
        api.delete("auth", "token", use: revoke).requires(.signedIn)
        api.get("me", use: me).requires(.signedIn)
        api.get("units", use: units).requires(.viewUnits)
        api.post("units", use: createUnit).requires(.manageUnits)
        api.get("units", ":code", use: unit).requires(.viewUnits)
        api.get("units", ":code", "fields", use: fields).requires(.viewUnits)
        api.post("units", ":code", "fields", use: addField).requires(.manageFields)
        api.post("units", ":code", "fields", ":field", "deactivate", use: deactivateField).requires(.manageFields)
        api.get("users", use: users).requires(.viewAccounts)
        api.post("users", use: createUser).requires(.manageAccounts)
        api.get("users", ":username", use: user).requires(.viewAccounts)
        api.put("users", ":username", use: updateUser).requires(.manageAccounts)
        api.post("users", ":username", "deactivate", use: deactivateUser).requires(.manageAccounts)
        api.post("users", ":username", "password", use: resetPassword).requires(.manageAccounts)
        api.get("audit", use: audit).requires(.viewAudit)
        CalendarAPI.register(api)
    }

    // MARK: Auth

    struct TokenRequest: Content {
        var username: String?
        var password: String?
    }
    struct TokenResponse: Content {
        var token: String
        var expiresAt: Date
    }

    @Sendable static func token(req: Request) async throws -> Response {
        let body = try req.content.decode(TokenRequest.self)
        let outcome = try await LoginService.attempt(
            username: String((body.username ?? "").prefix(200)), password: body.password ?? "",
            address: req.auditActor.address, policy: req.config.loginLockout,
            bcryptCost: req.config.bcryptCost, now: req.now, on: req.db)
        switch outcome {
        case .success(let user):
            let issued = try await Tokens.issue(for: user, lifetime: req.config.tokenLifetime, now: req.now, on: req.db)
            return try await TokenResponse(token: issued.token, expiresAt: issued.expiresAt).encodeResponse(
                status: .created, for: req)
        case .failure:
            throw AppError.invalid(
                field: nil, vi: "Tên đăng nhập hoặc mật khẩu không đúng.", en: "Wrong username or password."
            ).asUnauthorized
        case .locked:
            throw AppError.locked
        }
    }

    @Sendable static func revoke(req: Request) async throws -> HTTPStatus {
        if let bearer = req.headers.bearerAuthorization {
            try await Tokens.revoke(bearer.token, now: req.now, on: req.db)
        }
        return .noContent
    }

    struct Me: Content {
        var username: String
        var displayName: String
        var role: String
        var unitCode: String?
    }

    @Sendable static func me(req: Request) async throws -> Me {
        guard let u = req.currentUser else { throw AppError.unauthenticated }
        let unit = try await u.unitID.asyncFlatMap { try await UnitRecord.find($0, on: req.db) }
        return Me(username: u.username, displayName: u.displayName, role: u.role.rawValue, unitCode: unit?.code)
    }

    // MARK: Units and fields

    @Sendable static func units(req: Request) async throws -> [UnitDTO] {
        try await UnitQueries.visible(to: req.require(.viewUnits), on: req.db).map { UnitDTO($0, parentCode: nil) }
    }

    struct NewUnit: Content {
        var code: String?
        var name: String?
        var kind: String?
        var parentCode: String?
        var workingHours: String?
    }

    @Sendable static func createUnit(req: Request) async throws -> Response {
        let b = try req.content.decode(NewUnit.self)
        let unit = try await UnitQueries.create(
            .init(code: b.code, name: b.name, kind: b.kind, parentCode: b.parentCode, workingHours: b.workingHours),
            actor: req.auditActor, on: req.db)
        return try await UnitDTO(unit, parentCode: b.parentCode).encodeResponse(status: .created, for: req)
    }

    @Sendable static func unit(req: Request) async throws -> UnitDTO {
        let u = try await req.unitParameter(.viewUnits)
        _ = try await u.$parent.get(on: req.db)
        return UnitDTO(u, parentCode: nil)
    }

    @Sendable static func fields(req: Request) async throws -> [FieldDTO] {
        try await UnitQueries.fields(of: req.unitParameter(.viewUnits), on: req.db).map(FieldDTO.init)
    }

    struct NewField: Content {
        var code: String?
        var name: String?
    }

    @Sendable static func addField(req: Request) async throws -> Response {
        let unit = try await req.unitParameter(.manageFields)
        let b = try req.content.decode(NewField.self)
        let field = try await UnitQueries.addField(
            to: unit, code: b.code, name: b.name, actor: req.auditActor, on: req.db)
        return try await FieldDTO(field).encodeResponse(status: .created, for: req)
    }

    @Sendable static func deactivateField(req: Request) async throws -> FieldDTO {
        let unit = try await req.unitParameter(.manageFields)
        return FieldDTO(
            try await UnitQueries.setFieldActive(
                unit, code: req.parameters.get("field") ?? "", false, actor: req.auditActor, on: req.db))
    }

    // MARK: Accounts

    @Sendable static func users(req: Request) async throws -> [AccountDTO] {
        try await AccountQueries.visible(to: req.require(.viewAccounts), on: req.db).map {
            AccountDTO($0, unitCode: nil)
        }
    }

    struct NewUser: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var role: String?
        var unitCode: String?
    }

    @Sendable static func createUser(req: Request) async throws -> Response {
        let creator = try req.require(.manageAccounts)
        let b = try req.content.decode(NewUser.self)
        let user = try await AccountQueries.create(
            .init(
                username: b.username, displayName: b.displayName, password: b.password, role: b.role,
                unitCode: b.unitCode),
            creator: creator, bcryptCost: req.config.bcryptCost, actor: req.auditActor, on: req.db)
        return try await AccountDTO(user, unitCode: b.unitCode).encodeResponse(status: .created, for: req)
    }

    @Sendable static func user(req: Request) async throws -> AccountDTO {
        let user = try await AccountEditPage.account(req, .viewAccounts)
        return AccountDTO(user, unitCode: nil, fieldCodes: try await AccountQueries.fieldCodes(of: user, on: req.db))
    }

    struct AccountChanges: Content {
        var displayName: String?
        var role: String?
        var unitCode: String?
        var fieldCodes: [String]?
        /// The address and consent for task reminders; all three absent keep the stored ones.
        var email: String?
        var phone: String?
        var notifyBy: String?
    }

    @Sendable static func updateUser(req: Request) async throws -> AccountDTO {
        let user = try await AccountEditPage.account(req, .manageAccounts)
        let b = try req.content.decode(AccountChanges.self)
        var problems = ValidationProblems()
        let channel = AccountQueries.channel(b.notifyBy, into: &problems)
        try problems.throwIfAny()
        let contact =
            b.email == nil && b.phone == nil && b.notifyBy == nil
            ? nil : StaffContact(email: b.email ?? user.email, phone: b.phone ?? user.phone, notifyBy: channel)
        try await AccountQueries.update(
            user,
            .init(
                displayName: b.displayName, role: b.role, unitCode: b.unitCode, fieldCodes: b.fieldCodes ?? [],
                contact: contact),
            editor: req.require(.manageAccounts), actor: req.auditActor, on: req.db)
        let fresh = try await AccountQueries.find(username: user.username, on: req.db)
        return AccountDTO(fresh, unitCode: nil, fieldCodes: try await AccountQueries.fieldCodes(of: fresh, on: req.db))
    }

    struct Reason: Content { var reason: String? }

    @Sendable static func deactivateUser(req: Request) async throws -> AccountDTO {
        let user = try await AccountEditPage.account(req, .manageAccounts)
        if user.id == req.currentUser?.id {
            throw AppError.invalid(
                field: nil, vi: "Không thể tự khóa tài khoản của chính mình.",
                en: "You cannot deactivate your own account.")
        }
        let b = (try? req.content.decode(Reason.self)) ?? Reason()
        try await AccountQueries.setActive(
            user, false, reason: String((b.reason ?? "").prefix(500)), actor: req.auditActor, on: req.db)
        return AccountDTO(user, unitCode: nil)
    }

    struct NewPassword: Content { var password: String? }

    @Sendable static func resetPassword(req: Request) async throws -> HTTPStatus {
        let user = try await AccountEditPage.account(req, .manageAccounts)
        let b = try req.content.decode(NewPassword.self)
        try await AccountQueries.resetPassword(
            user, to: b.password, bcryptCost: req.config.bcryptCost, actor: req.auditActor, on: req.db)
        return .noContent
    }

    // MARK: Audit

    @Sendable static func audit(req: Request) async throws -> [AuditController.Entry] {
        try await AuditController.search(
            req.query.decode(AuditController.Filter.self), utcOffset: req.config.utcOffset, on: req.db)
    }
}

extension AppError {
    /// A wrong-credentials answer on the API is 401, not 422.
    var asUnauthorized: AppError { .unauthenticatedWith(message(.vi), message(.en)) }
}

extension Optional {
    func asyncFlatMap<U>(_ f: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await f(value)
    }
}
