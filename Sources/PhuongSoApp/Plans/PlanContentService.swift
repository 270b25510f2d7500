import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Writes inside a plan: sections, targets, and the values of manual targets with their evidence.
/// Sections and targets change only while the plan is a draft; values are entered at any time.
package enum PlanContentService {
    package struct SectionInput: Content, Sendable {
        /// A `ReformArea` code, or `other` with a name of the ward's own.
        package var area: String?
        package var name: String?
        package var position: String?
        package var content: String?
        package init() {}
    }

    package struct TargetInput: Content, Sendable {
        package var section: String?
        package var measure: String?
        package var unitOfMeasure: String?
        package var goal: String?
        package var direction: String?
        package var due: String?
        /// `manual` or a `FigureKey`.
        package var binding: String?
        package init() {}
    }

    package struct EntryInput: Content, Sendable {
        package var value: String?
        package var asOf: String?
        package var docNumber: String?
        package var docDate: String?
        package var link: String?
        package var note: String?
        package init() {}
    }

    /// An uploaded evidence file, not yet checked.
    package struct Upload: Sendable {
        package var bytes: [UInt8]
        package var filename: String
        package init(bytes: [UInt8], filename: String) {
            self.bytes = bytes
            self.filename = filename
        }
    }

    package static func addSection(
        _ input: SectionInput, to plan: PlanRecord, actor: AuditActor, now: Date, on db: Database
    ) async throws -> PlanSectionRecord {
        guard plan.status == .draft else { throw PlanService.alreadyIssued }
        let planID = try plan.requireID()
        let existing = try await PlanSectionRecord.query(on: db).filter(\.$plan.$id == planID).all()
        var p = ValidationProblems()
        let area = (input.area ?? "").trimmingCharacters(in: .whitespaces)
        var name = Validate.text(
            input.name, field: "name", label: ("Tên mục", "Section name"), required: false, into: &p)
        var code = area
        if area == "other" {
            if name.isEmpty { p.add("name", "Vui lòng nhập tên mục (lĩnh vực) mới.", "Name the new area.") }
            code = "other-" + String((1...).first { n in !existing.contains { $0.areaCode == "other-\(n)" } }!)
        } else if let standard = ReformArea.standard(area) {
            if existing.contains(where: { $0.areaCode == area }) {
                p.add(
                    "area", "Kế hoạch đã có mục “\(standard.vietnamese)”: sửa nội dung ở mục đó.",
                    "The plan already has this area: edit it instead.")
            }
            if name.isEmpty { name = standard.vietnamese }
        } else {
            p.add(
                "area", "Chọn một lĩnh vực cải cách trong danh sách, hoặc “Lĩnh vực khác”.",
                "Choose a reform area from the list, or “Other”.")
        }
        let position = PlanInputCheck.position(input.position, into: &p)
        let content = PlanInputCheck.longText(
            input.content, field: "content", label: ("Nội dung", "Content"), max: 8000, into: &p)
        try p.throwIfAny()
        let s = PlanSectionRecord()
        s.$plan.id = planID
        s.areaCode = code
        s.areaName = name
        s.content = content
        s.position = position ?? ((existing.map(\.position).max() ?? 0) + 1)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await s.create(on: tx)
            return (
                AuditedChange(
                    action: "plan.section.add", entity: "plan", entityID: planID.uuidString,
                    before: PlansAPI.Section?.none,
                    after: PlansAPI.Section(s)), s
            )
        }
    }

    package static func editSection(
        _ s: PlanSectionRecord, _ input: SectionInput, plan: PlanRecord, actor: AuditActor, now: Date,
        on db: Database
    ) async throws -> PlanSectionRecord {
        guard plan.status == .draft else { throw PlanService.alreadyIssued }
        var p = ValidationProblems()
        let name = Validate.text(input.name ?? s.areaName, field: "name", label: ("Tên mục", "Section name"), into: &p)
        let position = PlanInputCheck.position(input.position, into: &p)
        let content = PlanInputCheck.longText(
            input.content ?? s.content, field: "content", label: ("Nội dung", "Content"), max: 8000, into: &p)
        try p.throwIfAny()
        let before = PlansAPI.Section(s)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            s.areaName = name
            s.content = content
            if let position { s.position = position }
            try await s.save(on: tx)
            return (
                AuditedChange(
                    action: "plan.section.edit", entity: "plan", entityID: try plan.requireID().uuidString,
                    before: before,
                    after: PlansAPI.Section(s)), s
            )
        }
    }

    package static func addTarget(
        _ input: TargetInput, to plan: PlanRecord, actor: AuditActor, now: Date, on db: Database
    ) async throws -> PlanTargetRecord {
        guard plan.status == .draft else { throw PlanService.alreadyIssued }
        let planID = try plan.requireID()
        var p = ValidationProblems()
        let sections = try await PlanSectionRecord.query(on: db).filter(\.$plan.$id == planID).all()
        let section = (input.section).flatMap(UUID.init(uuidString:)).flatMap { id in sections.first { $0.id == id } }
        if section == nil {
            p.add("section", "Chọn mục của kế hoạch mà chỉ tiêu thuộc về.", "Choose the section the target belongs to.")
        }
        let measure = Validate.text(input.measure, field: "measure", label: ("Chỉ tiêu", "Target"), max: 300, into: &p)
        let bindingText = (input.binding ?? "").trimmingCharacters(in: .whitespaces)
        var binding = PlanTargetRecord.manual
        if !bindingText.isEmpty && bindingText != PlanTargetRecord.manual {
            if let key = FigureKey.parse(bindingText) {
                binding = key.rawValue
            } else {
                p.add(
                    "binding",
                    "PhuongSo không có số liệu “\(bindingText)”. Chọn một số liệu trong danh sách, hoặc “Nhập thủ công kèm minh chứng”.",
                    "PhuongSo has no figure “\(bindingText)”. Choose one from the list, or “Entered by hand with evidence”."
                )
            }
        }
        // Every figure is a share: a bound target is in percent whatever was typed.
        let unit =
            binding == PlanTargetRecord.manual
            ? Validate.text(
                input.unitOfMeasure, field: "unitOfMeasure", label: ("Đơn vị tính", "Unit of measure"), max: 30,
                into: &p) : "%"
        let goal = PlanInputCheck.number(input.goal, field: "goal", label: ("Mức phấn đấu", "Goal"), into: &p)
        if let goal, goal < 0 { p.add("goal", "Mức chỉ tiêu không được âm.", "The goal cannot be negative.") }
        if let goal, unit == "%", goal > 100 {
            p.add("goal", "Tỷ lệ không vượt quá 100%.", "A share cannot exceed 100%.")
        }
        let direction = TargetDirection(rawValue: input.direction ?? TargetDirection.atLeast.rawValue)
        if direction == nil { p.add("direction", "Chọn “tối thiểu” hoặc “tối đa”.", "Choose “at least” or “at most”.") }
        let due = PlanInputCheck.date(
            input.due, field: "due", label: ("Hạn đạt chỉ tiêu", "Due date"), required: true, into: &p)
        if let due, due.year != plan.year {
            p.add(
                "due", "Hạn đạt chỉ tiêu phải trong năm \(plan.year) của kế hoạch.",
                "The due date must fall in the plan's year \(plan.year).")
        }
        try p.throwIfAny()
        let last = try await PlanTargetRecord.query(on: db).filter(\.$plan.$id == planID).sort(\.$position, .descending)
            .first()
        let t = PlanTargetRecord()
        t.$plan.id = planID
        t.$section.id = try section!.requireID()
        t.measure = measure
        t.unitOfMeasure = unit
        t.goal = goal!
        t.direction = direction!
        t.dueOn = due!.description
        t.binding = binding
        t.position = (last?.position ?? 0) + 1
        t.createdAtSeconds = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await t.create(on: tx)
            return (
                AuditedChange(
                    action: "plan.target.add", entity: "plan", entityID: planID.uuidString,
                    before: PlansAPI.TargetSnapshot?.none,
                    after: PlansAPI.TargetSnapshot(t)), t
            )
        }
    }

    /// Enters a manual target's value as of a day, with at least one piece of evidence: a document
    /// (number, date), a file (checked like every upload), or a link to a record in PhuongSo.
    package static func addEntry(
        _ input: EntryInput, file: Upload?, to target: PlanTargetRecord, by user: CurrentUser, actor: AuditActor,
        files: FileStore?, now: Date, utcOffset: Int, on db: Database
    ) async throws -> TargetEntryRecord {
        if let key = target.figure {
            throw AppError.conflict(
                vi: "Chỉ tiêu này lấy số liệu tự động (“\(key.vietnamese)”): không nhập tay.",
                en: "This target is computed from “\(key.english)”: it takes no manual values.")
        }
        var p = ValidationProblems()
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        let value = PlanInputCheck.number(
            input.value, field: "value", label: ("Giá trị đạt được", "Value reached"), into: &p)
        if let value, value < 0 { p.add("value", "Giá trị không được âm.", "The value cannot be negative.") }
        let asOf = PlanInputCheck.date(
            input.asOf, field: "asOf", label: ("Tính đến ngày", "As of"), required: true, into: &p)
        if let asOf, asOf > today {
            p.add(
                "asOf", "Ngày số liệu không được sau hôm nay (\(today.vietnamese)).",
                "The date cannot be after today (\(today)).")
        }
        let note = PlanInputCheck.longText(input.note, field: "note", label: ("Ghi chú", "Note"), max: 2000, into: &p)
        var evidence: [TaskEvidence] = []
        let docNumber = (input.docNumber ?? "").trimmingCharacters(in: .whitespaces)
        let docDate = (input.docDate ?? "").trimmingCharacters(in: .whitespaces)
        if !docNumber.isEmpty || !docDate.isEmpty {
            // A date typed as dd/mm/yyyy is taken as such; the evidence keeps YYYY-MM-DD.
            let day =
                docDate.isEmpty
                ? ""
                : (PlanInputCheck.date(
                    docDate, field: "docDate", label: ("Ngày văn bản", "Document date"), required: false, into: &p)?
                    .description ?? docDate)
            try PlanInputCheck.collect(&p, fallback: "docNumber") {
                evidence.append(try TaskEvidence.validatedDocument(number: docNumber, date: day, issuer: ""))
            }
        }
        let link = (input.link ?? "").trimmingCharacters(in: .whitespaces)
        if !link.isEmpty {
            try PlanInputCheck.collect(&p, fallback: "link") {
                evidence.append(try TaskEvidence.validatedLink(link, label: ""))
            }
        }
        let upload = file.flatMap { $0.bytes.isEmpty ? nil : $0 }
        if evidence.isEmpty && upload == nil && p.messages["docNumber"] == nil && p.messages["docDate"] == nil
            && p.messages["link"] == nil
        {
            p.add(
                "evidence",
                "Cần minh chứng: số hiệu và ngày văn bản, tệp đính kèm, hoặc liên kết đến hồ sơ trong PhuongSo.",
                "Evidence is required: a document number and date, a file, or a link to a record in PhuongSo.")
        }
        try p.throwIfAny()
        // The file is checked (and stored, by its hash) only once everything else holds.
        if let upload {
            // nil only for the demo's entries, which carry no file
            guard let files else { preconditionFailure("an uploaded file with no store to keep it") }
            do {
                evidence.append(.file(file: try await files.store(upload.bytes, originalName: upload.filename)))
            } catch let problem as FileStore.Problem { p.add("file", problem.vi, problem.en) }
            try p.throwIfAny()
        }
        let e = TargetEntryRecord()
        e.$target.id = try target.requireID()
        e.value = value!
        e.asOf = asOf!.description
        e.note = note
        e.evidence = String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        e.$enteredBy.id = user.id
        e.enteredAtSeconds = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await e.create(on: tx)
            return (
                AuditedChange(
                    action: "plan.target.entry", entity: "plan", entityID: target.$plan.id.uuidString,
                    before: PlansAPI.Entry?.none,
                    after: try PlansAPI.Entry(e, enteredBy: user.displayName)), e
            )
        }
    }
}
