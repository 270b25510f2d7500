import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The one-stop counter: the queue, choosing a procedure, the intake form, the dossier and its slip.
enum CounterController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(DossierPaths.counter.pathComponents, use: queue).requires(.receiveDossiers)
        routes.get(DossierPaths.routeNewDossier, use: form).requires(.receiveDossiers)
        routes.post(DossierPaths.routeNewDossier, use: submit).requires(.receiveDossiers)
        routes.get(DossierPaths.routeDossier, use: show).requires(.viewDossiers)
        routes.get(DossierPaths.routeDossier + ["slip"], use: slip).requires(.viewDossiers)
        routes.post(DossierPaths.routeDossier + ["decide"], use: decide).requires(.receiveDossiers)
        routes.get(DossierPaths.register.pathComponents, use: register).requires(.viewDossiers)
    }

    /// The user's unit; a system administrator (who has none) sees the one named by `unit`, or
    /// the first ward.
    static func myUnit(_ req: Request) async throws -> UnitRecord {
        let user = try req.require(.viewDossiers)
        if let id = user.unitID, let unit = try await UnitRecord.find(id, on: req.db) { return unit }
        guard user.role == .admin else { throw AppError.forbidden }
        if let code = req.query[String.self, at: "unit"] { return try await UnitQueries.find(code: code, on: req.db) }
        guard
            let ward = try await UnitRecord.query(on: req.db).filter(\.$kind ~~ [.ward, .commune, .specialZone]).sort(
                \.$code
            ).first()
        else { throw AppError.notFound }
        return ward
    }

    @Sendable static func queue(req: Request) async throws -> Response {
        let unit = try await myUnit(req)
        let q = req.query[String.self, at: "q"] ?? ""
        let procedures =
            q.isEmpty
            ? []
            : try await CatalogQueries.search(q, field: nil, unitID: unit.requireID(), limit: 20, on: req.reads)
                .listings
        let recent = try await DossierRecord.query(on: req.db).filter(\.$unit.$id == unit.requireID()).with(
            \.$procedure
        )
        .sort(\.$createdAtSeconds, .descending).limit(50).all()
        let waiting = try await DossierRecord.query(on: req.db).filter(\.$unit.$id == unit.requireID()).filter(
            \.$state == .submittedOnline
        )
        .with(\.$procedure).sort(\.$createdAtSeconds).all()
        let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: req.config.utcOffset, on: req.db)
        let clocks = try waiting.map { try OnlineIntake.counterClock($0, now: req.now, calendar: calendar) }
        return CounterViews.queue(
            PageContext.of(req), unit: unit, query: q, procedures: procedures, waiting: Array(zip(waiting, clocks)),
            recent: recent, utcOffset: req.config.utcOffset
        ).response()
    }

    static func procedure(_ req: Request, unit: UnitRecord) async throws -> (ProcedureRecord, Procedure) {
        guard
            let r = try await ProcedureRecord.query(on: req.db).filter(\.$unit.$id == unit.requireID())
                .filter(\.$code == (req.parameters.get("procedure") ?? "")).first(),
            let v = try await CatalogQueries.version(of: r, inForceOn: CatalogPublicController.today(req), on: req.db)
        else { throw AppError.notFound }
        return (r, try v.procedureContent)
    }

    struct IntakeForm: Content {
        var kind: String?
        var name: String?
        var idNumber: String?
        var address: String?
        var phone: String?
        var email: String?
        var represented: String?
        /// The notification channel the applicant consents to ("email", "sms"), or none.
        var notifyBy: String?
        var submitted: [Int]?
        var cases: [Int]?
        var sets: Int?
        var decision: String?
        var note: String?
        var reuse: [String]?
        var populationChecked: String?
    }

    @Sendable static func form(req: Request) async throws -> Response {
        let unit = try await myUnit(req)
        let (record, p) = try await procedure(req, unit: unit)
        var f = IntakeForm(sets: 1, decision: "receive")
        var notice: String?
        var stored: [StoredDocumentRecord] = []
        if let lookup = req.query[String.self, at: "lookup"], !lookup.isEmpty {
            if let known = try await IntakeService.knownApplicant(
                idNumber: lookup, unitID: unit.requireID(), on: req.db)
            {
                f = IntakeForm(
                    kind: known.kind.rawValue, name: known.name, idNumber: known.idNumber, address: known.address,
                    phone: known.phone,
                    email: known.email, represented: "", sets: 1, decision: "receive")
                notice = PageContext.of(req).t(
                    "Đã điền thông tin từ hồ sơ trước của người nộp này; hãy kiểm tra lại.",
                    "Filled in from this applicant's earlier dossier; please check.")
                stored = try await CitizenStore.valid(
                    owner: known.idNumber, today: CatalogPublicController.today(req).description, on: req.db)
            } else {
                f.idNumber = lookup
                notice = PageContext.of(req).t(
                    "Chưa có hồ sơ nào với số định danh này.", "No earlier dossier with this ID number.")
            }
        }
        return CounterViews.intake(
            PageContext.of(req), unit: unit, record: record, procedure: p, form: f, problems: ValidationProblems(),
            notice: notice,
            stored: stored
        ).response()
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let user = try req.require(.receiveDossiers)
        let unit = try await myUnit(req)
        let (record, p) = try await procedure(req, unit: unit)
        let f = try req.content.decode(IntakeForm.self)
        var reused: [String: UUID] = [:]
        for value in f.reuse ?? [] {
            let parts = value.split(separator: ":", maxSplits: 1)
            if parts.count == 2, let i = Int(parts[0]), p.components.indices.contains(i),
                let id = UUID(uuidString: String(parts[1]))
            {
                reused[p.components[i].name] = id
            }
        }
        let ticked = Set((f.submitted ?? []).filter { p.components.indices.contains($0) }.map { p.components[$0].name })
            .union(reused.keys)
        let allCases = p.components.cases
        let cases = Set((f.cases ?? []).filter { allCases.indices.contains($0) }.map { allCases[$0] })
        let decision: IntakeDecision
        switch f.decision {
        case "supplement"?:
            decision = .requestSupplement(
                missing: p.components.missing(submitted: ticked, cases: cases), note: f.note ?? "")
        case "refuse"?: decision = .refuse(reason: f.note ?? "")
        default: decision = .receive
        }
        let applicant = Applicant(
            kind: Applicant.Kind(rawValue: f.kind ?? "") ?? .person, name: f.name ?? "", idNumber: f.idNumber ?? "",
            address: f.address ?? "", phone: f.phone ?? "", email: f.email ?? "", represented: f.represented ?? "",
            notifyBy: ConsentField.channel(f.notifyBy))
        do {
            let dossier = try await IntakeService.intake(
                .init(
                    applicant: applicant, submitted: ticked, cases: cases, sets: f.sets ?? 1, decision: decision,
                    reused: reused, populationChecked: f.populationChecked == "on"),
                procedure: record, unit: unit, clerk: user.username, actor: req.auditActor,
                now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(to: Language.of(req).link(DossierPaths.dossier(try dossier.requireID())))
        } catch let problems as ValidationProblems {
            let stored = try await CitizenStore.valid(
                owner: applicant.idNumber.filter(\.isNumber), today: CatalogPublicController.today(req).description,
                on: req.db)
            return CounterViews.intake(
                PageContext.of(req), unit: unit, record: record, procedure: p, form: f, problems: problems, notice: nil,
                stored: stored
            )
            .response(status: .unprocessableEntity)
        }
    }

    static func dossier(_ req: Request) async throws -> DossierRecord {
        guard let id = req.parameters.get("dossier", as: UUID.self),
            let d = try await DossierRecord.query(on: req.db).filter(\.$id == id).with(\.$unit).with(\.$procedure)
                .first()
        else { throw AppError.notFound }
        do { try await req.require(.viewDossiers, unit: d.$unit.id) } catch AppError.forbidden {
            // Staff of an agency the dossier was transferred to may open it while the transfer is open.
            let user = try req.require(.viewDossiers)
            guard let unitID = user.unitID,
                try await TransferRecord.query(on: req.db).filter(\.$dossier.$id == d.requireID())
                    .filter(\.$toUnit.$id == unitID).filter(\.$returnedAt == nil).first() != nil
            else { throw AppError.forbidden }
        }
        return d
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let d = try await dossier(req)
        let done = req.query[String.self, at: "done"].flatMap(ProcessPlan.Action.init(rawValue:))
        return try await DossierPage.render(req, d, notice: done.map { DossierPage.done($0, PageContext.of(req)) })
    }

    struct RegisterQuery: Content {
        var field: String?
        var from: String?
        var to: String?
        var bucket: String?
        /// The page of the list (1 the first); the count above it is of every page.
        var page: String?
    }

    /// Received dossiers of the unit per field and period: the register (sổ theo dõi, BM.06)
    /// as far as intake fills it; return columns stay empty until results are returned.
    @Sendable static func register(req: Request) async throws -> Response {
        let unit = try await ReportsController.unitInView(req)
        let q = try req.query.decode(RegisterQuery.self)
        let page = min(max(1, Int(q.page ?? "") ?? 1), 100_000)  // any page number typed, without overflow
        let size = DossierQueries.registerPageSize
        let rows = try await DossierQueries.register(
            unitID: unit.requireID(), field: q.field, from: q.from, to: q.to, bucket: q.bucket, now: req.now,
            utcOffset: req.config.utcOffset, limit: size, offset: (page - 1) * size, on: req.db)
        let total = try await DossierQueries.registerCount(
            unitID: unit.requireID(), field: q.field, from: q.from, to: q.to, bucket: q.bucket, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        let fields = try await CatalogQueries.fields(unitID: unit.requireID(), on: req.reads)
        return CounterViews.register(
            PageContext.of(req), unit: unit, query: q, fields: fields, rows: rows, total: total, page: page,
            utcOffset: req.config.utcOffset
        ).response()
    }

    struct DecideForm: Content {
        var decision: String?
        var note: String?
    }

    @Sendable static func decide(req: Request) async throws -> Response {
        let user = try req.require(.receiveDossiers)
        let d = try await dossier(req)
        let f = try req.content.decode(DecideForm.self)
        let decision: IntakeDecision
        switch f.decision {
        case "supplement"?: decision = .requestSupplement(missing: try OnlineIntake.missing(in: d), note: f.note ?? "")
        case "refuse"?: decision = .refuse(reason: f.note ?? "")
        default: decision = .receive
        }
        do {
            try await OnlineIntake.decide(
                d, decision: decision, clerk: user.username, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        } catch let problems as ValidationProblems {
            let events = try await DossierEventRecord.query(on: req.db).filter(\.$dossier.$id == d.requireID()).sort(
                \.$atSeconds
            ).all()
            let names = try await AccountQueries.displayNames(Set(events.map(\.actor)), on: req.db)
            return try CounterViews.dossier(
                PageContext.of(req), dossier: d, events: events, handoffs: [], user: user,
                utcOffset: req.config.utcOffset, problems: problems,
                names: names
            )
            .response(status: .unprocessableEntity)
        }
        return req.redirect(to: Language.of(req).link(DossierPaths.dossier(try d.requireID())))
    }

    @Sendable static func slip(req: Request) async throws -> Response {
        let d = try await dossier(req)
        let parent = try await d.unit.$parent.get(on: req.db)
        let receiver =
            try await UserRecord.query(on: req.db).filter(\.$username == d.createdBy).first()?.displayName
            ?? d.createdBy
        return try DossierForms.slip(
            d, parent: parent, receiver: receiver, utcOffset: req.config.utcOffset, publicURL: req.config.publicURL
        ).response()
    }
}
