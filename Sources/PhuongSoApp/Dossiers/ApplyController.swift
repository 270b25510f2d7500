import Fluent
import Foundation
import Plot
import PhuongSoCore
import Vapor

/// Applying online, one thing per page: the procedure, who applies, the documents, a
/// check-your-answers page, then a confirmation with the dossier code. The answers wait in the
/// server-side session between pages.
enum ApplyController {
    static func register(_ routes: RoutesBuilder) {
        routes.get("apply", use: start).requires(.applyOnline)
        routes.get("apply", ":procedure", use: applicantPage).requires(.applyOnline)
        routes.post("apply", ":procedure", "applicant", use: saveApplicant).requires(.applyOnline)
        routes.get("apply", ":procedure", "documents", use: documentsPage).requires(.applyOnline)
        routes.upload("apply", ":procedure", "documents", max: "60mb", use: saveDocuments).requires(.applyOnline)
        routes.get("apply", ":procedure", "check", use: checkPage).requires(.applyOnline)
        routes.post("apply", ":procedure", "submit", use: submit).requires(.applyOnline)
        routes.get("my", "dossiers", use: mine).requires(.applyOnline)
    }

    struct Draft: Codable {
        var procedure: String
        var applicant: Applicant?
        var attachments: [Attachment] = []
    }

    static func draft(_ req: Request, _ code: String) -> Draft {
        guard let raw = req.session.data["draft"], let d = try? JSONDecoder().decode(Draft.self, from: Data(raw.utf8)), d.procedure == code
        else { return Draft(procedure: code) }
        return d
    }

    static func save(_ req: Request, _ d: Draft) throws {
        req.session.data["draft"] = String(decoding: try JSONEncoder().encode(d), as: UTF8.self)
    }

    /// The procedure named in the path, if it takes online applications.
    static func procedure(_ req: Request) async throws -> (ProcedureRecord, Procedure, UnitRecord) {
        let record = try await CatalogQueries.find(code: req.parameters.get("procedure") ?? "", unitCode: req.query[String.self, at: "unit"], on: req.db)
        guard !record.retired, let v = try await CatalogQueries.version(of: record, inForceOn: CatalogPublicController.today(req), on: req.db) else { throw AppError.notFound }
        let p = try v.procedureContent
        guard p.isComplete, p.onlineLevel != .none else {
            throw AppError.invalid(field: nil, vi: "Thủ tục này chưa nhận hồ sơ trực tuyến; vui lòng nộp tại Bộ phận Một cửa.",
                                   en: "This procedure does not take online applications; please apply at the one-stop counter.")
        }
        return (record, p, record.unit)
    }

    @Sendable static func start(req: Request) async throws -> Response {
        let q = req.query[String.self, at: "q"] ?? ""
        let online = try await CatalogQueries.search(q, field: nil, unitID: nil, onlineOnly: true, limit: 50, on: req.db).listings
        return ApplyViews.start(PageContext.of(req), query: q, procedures: online).response()
    }

    struct ApplicantForm: Content { var kind: String?; var name: String?; var idNumber: String?; var address: String?; var phone: String?; var email: String?; var represented: String? }

    @Sendable static func applicantPage(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        let d = draft(req, record.code)
        let user = try req.require(.applyOnline)
        let a = d.applicant ?? Applicant(name: user.displayName, idNumber: "")
        return ApplyViews.applicant(PageContext.of(req), code: record.code, procedure: p, applicant: a, problems: ValidationProblems()).response()
    }

    @Sendable static func saveApplicant(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        let f = try req.content.decode(ApplicantForm.self)
        let raw = Applicant(kind: Applicant.Kind(rawValue: f.kind ?? "") ?? .person, name: f.name ?? "", idNumber: f.idNumber ?? "",
                            address: f.address ?? "", phone: f.phone ?? "", email: f.email ?? "", represented: f.represented ?? "")
        let (a, problems) = raw.validated()
        guard problems.isEmpty else {
            var v = ValidationProblems()
            for pr in problems { v.add(pr.field, pr.vi, pr.en) }
            return ApplyViews.applicant(PageContext.of(req), code: record.code, procedure: p, applicant: raw, problems: v).response(status: .unprocessableEntity)
        }
        var d = draft(req, record.code)
        d.applicant = a
        try save(req, d)
        return req.redirect(to: Language.of(req).link("/apply/\(record.code)/documents"))
    }

    @Sendable static func documentsPage(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        let d = draft(req, record.code)
        return ApplyViews.documents(PageContext.of(req), code: record.code, procedure: p, draft: d, problems: ValidationProblems(),
                                    stored: try await reusable(req, d)).response()
    }

    /// Stored documents the applicant of the draft may reuse: the account must be linked to the
    /// applicant's ID number (see `CitizenStore.owners`).
    static func reusable(_ req: Request, _ d: Draft) async throws -> [StoredDocumentRecord] {
        let user = try req.require(.applyOnline)
        guard let id = d.applicant?.idNumber, try await CitizenStore.owners(of: user.id, on: req.db).contains(id) else { return [] }
        return try await CitizenStore.valid(owner: id, today: CatalogPublicController.today(req).description, on: req.db)
    }

    struct DocumentsForm: Content { var files: [File]? }

    @Sendable static func saveDocuments(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        var d = draft(req, record.code)
        let store = FileStore(dataDirectory: req.config.dataDirectory, maxBytes: req.config.maxUploadBytes)
        var problems = ValidationProblems()
        let reusable = try await reusable(req, d)
        for (i, component) in p.components.enumerated() {
            if let choice = try? req.content.get(String.self, at: "reuse\(i)"), !choice.isEmpty {
                guard let doc = reusable.first(where: { $0.id?.uuidString == choice && $0.name == component.name }) else {
                    problems.add("file\(i)", "Giấy tờ đã chọn không có trong kho dữ liệu của bạn.", "The chosen document is not in your data store.")
                    continue
                }
                d.attachments.removeAll { $0.component == component.name }
                d.attachments.append(Attachment(component: component.name, file: try doc.file, storedDocument: doc.id))
                continue
            }
            guard let file = try? req.content.get(File.self, at: "file\(i)"), file.data.readableBytes > 0 else { continue }
            do {
                let stored = try store.store(Array(file.data.readableBytesView), originalName: file.filename)
                d.attachments.removeAll { $0.component == component.name }
                d.attachments.append(Attachment(component: component.name, file: stored))
            } catch let e as FileStore.Problem {
                problems.add("file\(i)", e.vi, e.en)
            }
        }
        try save(req, d)
        guard problems.isEmpty else {
            return ApplyViews.documents(PageContext.of(req), code: record.code, procedure: p, draft: d, problems: problems, stored: reusable).response(status: .unprocessableEntity)
        }
        return req.redirect(to: Language.of(req).link("/apply/\(record.code)/check"))
    }

    @Sendable static func checkPage(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        return ApplyViews.check(PageContext.of(req), code: record.code, procedure: p, draft: draft(req, record.code), problems: ValidationProblems()).response()
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let user = try req.require(.applyOnline)
        let (record, p, unit) = try await procedure(req)
        let d = draft(req, record.code)
        guard let applicant = d.applicant else { return req.redirect(to: Language.of(req).link("/apply/\(record.code)")) }
        do {
            let dossier = try await OnlineIntake.submit(procedure: record, unit: unit, citizen: user, applicant: applicant, attachments: d.attachments,
                                                        actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            req.session.data["draft"] = nil
            return ApplyViews.confirmation(PageContext.of(req), dossier: dossier, procedure: p).response()
        } catch let problems as ValidationProblems {
            return ApplyViews.check(PageContext.of(req), code: record.code, procedure: p, draft: d, problems: problems).response(status: .unprocessableEntity)
        }
    }

    @Sendable static func mine(req: Request) async throws -> Response {
        let user = try req.require(.applyOnline)
        let dossiers = try await DossierRecord.query(on: req.db).filter(\.$citizenID == user.id).with(\.$procedure).sort(\.$createdAtSeconds, .descending).all()
        return ApplyViews.mine(PageContext.of(req), dossiers: dossiers, utcOffset: req.config.utcOffset).response()
    }
}
