import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The PAR Index table as XLSX, the evidence list as a page, and the evidence files themselves:
/// each for whoever sees the ward's reform work (the ward's staff and its province's supervisor).
enum ParExportController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(ParPaths.routeAssessment + ["bang-diem.xlsx"], use: xlsxPage).requires(.viewReform)
        routes.get(ParPaths.routeAssessment + ["tai-lieu-kiem-chung"], use: evidenceList).requires(.viewReform)
        routes.get(ParPaths.routeScore + ["evidence", ":index"], use: evidenceFile).requires(.viewReform)
    }

    /// The assessment named by `:assessment`, if the caller sees its ward.
    static func assessmentID(_ req: Request) async throws -> UUID {
        guard let id = req.parameters.get("assessment").flatMap(UUID.init(uuidString:)),
            let a = try await ParAssessmentRecord.find(id, on: req.db)
        else { throw AppError.notFound }
        try await req.require(.viewReform, unit: a.$unit.id)
        return id
    }

    static func sheet(_ req: Request, _ id: UUID) async throws -> ParSheet {
        try await ParSheet.build(
            id, live: true, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
    }

    /// The table as a file, for the page and the API alike (the caller has checked the scope).
    static func xlsx(_ req: Request, _ id: UUID) async throws -> Response {
        let s = try await sheet(req, id)
        return ReportsController.download(
            try ParExport.workbook(s, baseURL: req.config.publicURL),
            name: "bang-diem-chi-so-cchc-\(s.year)-\(s.ward.code).xlsx")
    }

    @Sendable static func xlsxPage(req: Request) async throws -> Response {
        try await xlsx(req, try await assessmentID(req))
    }

    @Sendable static func evidenceFile(req: Request) async throws -> Response {
        guard let id = req.parameters.get("score").flatMap(UUID.init(uuidString:)),
            let index = req.parameters.get("index", as: Int.self),
            let s = try await ParScoreRecord.find(id, on: req.db),
            let a = try await ParAssessmentRecord.find(s.$assessment.id, on: req.db)
        else { throw AppError.notFound }
        try await req.require(.viewReform, unit: a.$unit.id)
        let items = try s.evidenceItems()
        guard items.indices.contains(index), case .file(let f) = items[index] else { throw AppError.notFound }
        return try await ResultsController.send(f, name: "tai-lieu-kiem-chung-\(s.code)", req)
    }

    @Sendable static func evidenceList(req: Request) async throws -> Response {
        let s = try await sheet(req, try await assessmentID(req))
        return ParEvidenceListView.render(PageContext.of(req), s).response()
    }
}

/// Every criterion's evidence with links, area by area: what the province checks.
enum ParEvidenceListView {
    static func render(_ ctx: PageContext, _ s: ParSheet) -> HTML {
        let areas = s.framework.children(of: nil)
        return Layout.page(
            ctx,
            title: ctx.t(
                "Tài liệu kiểm chứng Chỉ số CCHC năm \(s.year) — \(s.ward.name)",
                "PAR Index evidence \(s.year) — \(s.ward.name)"),
            .p(
                .a(
                    .href(ctx.link(ParPaths.assessment(s.id))),
                    .text(ctx.t("← Quay lại bản đánh giá", "← Back to the assessment")))),
            .p(.text(s.frameworkRecord.title + " · " + s.frameworkRecord.source)),
            .if(
                s.frameworkRecord.illustrative,
                .p(
                    .class("notice"),
                    .text(
                        ctx.t(
                            "Điểm của bộ tiêu chí này là minh họa, không phải điểm tỉnh đã công bố.",
                            "This framework's points are illustrative, not the province's published ones.")))),
            .p(
                .a(
                    .class("button"), .href(ctx.link(ParPaths.xlsx(s.id))),
                    .text(ctx.t("Tải bảng điểm (XLSX)", "Download the table (XLSX)")))
            ),
            .forEach(areas) { area in
                .group(
                    .h2(.text("\(area.code). \(area.title)")),
                    .ul(
                        .forEach(s.leaves.filter { s.framework.area(of: $0.criterion.code)?.code == area.code }) {
                            row in
                            .li(item(ctx, row))
                        })
                )
            }
        )
    }

    static func item(_ ctx: PageContext, _ r: ParSheet.Row) -> Node<HTML.BodyContext> {
        let scoreID = r.score?.id
        var entries: [Node<HTML.ListContext>] = r.evidence.enumerated().map { i, e in
            switch e {
            case .document: return .li(.text(ParExport.kind(e) + " " + ParExport.describe(e)))
            case .link(let path, let label): return .li(.a(.href(ctx.link(path)), .text(label)))
            case .file(let f):
                guard let scoreID else { return .li(.text(f.originalName)) }
                return .li(
                    .text(ctx.t("Tệp: ", "File: ")),
                    .a(.href(ctx.link(ParPaths.evidenceFile(scoreID, i))), .text(f.originalName)))
            }
        }
        if let f = r.figure, let text = ParExport.figureText(r) {
            entries.append(.li(.a(.href(ctx.link(f.link)), .text(text))))
        }
        if let explanation = r.score?.explanation, !explanation.isEmpty {
            entries.append(.li(.text(ctx.t("Bản diễn giải: ", "Scoring explanation: ") + explanation)))
        }
        return .group(
            .strong(.text("\(r.criterion.code). \(r.criterion.title)")),
            .text(" — " + (r.assignee ?? ctx.t("chưa phân công", "not assigned"))),
            entries.isEmpty
                ? .p(.class("hint"), .text(ctx.t("Chưa có tài liệu kiểm chứng.", "No supporting document yet.")))
                : .ul(.group(entries))
        )
    }
}
