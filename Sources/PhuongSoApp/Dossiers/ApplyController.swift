import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// Applying online, one thing per page: the procedure, who applies, the documents, a
/// check-your-answers page, then a confirmation with the dossier code. The answers wait in the
/// server-side session between pages.
enum ApplyController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(ApplyPaths.start.pathComponents, use: start).requires(.applyOnline)
        routes.get(ApplyPaths.routeProcedure, use: applicantPage).requires(.applyOnline)
        routes.post(ApplyPaths.routeProcedure + ["applicant"], use: saveApplicant).requires(.applyOnline)
        routes.get(ApplyPaths.routeProcedure + ["documents"], use: documentsPage).requires(.applyOnline)
        routes.upload(ApplyPaths.routeProcedure + ["documents"], max: "60mb", use: saveDocuments).requires(.applyOnline)
        routes.get(ApplyPaths.routeProcedure + ["check"], use: checkPage).requires(.applyOnline)
        routes.post(ApplyPaths.routeProcedure + ["submit"], use: submit).requires(.applyOnline)
        routes.get(ApplyPaths.mine.pathComponents, use: mine).requires(.applyOnline)
    }

    struct Draft: Codable {
        var procedure: String
        var applicant: Applicant?
        var attachments: [Attachment] = []
        /// The conditional cases the applicant says apply (optional: drafts saved before it read).
        var cases: [String]?
    }

    static func draft(_ req: Request, _ code: String) -> Draft {
        guard let raw = req.session.data["draft"], let d = try? JSONDecoder().decode(Draft.self, from: Data(raw.utf8)),
            d.procedure == code
        else { return Draft(procedure: code) }
        return d
    }

    static func save(_ req: Request, _ d: Draft) throws {
        req.session.data["draft"] = String(decoding: try JSONEncoder().encode(d), as: UTF8.self)
    }

    /// Why a procedure in force cannot be applied for online, if it cannot.
    enum Unavailable {
        /// The unit does not offer it online (online level neither toàn trình nor một phần).
        case notOffered
        /// Offered online, but the catalogue still lacks what intake needs (its parts named).
        case beingUpdated([String])

        var vi: String {
            switch self {
            case .notOffered:
                return "Đơn vị chưa cung cấp thủ tục này trực tuyến; vui lòng nộp hồ sơ tại Bộ phận Một cửa."
            case .beingUpdated:
                return
                    """
                    Thông tin thủ tục đang được cập nhật (thành phần hồ sơ, thời hạn hoặc phí chưa đủ theo văn bản \
                    công bố); tạm thời chưa nhận hồ sơ trực tuyến.
                    """
            }
        }

        var en: String {
            switch self {
            case .notOffered:
                return "The unit does not offer this procedure online; please apply at the one-stop counter."
            case .beingUpdated:
                return
                    """
                    The procedure's information is being updated (documents, time limit or fee not yet published in \
                    full); it cannot take online applications yet.
                    """
            }
        }
    }

    static func unavailability(online: Bool, complete: Bool, missing: [String] = []) -> Unavailable? {
        if !online { return .notOffered }
        if !complete { return .beingUpdated(missing) }
        return nil
    }

    /// The procedure named in the path, if it takes online applications.
    static func procedure(_ req: Request) async throws -> (ProcedureRecord, Procedure, UnitRecord) {
        let (record, p) = try await inForce(req)
        if let why = unavailability(online: p.onlineLevel != .none, complete: p.isComplete, missing: p.missingParts) {
            throw AppError.invalid(field: nil, vi: why.vi, en: why.en)
        }
        return (record, p, record.unit)
    }

    static func inForce(_ req: Request) async throws -> (ProcedureRecord, Procedure) {
        let record = try await CatalogQueries.find(
            code: req.parameters.get("procedure") ?? "", unitCode: req.query[String.self, at: "unit"], on: req.db)
        guard !record.retired,
            let v = try await CatalogQueries.version(
                of: record, inForceOn: CatalogPublicController.today(req), on: req.db)
        else { throw AppError.notFound }
        return (record, try v.procedureContent)
    }

    /// Every procedure offered online, and — when searching — those found that cannot be applied
    /// for online, each with the reason.
    @Sendable static func start(req: Request) async throws -> Response {
        let q = req.query[String.self, at: "q"] ?? ""
        let found = try await CatalogQueries.search(q, field: nil, unitID: nil, limit: 200, on: req.reads).listings
        let open = found.filter { unavailability(online: $0.online, complete: $0.complete) == nil }
        let closed = found.compactMap { l in unavailability(online: l.online, complete: l.complete).map { (l, $0) } }
        return ApplyViews.start(
            PageContext.of(req), query: q, procedures: open,
            unavailable: q.isEmpty ? closed.filter { $0.0.online } : closed
        ).response()
    }

    struct ApplicantForm: Content {
        var kind: String?
        var name: String?
        var idNumber: String?
        var address: String?
        var phone: String?
        var email: String?
        var represented: String?
        /// The notification channel the applicant consents to ("email", "sms"), or none.
        var notifyBy: String?
    }

    @Sendable static func applicantPage(req: Request) async throws -> Response {
        let (record, p) = try await inForce(req)
        if let why = unavailability(online: p.onlineLevel != .none, complete: p.isComplete, missing: p.missingParts) {
            return ApplyViews.unavailable(PageContext.of(req), code: record.code, procedure: p, reason: why).response()
        }
        let d = draft(req, record.code)
        let user = try req.require(.applyOnline)
        let a = d.applicant ?? Applicant(name: user.displayName, idNumber: "")
        return ApplyViews.applicant(
            PageContext.of(req), code: record.code, procedure: p, applicant: a, problems: ValidationProblems()
        ).response()
    }

    @Sendable static func saveApplicant(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        let f = try req.content.decode(ApplicantForm.self)
        let raw = Applicant(
            kind: Applicant.Kind(rawValue: f.kind ?? "") ?? .person, name: f.name ?? "", idNumber: f.idNumber ?? "",
            address: f.address ?? "", phone: f.phone ?? "", email: f.email ?? "", represented: f.represented ?? "",
            notifyBy: ConsentField.channel(f.notifyBy))
        let (a, problems) = raw.validated()
        guard problems.isEmpty else {
            var v = ValidationProblems()
            for pr in problems { v.add(pr.field, pr.vi, pr.en) }
            return ApplyViews.applicant(
                PageContext.of(req), code: record.code, procedure: p, applicant: raw, problems: v
            ).response(status: .unprocessableEntity)
        }
        var d = draft(req, record.code)
        d.applicant = a
        try save(req, d)
        return req.redirect(to: Language.of(req).link(ApplyPaths.documents(record.code)))
    }

    @Sendable static func documentsPage(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        let d = draft(req, record.code)
        return ApplyViews.documents(
            PageContext.of(req), code: record.code, procedure: p, draft: d, problems: ValidationProblems(),
            stored: try await reusable(req, d)
        ).response()
    }

    /// Stored documents the applicant of the draft may reuse: the account must be linked to the
    /// applicant's ID number (see `CitizenStore.owners`).
    static func reusable(_ req: Request, _ d: Draft) async throws -> [StoredDocumentRecord] {
        let user = try req.require(.applyOnline)
        guard let id = d.applicant?.idNumber, try await CitizenStore.owners(of: user.id, on: req.db).contains(id) else {
            return []
        }
        return try await CitizenStore.valid(
            owner: id, today: CatalogPublicController.today(req).description, on: req.db)
    }

    struct CasesForm: Content { var cases: [Int]? }

    @Sendable static func saveDocuments(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        var d = draft(req, record.code)
        let store = req.files
        var problems = ValidationProblems()
        let reusable = try await reusable(req, d)
        let allCases = p.components.cases
        d.cases =
            try req.content.decode(CasesForm.self).cases?.filter { allCases.indices.contains($0) }.map { allCases[$0] }
            ?? []
        for (i, component) in p.components.enumerated() {
            if let choice = try? req.content.get(String.self, at: "reuse\(i)"), !choice.isEmpty {
                guard let doc = reusable.first(where: { $0.id?.uuidString == choice && $0.name == component.name })
                else {
                    problems.add(
                        "file\(i)", "Giấy tờ đã chọn không có trong kho dữ liệu của bạn.",
                        "The chosen document is not in your data store.")
                    continue
                }
                d.attachments.removeAll { $0.component == component.name }
                d.attachments.append(Attachment(component: component.name, file: try doc.file, storedDocument: doc.id))
                continue
            }
            guard let file = try? req.content.get(File.self, at: "file\(i)"), file.data.readableBytes > 0 else {
                continue
            }
            do {
                let stored = try await store.store(Array(file.data.readableBytesView), originalName: file.filename)
                d.attachments.removeAll { $0.component == component.name }
                d.attachments.append(Attachment(component: component.name, file: stored))
            } catch let e as FileStore.Problem {
                problems.add("file\(i)", e.vi, e.en)
            }
        }
        try save(req, d)
        guard problems.isEmpty else {
            return ApplyViews.documents(
                PageContext.of(req), code: record.code, procedure: p, draft: d, problems: problems, stored: reusable
            ).response(status: .unprocessableEntity)
        }
        return req.redirect(to: Language.of(req).link(ApplyPaths.check(record.code)))
    }

    @Sendable static func checkPage(req: Request) async throws -> Response {
        let (record, p, _) = try await procedure(req)
        return ApplyViews.check(
            PageContext.of(req), code: record.code, procedure: p, draft: draft(req, record.code),
            problems: ValidationProblems()
        ).response()
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let user = try req.require(.applyOnline)
        let (record, p, unit) = try await procedure(req)
        let d = draft(req, record.code)
        guard let applicant = d.applicant else {
            return req.redirect(to: Language.of(req).link(ApplyPaths.procedure(record.code)))
        }
        let cases = Set(d.cases ?? [])
        // Files of a case the applicant no longer says applies are not sent.
        let listed = Set(p.components.applying(cases: cases).map(\.name))
        do {
            let dossier = try await OnlineIntake.submit(
                procedure: record, unit: unit, citizen: user, applicant: applicant,
                attachments: d.attachments.filter { listed.contains($0.component) }, cases: cases,
                actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            req.session.data["draft"] = nil
            return ApplyViews.confirmation(PageContext.of(req), dossier: dossier, procedure: p).response()
        } catch let problems as ValidationProblems {
            return ApplyViews.check(PageContext.of(req), code: record.code, procedure: p, draft: d, problems: problems)
                .response(status: .unprocessableEntity)
        }
    }

    @Sendable static func mine(req: Request) async throws -> Response {
        let user = try req.require(.applyOnline)
        let dossiers = try await DossierRecord.query(on: req.db).filter(\.$citizenID == user.id).with(\.$procedure)
            .sort(\.$createdAtSeconds, .descending).all()
        return ApplyViews.mine(PageContext.of(req), dossiers: dossiers, utcOffset: req.config.utcOffset).response()
    }
}
