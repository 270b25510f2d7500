import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of inspection plans, inspections and findings. Each write checks its input
/// field by field (all problems at once, as `ValidationProblems`), then runs in one transaction
/// with its audit lines; a finding and its corrective task are stored together.
package enum InspectionService {
    package static func createPlan(_ input: PlanInput, unit: UnitRecord, actor: AuditActor, now: Date, on db: Database)
        async throws -> InspectionPlanRecord
    {
        var p = ValidationProblems()
        let yearText = input.year.trimmingCharacters(in: .whitespaces)
        let year = Int(yearText).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if year == nil {
            p.add(
                "year", "Năm kế hoạch “\(String(yearText.prefix(10)))” không hợp lệ.", "The plan's year is not valid.")
        }
        let number = Validate.text(
            input.number, field: "number", label: ("Số hiệu văn bản kế hoạch", "The plan's document number"), max: 100,
            into: &p)
        let date = day(
            input.date, field: "date", label: "Ngày ban hành", labelEN: "The date issued", required: true, into: &p)
        let title = Validate.text(
            input.title, field: "title", label: ("Tên kế hoạch", "The plan title"), max: 500, into: &p)
        let unitID = try unit.requireID()
        if let year, try await InspectionQueries.plan(unitID: unitID, year: year, on: db) != nil {
            p.add(
                "year", "\(unit.name) đã có kế hoạch kiểm tra CCHC năm \(year).",
                "The unit already has an inspection plan for \(year).")
        }
        try p.throwIfAny()
        let plan = InspectionPlanRecord()
        plan.$unit.id = unitID
        plan.year = year!
        plan.number = number
        plan.date = date!.description
        plan.title = title
        plan.createdAtSeconds = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await plan.create(on: tx)
            return (
                AuditedChange(
                    action: "inspection-plan.create", entity: "inspection-plan",
                    entityID: "\(unit.code)/KHKT\(plan.year)",
                    before: String?.none, after: PlanSnapshot(plan)), plan
            )
        }
    }

    /// A new inspection in the plan of its date's year, by the staff of `unit` (the caller's).
    package static func createInspection(
        _ input: InspectionInput, unit: UnitRecord, actor: AuditActor, now: Date,
        on db: Database
    ) async throws -> InspectionRecord {
        var p = ValidationProblems()
        let unitID = try unit.requireID()
        let subject = try await UnitRecord.query(on: db).filter(
            \.$code == input.subjectUnit.trimmingCharacters(in: .whitespaces)
        ).first()
        let scope = try await UnitQueries.scope(on: db)
        if input.subjectUnit.trimmingCharacters(in: .whitespaces).isEmpty {
            p.add("subjectUnit", "Cần chọn đơn vị được kiểm tra.", "Choose the unit to inspect.")
        } else if try subject == nil || !scope.contains(subject!.requireID().uuidString, within: unitID.uuidString) {
            p.add(
                "subjectUnit",
                "Đơn vị được chọn không thuộc phạm vi của \(unit.name): chỉ kiểm tra chính đơn vị hoặc cơ quan, đơn vị trực thuộc.",
                "The unit chosen is outside \(unit.name)'s scope: only the unit itself or those below it.")
        } else if subject?.active == false {
            p.add("subjectUnit", "\(subject!.name) đã ngừng hoạt động.", "\(subject!.name) is no longer active.")
        }
        let fieldCode = input.field.trimmingCharacters(in: .whitespaces)
        if let subject, !fieldCode.isEmpty, !p.messages.keys.contains("subjectUnit") {
            let field = try await FieldRecord.query(on: db).filter(\.$unit.$id == subject.requireID()).filter(
                \.$code == fieldCode
            ).filter(\.$active == true).first()
            if field == nil {
                p.add(
                    "field", "Lĩnh vực được chọn không phải lĩnh vực của \(subject.name).",
                    "The field is not one of \(subject.name)'s.")
            }
        }
        let date = day(
            input.date, field: "date", label: "Ngày kiểm tra", labelEN: "The inspection date", required: true, into: &p)
        var plan: InspectionPlanRecord?
        if let date {
            plan = try await InspectionQueries.plan(unitID: unitID, year: date.year, on: db)
            if plan == nil {
                p.add(
                    "date",
                    "\(unit.name) chưa có kế hoạch kiểm tra CCHC năm \(date.year): cần lập kế hoạch năm trước khi thêm cuộc kiểm tra.",
                    "There is no inspection plan for \(date.year) yet: create the year's plan first.")
            }
        }
        let owners = try await TaskService.owners(of: unitID, on: db)
        if input.team.contains(where: { id in !owners.contains { $0.id == id } }) {
            p.add(
                "team", "Thành viên đoàn kiểm tra phải là cán bộ, công chức của \(unit.name).",
                "Team members must be the unit's staff.")
        }
        var outside: [String] = []
        for line in input.outsideMembers.split(whereSeparator: \.isNewline) {
            let name = Validate.text(
                String(line), field: "outsideMembers", label: ("Thành viên ngoài đơn vị", "Outside member"), max: 200,
                into: &p)
            if !name.isEmpty { outside.append(name) }
        }
        if outside.count > 30 {
            p.add("outsideMembers", "Tối đa 30 thành viên ngoài đơn vị.", "At most 30 outside members.")
        }
        if input.team.isEmpty && outside.isEmpty && !p.messages.keys.contains("team")
            && !p.messages.keys.contains("outsideMembers")
        {
            p.add("team", "Đoàn kiểm tra cần ít nhất một thành viên.", "The team needs at least one member.")
        }
        let scopeText = longText(
            input.scope, field: "scope", label: ("Nội dung, phạm vi kiểm tra", "The scope and content"), into: &p)
        try p.throwIfAny()
        let record = InspectionRecord()
        record.$plan.id = try plan!.requireID()
        record.$unit.id = unitID
        record.$subjectUnit.id = try subject!.requireID()
        record.fieldCode = fieldCode.isEmpty ? nil : fieldCode
        record.date = date!.description
        var seen = Set<UUID>()
        record.team = try json(input.team.filter { seen.insert($0).inserted })
        record.outsideMembers = try json(outside)
        record.scope = scopeText
        record.status = .planned
        record.conclusionNumber = ""
        record.createdAtSeconds = Int64(now.timeIntervalSince1970)
        let planID = try plan!.requireID()
        let year = plan!.year
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            if tx.isPostgres {
                try await tx.sql.raw("SELECT id FROM inspection_plans WHERE id = \(bind: planID) FOR UPDATE").run()
            }
            let last = try await InspectionRecord.query(on: tx).filter(\.$plan.$id == planID).sort(
                \.$number, .descending
            ).first()
            record.number = (last?.number ?? 0) + 1
            try await record.create(on: tx)
            return (
                AuditedChange(
                    action: "inspection.create", entity: "inspection",
                    entityID: "\(unit.code)/KT\(year)-\(record.number)",
                    before: String?.none, after: Snapshot(record)), record
            )
        }
    }

    /// The inspection took place on `heldOn` (not after `today`); its conclusion notice, if issued.
    package static func markHeld(
        _ id: UUID, _ input: HeldInput, unitCode: String, actor: AuditActor, now: Date, today: LocalDate,
        on db: Database
    ) async throws -> InspectionRecord {
        var p = ValidationProblems()
        let heldOn = day(
            input.heldOn, field: "heldOn", label: "Ngày kiểm tra thực tế", labelEN: "The day held", required: true,
            into: &p)
        if let heldOn, heldOn > today {
            p.add(
                "heldOn", "Ngày kiểm tra thực tế (\(heldOn.vietnamese)) chưa đến: hôm nay là \(today.vietnamese).",
                "The day held is after today.")
        }
        let number = Validate.text(
            input.conclusionNumber, field: "conclusionNumber", label: ("Số thông báo kết luận", "Conclusion number"),
            max: 100, required: false, into: &p)
        let conclusionDate = day(
            input.conclusionDate, field: "conclusionDate", label: "Ngày thông báo kết luận",
            labelEN: "The conclusion date",
            required: false, into: &p)
        if let heldOn, let conclusionDate, conclusionDate < heldOn {
            p.add(
                "conclusionDate",
                "Ngày thông báo kết luận (\(conclusionDate.vietnamese)) không được trước ngày kiểm tra (\(heldOn.vietnamese)).",
                "The conclusion cannot be dated before the inspection.")
        }
        if conclusionDate != nil && number.isEmpty {
            p.add(
                "conclusionNumber", "Cần số hiệu thông báo kết luận khi đã nhập ngày.",
                "The conclusion needs its number.")
        }
        try p.throwIfAny()
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let i = try await locked(id, on: tx)
            let before = Snapshot(i)
            do throws(InspectionRefusal) { i.status = try InspectionRules.markHeld(i.status) } catch {
                throw problem("held", error)
            }
            i.heldOn = heldOn!.description
            i.conclusionNumber = number
            i.conclusionDate = conclusionDate?.description
            try await i.save(on: tx)
            return (
                AuditedChange(
                    action: "inspection.held", entity: "inspection",
                    entityID: try await entityID(i, unitCode: unitCode, on: tx),
                    before: before, after: Snapshot(i)), i
            )
        }
    }

    /// Closes a held inspection once every corrective task is accepted or cancelled.
    package static func close(
        _ id: UUID, unitCode: String, actor: AuditActor, now: Date, today: LocalDate, on db: Database
    ) async throws -> InspectionRecord {
        try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let i = try await locked(id, on: tx)
            let before = Snapshot(i)
            let findings = try await InspectionFindingRecord.query(on: tx).filter(\.$inspection.$id == id)
                .with(\.$task) { $0.with(\.$lead) }.sort(\.$number).all()
            let tasks = findings.map { f in
                CorrectiveTask(
                    label:
                        "NV\(f.task.number) “\(f.task.title)” (\(f.task.state.vietnamese), chủ trì \(f.task.lead.displayName))",
                    state: f.task.state)
            }
            do throws(InspectionRefusal) { i.status = try InspectionRules.close(i.status, tasks: tasks) } catch {
                throw problem("close", error)
            }
            i.closedOn = today.description
            try await i.save(on: tx)
            return (
                AuditedChange(
                    action: "inspection.close", entity: "inspection",
                    entityID: try await entityID(i, unitCode: unitCode, on: tx),
                    before: before, after: Snapshot(i)), i
            )
        }
    }

    /// The inspection row, locked for the rest of the transaction on PostgreSQL (SQLite has one
    /// writer at a time), so a finding and a close never interleave.
    static func locked(_ id: UUID, on tx: Database) async throws -> InspectionRecord {
        if tx.isPostgres { try await tx.sql.raw("SELECT id FROM inspections WHERE id = \(bind: id) FOR UPDATE").run() }
        guard let i = try await InspectionRecord.find(id, on: tx) else { throw AppError.notFound }
        return i
    }

    static func problem(_ field: String, _ refusal: InspectionRefusal) -> ValidationProblems {
        var p = ValidationProblems()
        p.add(field, refusal.vietnamese, refusal.english)
        return p
    }

    static func entityID(_ i: InspectionRecord, unitCode: String, on db: Database) async throws -> String {
        let year = try await i.$plan.get(on: db).year
        return "\(unitCode)/KT\(year)-\(i.number)"
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// What the audit trail keeps of an inspection.
    struct Snapshot: Encodable {
        let number: Int, subjectUnit: UUID, fieldCode: String?, date: String, team: String, outsideMembers: String,
            scope: String
        let status: String, heldOn: String?, conclusionNumber: String, conclusionDate: String?, closedOn: String?
        init(_ i: InspectionRecord) {
            number = i.number
            subjectUnit = i.$subjectUnit.id
            fieldCode = i.fieldCode
            date = i.date
            team = i.team
            outsideMembers = i.outsideMembers
            scope = i.scope
            status = i.status.rawValue
            heldOn = i.heldOn
            conclusionNumber = i.conclusionNumber
            conclusionDate = i.conclusionDate
            closedOn = i.closedOn
        }
    }

    struct PlanSnapshot: Encodable {
        let year: Int, number: String, date: String, title: String
        init(_ p: InspectionPlanRecord) {
            year = p.year
            number = p.number
            date = p.date
            title = p.title
        }
    }
}
