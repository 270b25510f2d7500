import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Dossiers over JSON: counter intake, a dossier for staff, tracking for anyone with the secret.
enum DossierAPI {
    static func register(_ api: RoutesBuilder) {
        api.post("dossiers", use: intake).requires(.receiveDossiers)
        api.get("dossiers", ":dossier", use: show).requires(.viewDossiers)
        api.get("track", use: track)
        api.post("track", "rate", use: rate)
        api.on(.POST, "applications", body: .collect(maxSize: "80mb"), use: apply).requires(.applyOnline)
    }

    struct IntakeRequest: Content {
        var procedureCode: String?
        var applicant: Applicant?
        var submitted: [String]?
        /// The conditional cases that apply (their components become required), as the procedure names them.
        var cases: [String]?
        var sets: Int?
        var decision: String?
        var note: String?
    }

    struct DossierResponse: Content {
        var id: UUID
        var code: String?
        var secret: String
        var state: String
        var procedureCode: String
        var procedureVersion: Int
        var receivedAt: String?
        var dueAt: String?
        var note: String
        /// DOMAIN §6 flags for the 766 index (only on the one-dossier answer).
        var flags: Flags?
    }

    struct Flags: Content {
        var channel: String
        var populationChecked: Bool
        var paidOnline: Bool
        var electronicResult: Bool
        var componentsDigitized: Int
        var componentsReused: Int
        var components: [ComponentFlags]
        struct ComponentFlags: Content {
            var name: String
            var submitted: Bool
            var digitized: Bool
            var fromDataStore: Bool
            var scanPages: Int?
            var originalPages: Int?
        }
    }

    /// The facts as stored on the dossier when they happened (`DossierWriter`), and each component's.
    static func flags(_ d: DossierRecord) throws -> Flags {
        let online = d.channel == "online"
        let attached = Set(try d.attachments.map(\.component))
        return Flags(
            channel: d.channel, populationChecked: d.populationChecked, paidOnline: d.paidOnline,
            electronicResult: d.electronicResult, componentsDigitized: d.componentsDigitized,
            componentsReused: d.componentsReused,
            components: try d.components.map { c in
                .init(
                    name: c.name, submitted: c.submitted, digitized: c.digitized(online: online, attached: attached),
                    fromDataStore: c.reusedDocument != nil,
                    scanPages: c.scan?.pages, originalPages: c.scan?.originalPages)
            })
    }

    static func response(_ d: DossierRecord, procedureCode: String, utcOffset: Int) throws -> DossierResponse {
        DossierResponse(
            id: try d.requireID(), code: d.code, secret: d.secret, state: d.state.rawValue,
            procedureCode: procedureCode,
            procedureVersion: d.procedureVersion,
            receivedAt: d.receivedAt.map { LocalDateTime(Instant(seconds: $0), utcOffset: utcOffset).description },
            dueAt: d.dueAt.map { LocalDateTime(Instant(seconds: $0), utcOffset: utcOffset).description },
            note: d.decisionNote)
    }

    @Sendable static func intake(req: Request) async throws -> Response {
        let user = try req.require(.receiveDossiers)
        let body = try req.content.decode(IntakeRequest.self)
        guard let unitID = user.unitID, let unit = try await UnitRecord.find(unitID, on: req.db) else {
            throw AppError.forbidden
        }
        guard
            let record = try await ProcedureRecord.query(on: req.db).filter(\.$unit.$id == unitID).filter(
                \.$code == (body.procedureCode ?? "")
            ).first()
        else {
            throw AppError.invalid(
                field: "procedureCode", vi: "Không có thủ tục với mã này tại đơn vị.",
                en: "The unit has no procedure with this code.")
        }
        guard let applicant = body.applicant else {
            throw AppError.invalid(field: "applicant", vi: "Thiếu thông tin người nộp.", en: "applicant is required.")
        }
        let submitted = Set(body.submitted ?? [])
        let decision: IntakeDecision
        switch body.decision ?? "receive" {
        case "receive": decision = .receive
        case "supplement":
            let content = try await CatalogQueries.version(
                of: record, inForceOn: CatalogPublicController.today(req), on: req.db)?.procedureContent
            decision = .requestSupplement(
                missing: (content?.components.map(\.name) ?? []).filter { !submitted.contains($0) },
                note: body.note ?? "")
        case "refuse": decision = .refuse(reason: body.note ?? "")
        default:
            throw AppError.invalid(
                field: "decision", vi: "decision phải là receive, supplement hoặc refuse.",
                en: "decision must be receive, supplement or refuse.")
        }
        let d = try await IntakeService.intake(
            .init(
                applicant: applicant, submitted: submitted, cases: Set(body.cases ?? []), sets: body.sets ?? 1,
                decision: decision),
            procedure: record, unit: unit, clerk: user.username, actor: req.auditActor,
            now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await response(d, procedureCode: record.code, utcOffset: req.config.utcOffset).encodeResponse(
            status: .created, for: req)
    }

    @Sendable static func show(req: Request) async throws -> DossierResponse {
        let d = try await CounterController.dossier(req)
        var answer = try response(d, procedureCode: d.procedure.code, utcOffset: req.config.utcOffset)
        answer.flags = try flags(d)
        return answer
    }

    struct RateRequest: Content {
        var code: String?
        var secret: String?
        var level: String?
        var comment: String?
        var factors: [String: Int]?
    }

    @Sendable static func rate(req: Request) async throws -> HTTPStatus {
        let b = try req.content.decode(RateRequest.self)
        guard
            let d = try await TrackingController.lookup(
                code: b.code ?? "", secret: b.secret ?? "", address: req.auditActor.address, now: req.now, on: req.db)
        else {
            throw AppError.notFound
        }
        try await ProcessingService.rate(
            d, level: b.level ?? "", comment: b.comment ?? "", factors: b.factors ?? [:], now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return .created
    }

    struct ApplicationRequest: Content {
        struct File: Content {
            var component: String
            var filename: String?
            var contentBase64: String
        }
        var procedureCode: String?
        var applicant: Applicant?
        var attachments: [File]?
    }

    /// The online application in one call (what the guided pages do step by step).
    @Sendable static func apply(req: Request) async throws -> Response {
        let user = try req.require(.applyOnline)
        let b = try req.content.decode(ApplicationRequest.self)
        guard
            let record = try await ProcedureRecord.query(on: req.db).filter(\.$code == (b.procedureCode ?? "")).with(
                \.$unit
            ).first()
        else {
            throw AppError.invalid(
                field: "procedureCode", vi: "Không có thủ tục với mã này.", en: "No procedure has this code.")
        }
        guard let applicant = b.applicant else {
            throw AppError.invalid(field: "applicant", vi: "Thiếu thông tin người nộp.", en: "applicant is required.")
        }
        let store = req.files
        var problems = ValidationProblems()
        var attachments: [Attachment] = []
        for (i, f) in (b.attachments ?? []).enumerated() {
            guard let data = Data(base64Encoded: f.contentBase64) else {
                problems.add("attachments[\(i)]", "Nội dung tệp không phải base64.", "The content is not base64.")
                continue
            }
            do {
                attachments.append(
                    Attachment(
                        component: f.component,
                        file: try await store.store(Array(data), originalName: f.filename ?? "tep")))
            } catch let e as FileStore.Problem { problems.add("attachments[\(i)]", e.vi, e.en) }
        }
        try problems.throwIfAny()
        let d = try await OnlineIntake.submit(
            procedure: record, unit: record.unit, citizen: user, applicant: applicant, attachments: attachments,
            actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
        return try await response(d, procedureCode: record.code, utcOffset: req.config.utcOffset).encodeResponse(
            status: .created, for: req)
    }

    @Sendable static func track(req: Request) async throws -> TrackingController.Status {
        let q = try req.query.decode(TrackingController.Query.self)
        guard
            let d = try await TrackingController.find(
                code: q.code ?? "", secret: q.secret ?? "", address: req.auditActor.address, now: req.now,
                reads: req.reads, on: req.db)
        else {
            throw AppError.notFound
        }
        return try await TrackingController.status(
            d, lang: Language.of(req), utcOffset: req.config.utcOffset, on: req.reads)
    }
}
