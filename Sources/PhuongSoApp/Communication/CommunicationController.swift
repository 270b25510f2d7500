import Fluent
import PhuongSoCore
import Vapor

/// The communication and thematic-conference log: the year's activities by quarter with their
/// counts, the form to log one (with an evidence file), and the file itself.
enum CommunicationController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(CommunicationPaths.list.pathComponents, use: list).requires(.viewReform)
        routes.upload(CommunicationPaths.list.pathComponents, max: "25mb", use: create).requires(.logCommunication)
        routes.get(CommunicationPaths.routeFile, use: file).requires(.viewReform)
        CommunicationAPI.register(api)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        try await page(
            req, year: InspectionsController.year(req), input: nil, problems: ValidationProblems(), status: .ok)
    }

    static func page(
        _ req: Request, year: Int, input: CommunicationService.Input?, problems: ValidationProblems,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let (unit, choices) = try await InspectionsController.unitInView(req, .viewReform)
        let user = try req.require(.viewReform)
        let unitID = try unit.requireID()
        let counts = try await CommunicationQueries.countByQuarter(unitID: unitID, year: year, on: req.db)
        let activities = try await CommunicationQueries.activities(unitID: unitID, year: year, on: req.db)
        var files: [UUID: FileStore.Stored] = [:]
        for a in activities { if let id = a.id, let f = try a.file { files[id] = f } }
        let canLog = AccessPolicy.allows(user.role, .logCommunication) && user.unitID == unit.id
        var form = input ?? CommunicationService.Input()
        if input == nil { form.date = InspectionsController.today(req).description }
        return CommunicationViews.page(
            PageContext.of(req), unit: unit, choices: choices, year: year, today: InspectionsController.today(req),
            counts: counts, activities: activities, files: files, canLog: canLog, form: form, problems: problems
        ).response(status: status)
    }

    struct Form: Content {
        var date: String?
        var form: String?
        var title: String?
        var audience: String?
        var participants: String?
        var content: String?
        var documentNumber: String?
        var documentDate: String?
        var link: String?
        var linkLabel: String?
        var file: File?
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.require(.logCommunication)
        let unit = try await InspectionsController.homeUnit(req, .logCommunication)
        let f = try req.content.decode(Form.self)
        var input = CommunicationService.Input()
        input.date = f.date ?? ""
        input.form = f.form ?? ""
        input.title = f.title ?? ""
        input.audience = f.audience ?? ""
        input.participants = f.participants ?? ""
        input.content = f.content ?? ""
        input.documentNumber = f.documentNumber ?? ""
        input.documentDate = f.documentDate ?? ""
        input.link = f.link ?? ""
        input.linkLabel = f.linkLabel ?? ""
        let store = req.files
        let upload = f.file.flatMap {
            $0.data.readableBytes > 0
                ? CommunicationService.Upload(bytes: Array($0.data.readableBytesView), name: $0.filename, store: store)
                : nil
        }
        do {
            let r = try await CommunicationService.create(
                input, file: upload, unit: unit, by: user,
                today: InspectionsController.today(req), actor: req.auditActor, now: req.now, on: req.db)
            let year = InspectionService.day(r.date)?.year ?? InspectionsController.year(req)
            return req.redirect(
                to: Language.of(req).link(CommunicationPaths.list(year: year))
                    + "#q\(CommunicationQueries.quarter(of: r.date))")
        } catch let problems as ValidationProblems {
            let year = InspectionService.day(input.date)?.year ?? InspectionsController.year(req)
            return try await page(req, year: year, input: input, problems: problems, status: .unprocessableEntity)
        }
    }

    /// An activity's evidence file, for those who may read the unit's log.
    @Sendable static func file(req: Request) async throws -> Response {
        guard let id = req.parameters.get("activity").flatMap(UUID.init(uuidString:)),
            let r = try await CommunicationRecord.find(id, on: req.db)
        else { throw AppError.notFound }
        try await req.require(.viewReform, unit: r.$unit.id)
        guard let stored = try r.file else { throw AppError.notFound }
        return try await ResultsController.send(stored, name: "minh-chung-\(r.date)", req)
    }
}
