import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Changing an account's name, role, unit, fields (lĩnh vực) and the address its task reminders go
/// to, audited with before and after.
extension AccountQueries {
    package struct Changes: Sendable {
        package var displayName: String?
        package var role: String?
        package var unitCode: String?
        package var fieldCodes: [String]
        /// The address and consent for task reminders; nil keeps the stored one (an API client that
        /// does not send it).
        package var contact: StaffContact?
        package init(
            displayName: String?, role: String?, unitCode: String?, fieldCodes: [String], contact: StaffContact? = nil
        ) {
            self.displayName = displayName
            self.role = role
            self.unitCode = unitCode
            self.fieldCodes = fieldCodes
            self.contact = contact
        }
    }

    /// The form's or the API's choice of reminder channel: "email", "sms", or empty for none.
    package static func channel(_ value: String?, into problems: inout ValidationProblems) -> NotificationChannel? {
        let v = value ?? ""
        guard !v.isEmpty else { return nil }
        guard let c = NotificationChannel(rawValue: v) else {
            problems.add("notifyBy", "Vui lòng chọn cách nhận nhắc hạn.", "Choose how reminders are sent.")
            return nil
        }
        return c
    }

    /// The contact checked, each problem by its field.
    static func checked(_ contact: StaffContact?, into problems: inout ValidationProblems) -> StaffContact? {
        guard let contact else { return nil }
        let (clean, found) = contact.validated()
        for p in found { problems.add(p.field, p.vietnamese, p.english) }
        return clean
    }

    package static func fieldCodes(of user: UserRecord, on db: Database) async throws -> [String] {
        try await UserFieldRecord.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$field).all().map(
            \.field.code
        ).sorted()
    }

    package static func update(
        _ user: UserRecord, _ changes: Changes, editor: CurrentUser, actor: AuditActor, on db: Database
    ) async throws {
        var problems = ValidationProblems()
        let name = Validate.text(
            changes.displayName, field: "displayName", label: ("Họ và tên", "Full name"), into: &problems)
        let role = Role(rawValue: changes.role ?? "")
        if role == nil { problems.add("role", "Vui lòng chọn vai trò.", "Choose a role.") }
        var unit: UnitRecord?
        if let code = changes.unitCode, !code.isEmpty {
            unit = try await UnitRecord.query(on: db).filter(\.$code == code).first()
            if unit == nil { problems.add("unit", "Không có đơn vị với mã này.", "No unit has this code.") }
        } else if role?.needsUnit == true {
            problems.add("unit", "Vai trò này cần thuộc một đơn vị.", "This role needs a unit.")
        }
        var fields: [FieldRecord] = []
        if let unitID = unit?.id, !changes.fieldCodes.isEmpty {
            fields = try await FieldRecord.query(on: db).filter(\.$unit.$id == unitID).filter(
                \.$code ~~ changes.fieldCodes
            ).all()
            if fields.count != Set(changes.fieldCodes).count {
                problems.add(
                    "fields", "Lĩnh vực phải thuộc đơn vị của tài khoản.", "Fields must belong to the account's unit.")
            }
        } else if !changes.fieldCodes.isEmpty {
            problems.add(
                "fields", "Lĩnh vực phải thuộc đơn vị của tài khoản.", "Fields must belong to the account's unit.")
        }
        let contact = checked(changes.contact, into: &problems)
        try problems.throwIfAny()
        if editor.role != .admin {
            // Unit administrators keep accounts inside their units and cannot grant province-wide roles.
            guard role != .admin, role != .supervisor, let unitID = unit?.id else { throw AppError.forbidden }
            try await requireScope(editor, unitID: unitID, on: db)
        }
        let before = AccountDTO(user, unitCode: nil, fieldCodes: try await fieldCodes(of: user, on: db))
        let fieldIDs = try fields.map { try $0.requireID() }
        let unitCode = unit?.code
        let unitID = unit?.id
        let newFieldCodes = fields.map(\.code).sorted()
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            user.displayName = name
            user.role = role!
            user.$unit.id = unitID
            if let contact {
                user.email = contact.email
                user.phone = contact.phone
                user.notifyBy = contact.notifyBy
            }
            try await user.save(on: tx)
            let userID = try user.requireID()
            try await UserFieldRecord.query(on: tx).filter(\.$user.$id == userID).delete()
            for id in fieldIDs { try await UserFieldRecord(userID: userID, fieldID: id).create(on: tx) }
            let after = AccountDTO(user, unitCode: unitCode, fieldCodes: newFieldCodes)
            return (
                AuditedChange(
                    action: "user.update", entity: "user", entityID: user.username, before: before, after: after), ()
            )
        }
    }

    static func requireScope(_ editor: CurrentUser, unitID: UUID, on db: Database) async throws {
        let scope = try await UnitQueries.scope(on: db)
        guard scope.allows(role: editor.role, homeUnit: editor.unitID?.uuidString, target: unitID.uuidString) else {
            throw AppError.forbidden
        }
    }
}

extension AccountQueries {
    /// A member of staff sets their own address and consent for task reminders.
    package static func updateContact(_ user: UserRecord, _ contact: StaffContact, actor: AuditActor, on db: Database)
        async throws
    {
        var problems = ValidationProblems()
        let clean = checked(contact, into: &problems)!
        try problems.throwIfAny()
        let before = AccountDTO(user, unitCode: nil)
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            user.email = clean.email
            user.phone = clean.phone
            user.notifyBy = clean.notifyBy
            try await user.save(on: tx)
            return (
                AuditedChange(
                    action: "user.contact", entity: "user", entityID: user.username, before: before,
                    after: AccountDTO(user, unitCode: nil)), ()
            )
        }
    }
}
