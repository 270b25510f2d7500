import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Reads and writes of units and fields, on a `Database` (no HTTP), so tests call them directly.
package enum UnitQueries {
    package struct UnitInput: Sendable {
        package var code: String?
        package var name: String?
        package var kind: String?
        package var parentCode: String?
        package var workingHours: String?
        package init(code: String?, name: String?, kind: String?, parentCode: String?, workingHours: String?) {
            self.code = code
            self.name = name
            self.kind = kind
            self.parentCode = parentCode
            self.workingHours = workingHours
        }
    }

    package static func all(on db: Database) async throws -> [UnitRecord] {
        try await UnitRecord.query(on: db).with(\.$parent).sort(\.$code).all()
    }

    /// The unit tree, for scope checks.
    package static func scope(on db: Database) async throws -> UnitScope {
        scope(of: try await UnitRecord.query(on: db).all())
    }

    static func scope(of units: [UnitRecord]) -> UnitScope {
        UnitScope(
            parents: Dictionary(
                uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0.uuidString, u.$parent.id?.uuidString) } }))
    }

    package static func find(code: String, on db: Database) async throws -> UnitRecord {
        guard let unit = try await UnitRecord.query(on: db).filter(\.$code == code).first() else {
            throw AppError.notFound
        }
        return unit
    }

    /// Units the user may see: all for admins; their unit and those below for supervisors and
    /// unit administrators; their own unit otherwise.
    package static func visible(to user: CurrentUser, on db: Database) async throws -> [UnitRecord] {
        let units = try await all(on: db)
        if user.role == .admin { return units }
        let scope = scope(of: units)
        return units.filter { u in
            guard let id = u.id else { return false }
            return scope.allows(
                role: user.role,
                homeUnit: user.unitID?.uuidString, target: id.uuidString)
        }
    }

    package static func create(_ input: UnitInput, actor: AuditActor, on db: Database) async throws -> UnitRecord {
        var problems = ValidationProblems()
        let code = Validate.code(input.code, field: "code", label: ("Mã định danh", "ID code"), into: &problems)
        let name = Validate.text(input.name, field: "name", label: ("Tên đơn vị", "Unit name"), into: &problems)
        let kind = UnitKind(rawValue: input.kind ?? "")
        if kind == nil { problems.add("kind", "Vui lòng chọn loại đơn vị.", "Choose the kind of unit.") }
        let hoursText = (input.workingHours ?? "").isEmpty ? "07:30-11:30,13:30-17:30" : input.workingHours!
        do { _ = try WorkingHours(parsing: hoursText) } catch {
            problems.add(
                "workingHours",
                "Giờ làm việc không hợp lệ — " + error.vietnamese
                    + ". Cần các khoảng giờ theo thứ tự, không chồng nhau, ví dụ 07:30-11:30,13:30-17:30.",
                "Invalid working hours — " + error.english
                    + ". Give periods in order, not overlapping, e.g. 07:30-11:30,13:30-17:30.")
        }
        var parentID: UUID?
        if let p = input.parentCode, !p.isEmpty {
            parentID = try await UnitRecord.query(on: db).filter(\.$code == p).first()?.id
            if parentID == nil {
                problems.add("parent", "Không có đơn vị cấp trên với mã này.", "No parent unit has this code.")
            }
        }
        if !code.isEmpty, try await UnitRecord.query(on: db).filter(\.$code == code).first() != nil {
            problems.add("code", "Mã định danh đã được dùng.", "This ID code is already used.")
        }
        try problems.throwIfAny()
        let unit = UnitRecord(code: code, name: name, kind: kind!, parentID: parentID, workingHours: hoursText)
        return try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await unit.create(on: tx)
            return (
                AuditedChange(
                    action: "unit.create", entity: "unit", entityID: code, before: UnitDTO?.none,
                    after: UnitDTO(unit, parentCode: input.parentCode)), unit
            )
        }
    }

    package static func setActive(
        _ unit: UnitRecord, _ active: Bool, reason: String, actor: AuditActor, on db: Database
    ) async throws {
        let before = UnitDTO(unit, parentCode: nil)
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            unit.active = active
            try await unit.save(on: tx)
            return (
                AuditedChange(
                    action: active ? "unit.activate" : "unit.deactivate", entity: "unit", entityID: unit.code,
                    before: before, after: UnitDTO(unit, parentCode: nil), reason: reason), ()
            )
        }
    }

    package static func fields(of unit: UnitRecord, on db: Database) async throws -> [FieldRecord] {
        try await FieldRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).sort(\.$name).all()
    }

    package static func setFieldActive(
        _ unit: UnitRecord, code: String, _ active: Bool, actor: AuditActor, on db: Database
    ) async throws -> FieldRecord {
        guard
            let field = try await FieldRecord.query(on: db).filter(\.$unit.$id == unit.requireID()).filter(
                \.$code == code
            ).first()
        else { throw AppError.notFound }
        let before = FieldDTO(field)
        return try await AuditLog.transaction(on: db, actor: actor) { tx in
            field.active = active
            try await field.save(on: tx)
            return (
                AuditedChange(
                    action: active ? "field.activate" : "field.deactivate", entity: "field",
                    entityID: unit.code + "/" + code,
                    before: before, after: FieldDTO(field)), field
            )
        }
    }

    package static func addField(
        to unit: UnitRecord, code rawCode: String?, name rawName: String?, actor: AuditActor, on db: Database
    ) async throws -> FieldRecord {
        var problems = ValidationProblems()
        let code = Validate.code(rawCode, field: "fieldCode", label: ("Mã lĩnh vực", "Field code"), into: &problems)
        let name = Validate.text(rawName, field: "fieldName", label: ("Tên lĩnh vực", "Field name"), into: &problems)
        let unitID = try unit.requireID()
        if !code.isEmpty,
            try await FieldRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$code == code).first() != nil
        {
            problems.add(
                "fieldCode", "Đơn vị đã có lĩnh vực với mã này.", "The unit already has a field with this code.")
        }
        try problems.throwIfAny()
        let field = FieldRecord(unitID: unitID, code: code, name: name)
        return try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await field.create(on: tx)
            return (
                AuditedChange(
                    action: "field.create", entity: "field", entityID: unit.code + "/" + code,
                    before: FieldDTO?.none, after: FieldDTO(field)), field
            )
        }
    }
}

/// The API and audit shape of a unit (never the Fluent model).
package struct UnitDTO: Content, Sendable {
    package var code: String
    package var name: String
    package var kind: String
    package var parentCode: String?
    package var workingHours: String
    package var active: Bool

    package init(_ u: UnitRecord, parentCode: String?) {
        code = u.code
        name = u.name
        kind = u.kind.rawValue
        self.parentCode = parentCode ?? (u.$parent.value ?? nil)?.code
        workingHours = u.workingHours
        active = u.active
    }
}

package struct FieldDTO: Content, Sendable {
    package var code: String
    package var name: String
    package var active: Bool
    package init(_ f: FieldRecord) {
        code = f.code
        name = f.name
        active = f.active
    }
}

extension Request {
    /// The unit named by the `:code` path parameter, if the caller may do `action` there.
    package func unitParameter(_ action: Action) async throws -> UnitRecord {
        let unit = try await UnitQueries.find(code: parameters.get("code") ?? "", on: db)
        try await require(action, unit: unit.requireID())
        return unit
    }
}
