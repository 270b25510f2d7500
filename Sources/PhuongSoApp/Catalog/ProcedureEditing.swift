import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The staff form for a procedure version, and saving it as a new version (audited).
package struct ProcedureForm: Content, Sendable {
    var code: String?
    var name: String?
    var field: String?
    var level: String?
    var agency: String?
    var subjects: String?
    var submissionWays: String?
    /// One component a line: `name | bản chính/bản sao | count | tái sử dụng`.
    var components: String?
    var timeLimitValue: String?
    var timeLimitUnit: String?
    var cutoff: String?
    var feeText: String?
    var feeAmount: String?
    var result: String?
    var conditions: String?
    /// One legal basis a line.
    var legalBases: String?
    var publishingDecision: String?
    var onlineLevel: String?
    var paperResultRequired: String?
    var supplementPolicy: String?
    var consultationExcluded: String?
    /// One step a line: `actor | task | hours`.
    var steps: String?
    var effectiveFrom: String?
    var source: String?
    var notes: String?

    init() {}

    init(_ p: Procedure, effectiveFrom: String) {
        code = p.code
        name = p.name
        field = p.field
        level = p.level
        agency = p.agency
        subjects = p.subjects
        submissionWays = p.submissionWays
        components = p.components.map { c in
            [
                Component(name: c.name, requirement: c.requirement).notation, c.form, String(c.count),
                c.reusable ? "tái sử dụng" : "",
            ].joined(separator: " | ")
        }.joined(separator: "\n")
        switch p.timeLimit {
        case .workingHours(let h)?:
            timeLimitValue = Procedure.number(h)
            timeLimitUnit = "giờ"
        case .workingDays(let d)?:
            timeLimitValue = Procedure.number(d)
            timeLimitUnit = "ngày làm việc"
        case .calendarDays(let d)?:
            timeLimitValue = String(d)
            timeLimitUnit = "ngày"
        case .months(let m)?:
            timeLimitValue = String(m)
            timeLimitUnit = "tháng"
        case .sameDay(let c)?:
            timeLimitUnit = "trong ngày"
            cutoff = c
        case nil: timeLimitUnit = ""
        }
        feeText = p.feeText
        feeAmount = p.feeAmount.map(String.init)
        result = p.result
        conditions = p.conditions
        legalBases = p.legalBases.joined(separator: "\n")
        publishingDecision = p.publishingDecision
        onlineLevel = p.onlineLevel.rawValue
        paperResultRequired = p.paperResultRequired ? "on" : nil
        supplementPolicy = p.supplementPolicy.rawValue
        consultationExcluded = p.consultationExcluded == true ? "on" : nil
        steps = p.steps.map { "\($0.actor) | \($0.task) | \(Procedure.number($0.hours))" }.joined(separator: "\n")
        self.effectiveFrom = effectiveFrom
        source = p.source
        notes = p.notes
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    /// The procedure this form describes, or every problem at once.
    func procedure(code fixedCode: String?) throws -> (Procedure, LocalDate) {
        var problems = ValidationProblems()
        let code =
            fixedCode
            ?? Validate.code(
                self.code, field: "code", label: ("Mã thủ tục", "Procedure code"), max: 64, into: &problems)
        var p = Procedure(
            code: code,
            name: Validate.text(
                name, field: "name", label: ("Tên thủ tục", "Procedure name"), max: 1000, into: &problems),
            field: Validate.text(field, field: "field", label: ("Lĩnh vực", "Field"), into: &problems))
        p.level = Validate.text(
            level, field: "level", label: ("Cấp thực hiện", "Implementing level"), required: false, into: &problems)
        p.agency = Validate.text(
            agency, field: "agency", label: ("Cơ quan thực hiện", "Executing agency"), max: 1000, required: false,
            into: &problems
        )
        p.subjects = Validate.text(
            subjects, field: "subjects", label: ("Đối tượng thực hiện", "Who may apply"), max: 2000, required: false,
            into: &problems)
        p.submissionWays = Validate.text(
            submissionWays, field: "submissionWays", label: ("Cách thức thực hiện", "Ways of submission"), max: 2000,
            required: false, into: &problems)
        for (i, line) in Self.lines(components).enumerated() {
            let parts = line.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let count = parts.count > 2 && !parts[2].isEmpty ? Int(parts[2]) : 1
            if count == nil || count! < 1 || count! > 100 {
                problems.add(
                    "components", "Dòng \(i + 1): số lượng phải là số nguyên dương.",
                    "Line \(i + 1): the count must be a positive whole number.")
            }
            // The name may start with the requirement, as in the import notation: "[Không bắt buộc] …", "[Trường hợp …] …".
            var c: Component
            do { c = try Component(notation: parts[0]) } catch {
                problems.add("components", "Dòng \(i + 1): \(error.vi).", "Line \(i + 1): \(error.en).")
                continue
            }
            if parts.count > 1, !parts[1].isEmpty { c.form = parts[1] }
            c.count = count ?? 1
            c.reusable = parts.count > 3 && !parts[3].isEmpty
            p.components.append(c)
        }
        switch Result(catching: { () throws(CatalogImport.Problem) in
            try CatalogImport.parseTimeLimit(
                value: timeLimitValue ?? "", unit: timeLimitUnit ?? "", cutoff: cutoff ?? "")
        }) {
        case .success(let limit): p.timeLimit = limit
        case .failure(let e): problems.add("timeLimitValue", e.vi, e.en)
        }
        p.feeText = Validate.text(
            feeText, field: "feeText", label: ("Phí, lệ phí", "Fees"), max: 4000, required: false, into: &problems)
        if let fee = feeAmount?.trimmingCharacters(in: .whitespaces), !fee.isEmpty {
            if let v = Int(fee.replacingOccurrences(of: ".", with: "")), v >= 0 {
                p.feeAmount = v
            } else {
                problems.add(
                    "feeAmount", "Mức thu phải là số nguyên không âm (đồng).",
                    "The fee must be a non-negative whole number of đồng.")
            }
        }
        p.result = Validate.text(
            result, field: "result", label: ("Kết quả", "Result"), max: 1000, required: false, into: &problems)
        p.conditions = Validate.text(
            conditions, field: "conditions", label: ("Điều kiện thực hiện", "Conditions"), max: 4000, required: false,
            into: &problems)
        p.legalBases = Self.lines(legalBases)
        p.publishingDecision = Validate.text(
            publishingDecision, field: "publishingDecision", label: ("Quyết định công bố", "Publishing decision"),
            required: false, into: &problems)
        p.onlineLevel = OnlineLevel(rawValue: onlineLevel ?? "") ?? .none
        p.paperResultRequired = paperResultRequired != nil
        p.supplementPolicy = SupplementPolicy(rawValue: supplementPolicy ?? "") ?? .pause
        p.consultationExcluded = consultationExcluded != nil ? true : nil
        for (i, line) in Self.lines(steps).enumerated() {
            let parts = line.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, let h = Double(parts[2].replacingOccurrences(of: ",", with: ".")), h >= 0,
                h <= 10_000
            else {
                problems.add(
                    "steps", "Bước \(i + 1): cần dạng 'Người thực hiện | Nhiệm vụ | Số giờ'.",
                    "Step \(i + 1): expected 'Actor | Task | Hours'.")
                continue
            }
            p.steps.append(ProcessStep(actor: parts[0], task: parts[1], hours: h))
        }
        if !p.stepsFitTimeLimit, let limit = p.timeLimit?.workingHoursEquivalent {
            problems.add(
                "steps",
                "Tổng thời gian các bước \(Procedure.number(p.stepHours)) giờ vượt thời hạn \(Procedure.number(limit)) giờ làm việc.",
                "The steps total \(Procedure.number(p.stepHours)) h, over the legal limit of \(Procedure.number(limit)) working hours."
            )
        }
        p.source = Validate.text(
            source, field: "source", label: ("Nguồn", "Source"), max: 4000, required: false, into: &problems)
        p.notes = Validate.text(
            notes, field: "notes", label: ("Ghi chú", "Notes"), max: 4000, required: false, into: &problems)
        let date = try? LocalDate(parsing: effectiveFrom ?? "")
        if date == nil {
            problems.add(
                "effectiveFrom", "Ngày hiệu lực cần dạng YYYY-MM-DD.", "The effective date must be YYYY-MM-DD.")
        }
        try problems.throwIfAny()
        return (p, date!)
    }
}

package enum ProcedureEditing {
    /// Saves `p` as a new version of `record` (or a new procedure when `record` is nil), in force
    /// from `effectiveFrom`. Nothing is written when the content did not change.
    @discardableResult
    package static func save(
        _ p: Procedure, as record: ProcedureRecord?, unit: UnitRecord, effectiveFrom: LocalDate,
        actor: AuditActor, on db: Database
    ) async throws -> (ProcedureRecord, changed: Bool) {
        let unitID = try unit.requireID()
        var previous: Procedure?
        if let record,
            let latest = try await ProcedureVersionRecord.query(on: db).filter(\.$procedure.$id == record.requireID())
                .sort(\.$version, .descending).first()
        {
            previous = try latest.procedureContent
        } else if try await ProcedureRecord.query(on: db).filter(\.$unit.$id == unitID).filter(\.$code == p.code)
            .first() != nil
        {
            var problems = ValidationProblems()
            problems.add("code", "Đơn vị đã có thủ tục với mã này.", "The unit already has a procedure with this code.")
            throw problems
        }
        if let previous, previous == p { return (record!, false) }
        let isNew = previous == nil
        let target = record ?? ProcedureRecord(unitID: unitID, procedure: p)
        let diff = previous.map { CatalogDiff.fieldChanges($0, p) }
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            target.describe(p)
            target.latestVersion += 1
            try await target.save(on: tx)
            try await ProcedureVersionRecord(
                procedureID: target.requireID(), version: target.latestVersion, effectiveFrom: effectiveFrom,
                procedure: p, createdBy: actor.username
            ).create(on: tx)
            return (
                AuditedChange(
                    action: isNew ? "procedure.create" : "procedure.version", entity: "procedure",
                    entityID: unit.code + "/" + p.code, before: diff.map { $0.map { "\($0.field): \($0.before)" } },
                    after: diff.map { $0.map { "\($0.field): \($0.after)" } } ?? [p.name],
                    reason: "v\(target.latestVersion) từ \(effectiveFrom)"), ()
            )
        }
        return (target, true)
    }

    package static func setRetired(
        _ record: ProcedureRecord, _ retired: Bool, reason: String, actor: AuditActor, on db: Database
    ) async throws {
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            record.retired = retired
            try await record.save(on: tx)
            return (
                AuditedChange(
                    action: retired ? "procedure.retire" : "procedure.restore", entity: "procedure",
                    entityID: record.code,
                    before: ["retired": !retired], after: ["retired": retired], reason: reason), ()
            )
        }
    }
}
