import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Plans over the JSON API: the same writers and rules as the pages (422 naming the field, 409 once
/// a plan is issued); a plan comes with its targets' live values and its tasks' figures.
enum PlansAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("plans", use: list).requires(.viewReform)
        api.post("plans", use: create).requires(.managePlans)
        api.get("plans", ":plan", use: get).requires(.viewReform)
        api.post("plans", ":plan", "sections", use: addSection).requires(.managePlans)
        api.post("plans", ":plan", "targets", use: addTarget).requires(.managePlans)
        api.on(.POST, "plans", ":plan", "targets", ":target", "entries", body: .collect(maxSize: "40mb"), use: addEntry)
            .requires(.managePlans)
        api.post("plans", ":plan", "issue", use: issue).requires(.managePlans)
    }

    // MARK: shapes (also what the audit trail keeps)

    struct Header: Content {
        var id: UUID?
        var unitCode: String
        var year: Int
        var title: String
        var number: String
        var issuedOn: String?
        var signerName: String
        var signerTitle: String
        var provinceNumber: String
        var provinceDate: String?
        var provinceTitle: String
        var status: String
        var note: String
        init(_ p: PlanRecord, unitCode: String) {
            id = p.id
            self.unitCode = unitCode
            year = p.year
            title = p.title
            number = p.number
            issuedOn = p.issuedOn
            signerName = p.signerName
            signerTitle = p.signerTitle
            provinceNumber = p.provinceNumber
            provinceDate = p.provinceDate
            provinceTitle = p.provinceTitle
            status = p.status.rawValue
            note = p.note
        }
    }
    struct Section: Content {
        var id: UUID?
        var areaCode: String
        var areaName: String
        var position: Int
        var content: String
        init(_ s: PlanSectionRecord) {
            id = s.id
            areaCode = s.areaCode
            areaName = s.areaName
            position = s.position
            content = s.content
        }
    }
    struct TargetSnapshot: Content {
        var id: UUID?
        var sectionID: UUID
        var measure: String
        var unitOfMeasure: String
        var goal: Double
        var direction: String
        var due: String
        var binding: String
        init(_ t: PlanTargetRecord) {
            id = t.id
            sectionID = t.$section.id
            measure = t.measure
            unitOfMeasure = t.unitOfMeasure
            goal = t.goal
            direction = t.direction.rawValue
            due = t.dueOn
            binding = t.binding
        }
    }
    struct Entry: Content {
        var id: UUID?
        var value: Double
        var asOf: String
        var evidence: [TaskEvidence]
        var note: String
        var enteredBy: String
        init(_ e: TargetEntryRecord, enteredBy: String) throws {
            id = e.id
            value = e.value
            asOf = e.asOf
            evidence = try e.evidenceItems()
            note = e.note
            self.enteredBy = enteredBy
        }
    }
    struct Target: Content {
        var target: TargetSnapshot
        var current: Double?
        var numerator: Int?
        var denominator: Int?
        var figureLink: String?
        var periodFrom: String
        var periodTo: String
        var status: String
        var latestEntry: Entry?
        init(_ l: PlanQueries.TargetLine) throws {
            target = TargetSnapshot(l.target)
            current = l.current
            numerator = l.figure?.numerator
            denominator = l.figure?.denominator
            figureLink = l.figure?.link
            periodFrom = l.from.description
            periodTo = l.to.description
            status = l.status.rawValue
            latestEntry = try l.latest.map { try Entry($0.entry, enteredBy: $0.entry.enteredBy.displayName) }
        }
    }
    struct TaskLine: Content {
        var id: UUID
        var number: Int
        var title: String
        var lead: String
        var deadline: String
        var state: String
        var progress: Int
    }
    struct Figures: Content {
        var assigned: Int
        var completed: Int
        var onSchedule: Int
        var due: Int
        var overdue: Int
        var atRisk: Int
        var completionRate: Double?
        var onScheduleRate: Double?
        init(_ f: TaskFigures) {
            assigned = f.assigned
            completed = f.completed
            onSchedule = f.onSchedule
            due = f.due
            overdue = f.overdue
            atRisk = f.atRisk
            completionRate = f.completionRate
            onScheduleRate = f.onScheduleRate
        }
    }
    struct Plan: Content {
        var plan: Header
        var sections: [Section]
        var targets: [Target]
        var taskFigures: Figures
        var tasks: [TaskLine]
    }

    static func plan(_ s: PlanQueries.Sheet) throws -> Plan {
        Plan(
            plan: Header(s.plan, unitCode: s.plan.unit.code), sections: s.sections.map(Section.init),
            targets: try s.targets.map(Target.init),
            taskFigures: Figures(s.taskFigures),
            tasks: try s.tasks.map { st in
                TaskLine(
                    id: try st.record.requireID(), number: st.record.number, title: st.record.title,
                    lead: st.record.lead.displayName,
                    deadline: st.record.deadline, state: st.record.state.rawValue, progress: st.record.progress)
            })
    }

    /// Text or a JSON number, so a goal or a year given either way reaches the same checks.
    struct Loose: Codable, Sendable {
        var text: String
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Double.self) {
                text = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
            } else {
                text = try c.decode(String.self)
            }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(text)
        }
    }

    // MARK: handlers

    @Sendable static func list(req: Request) async throws -> [Header] {
        let user = try req.require(.viewReform)
        var units = try await UnitQueries.visible(to: user, on: req.db)
        if let code = req.query[String.self, at: "unit"], !code.isEmpty { units = units.filter { $0.code == code } }
        var plans = try await PlanQueries.plans(unitIDs: units.compactMap(\.id), on: req.db)
        if let year = req.query[Int.self, at: "year"] { plans = plans.filter { $0.year == year } }
        return plans.map { Header($0, unitCode: $0.unit.code) }
    }

    static func detail(_ plan: PlanRecord, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let fresh = try await PlanQueries.find(plan.id, on: req.db)
        let body = try Self.plan(
            try await PlanQueries.sheet(
                fresh, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now, utcOffset: req.config.utcOffset,
                on: req.db))
        return try await body.encodeResponse(status: status, for: req)
    }

    @Sendable static func get(req: Request) async throws -> Response {
        try await detail(try await PlansController.plan(req, .viewReform), req)
    }

    struct CreateBody: Content {
        var year: Loose?
        var title: String?
        var number: String?
        var issuedOn: String?
        var signerName: String?
        var signerTitle: String?
        var provinceNumber: String?
        var provinceDate: String?
        var provinceTitle: String?
        var note: String?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try await PlansController.ownUnit(req)
        let b = try req.content.decode(CreateBody.self)
        var i = PlanService.PlanInput()
        i.year = b.year?.text
        i.title = b.title
        i.number = b.number
        i.issuedOn = b.issuedOn
        i.signerName = b.signerName
        i.signerTitle = b.signerTitle
        i.provinceNumber = b.provinceNumber
        i.provinceDate = b.provinceDate
        i.provinceTitle = b.provinceTitle
        i.note = b.note
        let plan = try await PlanService.create(
            i, unit: unit, by: try req.require(.managePlans), actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try await detail(plan, req, status: .created)
    }

    @Sendable static func addSection(req: Request) async throws -> Response {
        let plan = try await PlansController.plan(req, .managePlans)
        let s = try await PlanContentService.addSection(
            try req.content.decode(PlanContentService.SectionInput.self), to: plan, actor: req.auditActor,
            now: req.now, on: req.db)
        return try await Section(s).encodeResponse(status: .created, for: req)
    }

    struct TargetBody: Content {
        var sectionID: String?
        var measure: String?
        var unitOfMeasure: String?
        var goal: Loose?
        var direction: String?
        var due: String?
        var binding: String?
    }

    @Sendable static func addTarget(req: Request) async throws -> Response {
        let plan = try await PlansController.plan(req, .managePlans)
        let b = try req.content.decode(TargetBody.self)
        var i = PlanContentService.TargetInput()
        i.section = b.sectionID
        i.measure = b.measure
        i.unitOfMeasure = b.unitOfMeasure
        i.goal = b.goal?.text
        i.direction = b.direction
        i.due = b.due
        i.binding = b.binding
        let t = try await PlanContentService.addTarget(i, to: plan, actor: req.auditActor, now: req.now, on: req.db)
        let today = CatalogPublicController.today(req)
        let sections = try await PlanSectionRecord.query(on: req.db).filter(\.$plan.$id == plan.requireID()).all()
        let line = try await PlanQueries.line(
            t, plan: plan, sections: sections, today: today, onlinePaymentOffered: req.onlinePaymentOffered,
            now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await Target(line).encodeResponse(status: .created, for: req)
    }

    struct EntryBody: Content {
        var value: Loose?
        var asOf: String?
        var docNumber: String?
        var docDate: String?
        var link: String?
        var note: String?
        var file: FileBody?
        struct FileBody: Content {
            var filename: String?
            var contentBase64: String?
        }
    }

    @Sendable static func addEntry(req: Request) async throws -> Response {
        let plan = try await PlansController.plan(req, .managePlans)
        let user = try req.require(.managePlans)
        guard let id = req.parameters.get("target").flatMap(UUID.init(uuidString:)),
            let target = try await PlanTargetRecord.query(on: req.db).filter(\.$id == id).filter(
                \.$plan.$id == plan.requireID()
            ).first()
        else { throw AppError.notFound }
        let b = try req.content.decode(EntryBody.self)
        var upload: PlanContentService.Upload?
        if let f = b.file {
            guard let data = Data(base64Encoded: f.contentBase64 ?? "") else {
                throw AppError.invalid(
                    field: "file", vi: "Tệp phải được mã hóa base64.", en: "The file must be base64-encoded.")
            }
            upload = .init(bytes: Array(data), filename: f.filename ?? "minh-chung")
        }
        var i = PlanContentService.EntryInput()
        i.value = b.value?.text
        i.asOf = b.asOf
        i.docNumber = b.docNumber
        i.docDate = b.docDate
        i.link = b.link
        i.note = b.note
        let e = try await PlanContentService.addEntry(
            i, file: upload, to: target, by: user, actor: req.auditActor, files: req.files, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return try await Entry(e, enteredBy: user.displayName).encodeResponse(status: .created, for: req)
    }

    @Sendable static func issue(req: Request) async throws -> Response {
        let plan = try await PlansController.plan(req, .managePlans)
        let issued = try await PlanService.issue(
            plan, try req.content.decode(PlanService.IssueInput.self), actor: req.auditActor, now: req.now, on: req.db)
        return try await detail(issued, req)
    }
}
