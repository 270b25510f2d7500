import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// A ward's PAR Index pages: the year's hub, the assessment with every criterion, one criterion
/// with its forms, the phase steps, deductions and breakthrough tasks, and the province ranking.
enum ParAssessmentPages {
    static func register(_ routes: RoutesBuilder) {
        routes.get(ParPaths.home.pathComponents, use: home).requires(.viewReform)
        routes.post(ParPaths.home.pathComponents, use: start).requires(.runParAssessment)
        routes.get(ParPaths.ranking.pathComponents, use: ranking).requires(.viewReform)
        routes.get((ParPaths.home + "/mau-bo-tieu-chi.csv").pathComponents, use: sample).requires(.viewReform)
        routes.get(ParPaths.routeAssessment, use: show).requires(.viewReform)
        routes.post(ParPaths.routeAssessment + ["submit"], use: step(.submit)).requires(.runParAssessment)
        routes.post(ParPaths.routeAssessment + ["close-first"], use: step(.closeFirst)).requires(.appraisePar)
        routes.post(ParPaths.routeAssessment + ["send-replies"], use: step(.sendExplanations))
            .requires(.runParAssessment)
        routes.post(ParPaths.routeAssessment + ["publish"], use: step(.publish)).requires(.appraisePar)
        routes.post(ParPaths.routeAssessment + ["deductions"], use: addDeduction).requires(.runParAssessment)
        routes.post(ParPaths.routeAssessment + ["breakthroughs"], use: propose).requires(.selfAssessPar)
        routes.post(ParPaths.routeBreakthrough, use: decide).requires(.runParAssessment)
        routes.get(ParPaths.routeScore, use: score).requires(.viewReform)
        routes.upload(ParPaths.routeScore + ["self"], max: ByteCount(value: 25 * 1_048_576), use: selfScore)
            .requires(.selfAssessPar)
        routes.post(ParPaths.routeScore + ["assign"], use: assign).requires(.runParAssessment)
        routes.post(ParPaths.routeScore + ["appraise", ":round"], use: appraise).requires(.appraisePar)
        routes.post(ParPaths.routeScore + ["reply"], use: reply).requires(.selfAssessPar)
    }

    static func id(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name).flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return id
    }

    static func year(_ req: Request, fallback: Int) throws -> Int {
        try ReformReportsController.year(req, fallback: fallback)
    }

    // MARK: the year's hub

    @Sendable static func home(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        return try await renderHome(req, user: user, problems: ValidationProblems(), status: .ok)
    }

    static func renderHome(_ req: Request, user: CurrentUser, problems: ValidationProblems, status: HTTPResponseStatus)
        async throws -> Response
    {
        let province = try await ParFrameworkPages.province(of: user, on: req.db)
        let frameworks = try await ParFrameworkRecord.query(on: req.db).filter(\.$unit.$id == province.requireID())
            .sort(\.$year, .descending).all()
        let today = CatalogPublicController.today(req)
        let year = try year(req, fallback: frameworks.first?.year ?? today.year)
        let framework = frameworks.first { $0.year == year }
        var startRefusal: ParRefusal?
        if let framework {
            let schedule = try framework.schedule()
            do throws(ParRefusal) {
                try ParCycle.check(.selfScore, phase: .selfAssessment, today: today, schedule: schedule)
            } catch { startRefusal = error }
        }
        var model = ParHomeModel(
            province: province, year: year, years: frameworks.map(\.year), framework: framework,
            startRefusal: startRefusal, ward: nil,
            assessment: nil, mine: 0, wards: [])
        if user.role == .supervisor {
            let wards = try await UnitRecord.query(on: req.db).filter(\.$parent.$id == province.requireID())
                .filter(\.$kind ~~ [.ward, .commune, .specialZone]).sort(\.$name).all()
            var lines: [ParHomeModel.WardLine] = []
            for w in wards {
                let a = try await ParQueries.assessment(ward: w, year: year, on: req.db)
                lines.append(.init(ward: w, assessment: a))
            }
            model.wards = lines
        } else if let unitID = user.unitID, let ward = try await UnitRecord.find(unitID, on: req.db) {
            model.ward = ward
            if let a = try await ParQueries.assessment(ward: ward, year: year, on: req.db) {
                model.assessment = a
                model.mine = try await ParScoreRecord.query(on: req.db).filter(\.$assessment.$id == a.requireID())
                    .filter(\.$assignee.$id == user.id).count()
            }
        }
        return ParHomeView.page(PageContext.of(req), model, user: user, problems: problems).response(status: status)
    }

    struct StartForm: Content { var year: String? }

    @Sendable static func start(req: Request) async throws -> Response {
        let user = try req.require(.runParAssessment)
        let form = try req.content.decode(StartForm.self)
        guard let unitID = user.unitID, let ward = try await UnitRecord.find(unitID, on: req.db) else {
            throw AppError.forbidden
        }
        do {
            guard let year = Int(form.year ?? "") else {
                throw AppError.invalid(field: "year", vi: "Năm không hợp lệ.", en: "Invalid year.")
            }
            let a = try await ParService.start(
                ward: ward, year: year, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset,
                on: req.db)
            return req.redirect(to: Language.of(req).link(ParPaths.assessment(try a.requireID()) + "?done=start"))
        } catch let e as AppError {
            var p = ValidationProblems()
            switch e {
            case .invalid(_, let vi, let en), .conflict(let vi, let en): p.add("start", vi, en)
            default: throw e
            }
            return try await renderHome(req, user: user, problems: p, status: .unprocessableEntity)
        }
    }

    @Sendable static func sample(req: Request) async throws -> Response {
        _ = try req.require(.viewReform)
        let bytes = try DemoData.sampleFile(DemoPar.sampleFile)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "mau-bo-tieu-chi-chi-so-cchc.csv")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }

    // MARK: one assessment

    /// The assessment, with the reader's right to see it checked (their ward, or a ward below
    /// the supervisor's province).
    static func sheet(_ req: Request, _ id: UUID) async throws -> ParSheet {
        guard let a = try await ParAssessmentRecord.find(id, on: req.db) else { throw AppError.notFound }
        _ = try await req.require(.viewReform, unit: a.$unit.id)
        return try await ParSheet.build(
            id, live: true, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        return try await renderShow(req, user: user, id: try id(req, "assessment"), kept: ParKept(), status: .ok)
    }

    static func renderShow(_ req: Request, user: CurrentUser, id: UUID, kept: ParKept, status: HTTPResponseStatus)
        async throws -> Response
    {
        let s = try await sheet(req, id)
        var kept = kept
        if kept.notice == nil { kept.notice = notice(req.query[String.self, at: "done"], Language.of(req)) }
        let owners = try await TaskService.owners(of: try s.ward.requireID(), on: req.db)
        return ParAssessmentView.page(
            PageContext.of(req), s, user: user, today: CatalogPublicController.today(req), owners: owners,
            mine: req.query[String.self, at: "mine"] == "1", missing: try s.missing(),
            progress: ParQueries.progress(s), kept: kept
        ).response(status: status)
    }

    static func notice(_ done: String?, _ lang: Language) -> String? {
        switch done {
        case "start":
            return lang.t("Đã mở bản tự đánh giá; các tiêu chí đã được giao theo lĩnh vực.", "Self-assessment opened.")
        case "submit": return lang.t("Đã gửi bản tự đánh giá lên tỉnh.", "The self-assessment was submitted.")
        case "close-first":
            return lang.t(
                "Đã kết thúc thẩm định vòng 1; phường có thể giải trình.", "Round 1 is over; the ward may explain.")
        case "send-replies": return lang.t("Đã gửi giải trình lên tỉnh.", "Explanations sent.")
        case "publish": return lang.t("Đã công bố kết quả Chỉ số CCHC.", "The PAR result is published.")
        case "deduction":
            return lang.t("Đã giao điểm bị trừ và tạo nhiệm vụ khắc phục.", "Deduction assigned; task created.")
        case "breakthrough":
            return lang.t("Đã đăng ký nhiệm vụ đột phá; chờ Văn phòng xem xét.", "Sent to the office for approval.")
        case "decided": return lang.t("Đã ghi ý kiến về nhiệm vụ đột phá.", "The office's answer is saved.")
        default: return nil
        }
    }

    static func step(_ s: ParStep) -> @Sendable (Request) async throws -> Response {
        { req in
            let needed: Action = (s == .closeFirst || s == .publish) ? .appraisePar : .runParAssessment
            let user = try req.require(needed)
            let id = try id(req, "assessment")
            guard let a = try await ParAssessmentRecord.find(id, on: req.db) else { throw AppError.notFound }
            _ = try await req.require(needed, unit: a.$unit.id)
            let (now, offset, actor) = (req.now, req.config.utcOffset, req.auditActor)
            do {
                let name: String
                switch s {
                case .submit:
                    _ = try await ParService.submit(
                        id, by: user, onlinePaymentOffered: req.onlinePaymentOffered, actor: actor, now: now,
                        utcOffset: offset, on: req.db)
                    name = "submit"
                case .closeFirst:
                    _ = try await ParService.closeFirstRound(id, actor: actor, now: now, utcOffset: offset, on: req.db)
                    name = "close-first"
                case .sendExplanations:
                    _ = try await ParService.sendReplies(
                        id, by: user, actor: actor, now: now, utcOffset: offset, on: req.db)
                    name = "send-replies"
                default:
                    _ = try await ParService.publish(id, actor: actor, now: now, utcOffset: offset, on: req.db)
                    name = "publish"
                }
                return req.redirect(to: Language.of(req).link(ParPaths.assessment(id) + "?done=" + name))
            } catch let e as AppError {
                var kept = ParKept()
                switch e {
                case .invalid(_, let vi, let en), .conflict(let vi, let en): kept.problems.add("step", vi, en)
                default: throw e
                }
                return try await renderShow(req, user: user, id: id, kept: kept, status: .unprocessableEntity)
            }
        }
    }

    @Sendable static func addDeduction(req: Request) async throws -> Response {
        let user = try req.require(.runParAssessment)
        let id = try id(req, "assessment")
        let input = try req.content.decode(ParService.DeductionInput.self)
        do {
            _ = try await ParService.addDeduction(
                id, input, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(to: Language.of(req).link(ParPaths.assessment(id) + "?done=deduction#deductions"))
        } catch let e as AppError {
            var kept = ParKept(deduction: input)
            switch e {
            case .invalid(let field, let vi, let en): kept.problems.add(field ?? "deduction", vi, en)
            case .conflict(let vi, let en): kept.problems.add("code", vi, en)
            default: throw e
            }
            return try await renderShow(req, user: user, id: id, kept: kept, status: .unprocessableEntity)
        } catch let p as ValidationProblems {
            return try await renderShow(
                req, user: user, id: id, kept: ParKept(problems: p, deduction: input), status: .unprocessableEntity)
        }
    }

    @Sendable static func propose(req: Request) async throws -> Response {
        let user = try req.require(.selfAssessPar)
        let id = try id(req, "assessment")
        let input = try req.content.decode(ParService.BreakthroughInput.self)
        do {
            _ = try await ParService.propose(
                id, input, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(to: Language.of(req).link(ParPaths.assessment(id) + "?done=breakthrough#breakthroughs"))
        } catch let p as ValidationProblems {
            return try await renderShow(
                req, user: user, id: id, kept: ParKept(problems: p, breakthrough: input), status: .unprocessableEntity)
        } catch AppError.invalid(let field, let vi, let en) {
            var p = ValidationProblems()
            p.add(field ?? "title", vi, en)
            return try await renderShow(
                req, user: user, id: id, kept: ParKept(problems: p, breakthrough: input), status: .unprocessableEntity)
        }
    }

    struct DecideForm: Content {
        var decision: String?
        var comment: String?
    }

    @Sendable static func decide(req: Request) async throws -> Response {
        let user = try req.require(.runParAssessment)
        let bid = try id(req, "breakthrough")
        guard let b = try await ParBreakthroughRecord.find(bid, on: req.db) else { throw AppError.notFound }
        let form = try req.content.decode(DecideForm.self)
        do {
            _ = try await ParService.decide(
                breakthrough: bid, approve: form.decision == "approve", comment: form.comment ?? "", by: user,
                actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            return req.redirect(
                to: Language.of(req).link(ParPaths.assessment(b.$assessment.id) + "?done=decided#breakthroughs"))
        } catch let p as ValidationProblems {
            var kept = ParKept(problems: ValidationProblems())
            for (_, m) in p.messages { kept.problems.add("decide-\(bid)", m.vi, m.en) }
            kept.decisionComment = form.comment ?? ""
            return try await renderShow(req, user: user, id: b.$assessment.id, kept: kept, status: .unprocessableEntity)
        } catch AppError.conflict(let vi, let en) {
            var kept = ParKept()
            kept.problems.add("decide-\(bid)", vi, en)
            return try await renderShow(req, user: user, id: b.$assessment.id, kept: kept, status: .conflict)
        }
    }

    // MARK: one criterion

    @Sendable static func score(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        return try await renderScore(req, user: user, id: try id(req, "score"), kept: ParKept(), status: .ok)
    }

    static func renderScore(_ req: Request, user: CurrentUser, id: UUID, kept: ParKept, status: HTTPResponseStatus)
        async throws -> Response
    {
        guard let s = try await ParScoreRecord.find(id, on: req.db) else { throw AppError.notFound }
        let sheet = try await sheet(req, s.$assessment.id)
        guard let row = sheet.leaves.first(where: { $0.score?.id == id }) else { throw AppError.notFound }
        var kept = kept
        if kept.notice == nil, req.query[String.self, at: "done"] == "saved" {
            kept.notice = Language.of(req).t("Đã lưu.", "Saved.")
        }
        let owners = try await TaskService.owners(of: try sheet.ward.requireID(), on: req.db)
        return ParScoreView.page(
            PageContext.of(req), sheet, row, user: user, today: CatalogPublicController.today(req), owners: owners,
            kept: kept
        ).response(status: status)
    }

    struct SelfForm: Content {
        var points: String?
        var explanation: String?
        var removeEvidence: [Int]?
        var revision: Int?
        var file: File?
        var link: String?
        var linkLabel: String?
        var docNumber: String?
        var docDate: String?
        var docIssuer: String?
    }

    static func saved(_ req: Request, _ id: UUID) -> Response {
        req.redirect(to: Language.of(req).link(ParPaths.score(id) + "?done=saved"))
    }

    @Sendable static func selfScore(req: Request) async throws -> Response {
        let user = try req.require(.selfAssessPar)
        let id = try id(req, "score")
        let form = try req.content.decode(SelfForm.self)
        var input = ParService.SelfScoreInput()
        input.points = form.points ?? ""
        input.explanation = form.explanation ?? ""
        input.removeEvidence = form.removeEvidence ?? []
        input.revision = form.revision
        var kept = ParKept(selfInput: input)
        kept.evidence = [
            form.link ?? "", form.linkLabel ?? "", form.docNumber ?? "", form.docDate ?? "", form.docIssuer ?? "",
        ]
        do {
            var evidence: [TaskEvidence] = []
            var p = ValidationProblems()
            try await PlanInputCheck.collect(&p, fallback: "evidence") {
                let action = TaskForms.Action(
                    link: form.link, linkLabel: form.linkLabel, docNumber: form.docNumber, docDate: form.docDate,
                    docIssuer: form.docIssuer, file: form.file)
                evidence = try await TaskForms.evidence(action, store: req.files)
            }
            try p.throwIfAny()
            _ = try await ParService.selfScore(
                id, input, adding: evidence, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return saved(req, id)
        } catch {
            return try await refusedScore(req, user: user, id: id, kept: kept, error, field: "points")
        }
    }

    struct AssignForm: Content { var assigneeID: String? }

    @Sendable static func assign(req: Request) async throws -> Response {
        let user = try req.require(.runParAssessment)
        let id = try id(req, "score")
        let form = try req.content.decode(AssignForm.self)
        do {
            guard let who = form.assigneeID.flatMap(UUID.init(uuidString:)) else {
                throw AppError.invalid(field: "assignee", vi: "Vui lòng chọn người được giao.", en: "Choose a person.")
            }
            _ = try await ParService.assign(
                id, to: who, by: user, actor: req.auditActor, now: req.now, utcOffset: req.config.utcOffset, on: req.db)
            return saved(req, id)
        } catch {
            return try await refusedScore(req, user: user, id: id, kept: ParKept(), error, field: "assignee")
        }
    }

    struct AppraiseForm: Content {
        var points: String?
        var comment: String?
        var revision: Int?
    }

    @Sendable static func appraise(req: Request) async throws -> Response {
        let user = try req.require(.appraisePar)
        let id = try id(req, "score")
        guard let round = req.parameters.get("round").flatMap(Int.init), round == 1 || round == 2,
            let s = try await ParScoreRecord.find(id, on: req.db),
            let a = try await ParAssessmentRecord.find(s.$assessment.id, on: req.db)
        else { throw AppError.notFound }
        _ = try await req.require(.appraisePar, unit: a.$unit.id)
        let form = try req.content.decode(AppraiseForm.self)
        var input = ParService.AppraisalInput()
        input.points = form.points ?? ""
        input.comment = form.comment ?? ""
        input.revision = form.revision
        let kept = ParKept(appraisal: input)
        do {
            _ = try await ParService.appraise(
                id, round: round, input, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return saved(req, id)
        } catch {
            return try await refusedScore(req, user: user, id: id, kept: kept, error, field: "points")
        }
    }

    struct ReplyForm: Content {
        var reply: String?
        var revision: Int?
    }

    @Sendable static func reply(req: Request) async throws -> Response {
        let user = try req.require(.selfAssessPar)
        let id = try id(req, "score")
        let form = try req.content.decode(ReplyForm.self)
        var kept = ParKept()
        kept.reply = form.reply ?? ""
        do {
            _ = try await ParService.reply(
                id, text: form.reply ?? "", revision: form.revision, by: user, actor: req.auditActor, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
            return saved(req, id)
        } catch {
            return try await refusedScore(req, user: user, id: id, kept: kept, error, field: "reply")
        }
    }

    /// A refused criterion form: the page again with the message by the field the refusal names
    /// (else `field`) and the input kept; any other error goes on.
    static func refusedScore(
        _ req: Request, user: CurrentUser, id: UUID, kept: ParKept, _ error: Error, field: String
    ) async throws -> Response {
        var kept = kept
        switch error {
        case let p as ValidationProblems: kept.problems = p
        case AppError.invalid(let named, let vi, let en): kept.problems.add(named ?? field, vi, en)
        case AppError.conflict(let vi, let en): kept.problems.add(field, vi, en)
        default: throw error
        }
        return try await renderScore(req, user: user, id: id, kept: kept, status: .unprocessableEntity)
    }

    // MARK: the province ranking

    @Sendable static func ranking(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let province = try await ParFrameworkPages.province(of: user, on: req.db)
        let today = CatalogPublicController.today(req)
        let year = try year(req, fallback: today.year)
        let r = try await ParQueries.ranking(province: province, year: year, on: req.db)
        return ParRankingView.page(PageContext.of(req), province: province, year: year, r).response()
    }
}

/// What a refused form keeps: the problems, and the input as typed, for the page shown again.
struct ParKept {
    var problems = ValidationProblems()
    var notice: String?
    var selfInput: ParService.SelfScoreInput?
    /// link, link label, document number, date, issuer — as typed.
    var evidence: [String] = []
    var appraisal: ParService.AppraisalInput?
    var reply: String?
    var deduction: ParService.DeductionInput?
    var breakthrough: ParService.BreakthroughInput?
    var decisionComment: String?
}
