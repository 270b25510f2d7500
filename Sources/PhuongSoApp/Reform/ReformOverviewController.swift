import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The chairman's, the office's and the province's view of reform work, as a page and over the API.
enum ReformOverviewController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(ReformPaths.overview.pathComponents, use: page).requires(.viewReform)
        api.get("reform", "overview", use: json).requires(.viewReform)
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let user = try req.require(.viewReform)
        let m = try await ReformOverviewModel.build(
            try req.query.decode(ReformOverviewModel.Query.self), for: user, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        let ctx = PageContext.of(req)
        return ReformOverviewView.render(
            ctx, m,
            targets: try await ReformOverviewTargets.section(
                ctx, m, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db)
        ).response()
    }

    struct GroupDTO: Content {
        var key: String
        var name: String
        var figures: Figures
    }
    struct Figures: Content {
        var counts: TaskFigures
        var completionRate: Double?
        var onScheduleRate: Double?
        var qualityRate: Double?
        init(_ f: TaskFigures) {
            counts = f
            completionRate = f.completionRate
            onScheduleRate = f.onScheduleRate
            qualityRate = f.qualityRate
        }
    }
    struct Overview: Content {
        var year: Int
        var units: [String]
        var total: Figures
        var byUnit, byPlan, byArea, byField, byPerson: [GroupDTO]
        var overdueTaskIDs: [UUID]
        var atRiskTaskIDs: [UUID]
    }

    @Sendable static func json(req: Request) async throws -> Overview {
        let user = try req.require(.viewReform)
        let m = try await ReformOverviewModel.build(
            try req.query.decode(ReformOverviewModel.Query.self), for: user, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        func g(_ groups: [ReformOverviewModel.Group]) -> [GroupDTO] {
            groups.map { GroupDTO(key: $0.key, name: $0.name, figures: Figures($0.figures)) }
        }
        return Overview(
            year: m.year, units: m.units.map(\.code), total: Figures(m.total), byUnit: g(m.byUnit), byPlan: g(m.byPlan),
            byArea: g(m.byArea),
            byField: g(m.byField), byPerson: g(m.byPerson), overdueTaskIDs: m.overdue.compactMap(\.record.id),
            atRiskTaskIDs: m.atRisk.compactMap(\.record.id))
    }

    typealias D = OpenAPIDocument
    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/reform/overview",
            summary:
                "Reform task figures of a unit (or every unit below a supervisor) for a year, by unit, plan, area, field and lead",
            tag: "reform", secured: true, query: [("unit", "string", false), ("year", "integer", false)],
            response: D.object(
                [
                    ("year", D.int), ("units", D.arrayOf(D.str)), ("total", ["type": "object"]),
                    ("byUnit", D.arrayOf(["type": "object"])),
                    ("byPlan", D.arrayOf(["type": "object"])), ("byArea", D.arrayOf(["type": "object"])),
                    ("byField", D.arrayOf(["type": "object"])),
                    ("byPerson", D.arrayOf(["type": "object"])), ("overdueTaskIDs", D.arrayOf(D.str)),
                    ("atRiskTaskIDs", D.arrayOf(D.str)),
                ],
                required: ["year", "units", "total"]))
    ]
}

/// The targets of the year's plans that are off track or have no data, with a link to each plan.
enum ReformOverviewTargets {
    static func lines(
        _ m: ReformOverviewModel, onlinePaymentOffered: Bool, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [PlanQueries.TargetLine] {
        let plans = try await PlanQueries.plans(unitIDs: m.units.compactMap(\.id), on: db).filter { $0.year == m.year }
        var out: [PlanQueries.TargetLine] = []
        for plan in plans {
            out += try await PlanQueries.sheet(
                plan, onlinePaymentOffered: onlinePaymentOffered, now: now, utcOffset: utcOffset, on: db
            ).targets.filter {
                $0.status == .offTrack || $0.status == .noData
            }
        }
        return out
    }

    static func section(
        _ ctx: PageContext, _ m: ReformOverviewModel, onlinePaymentOffered: Bool, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> Node<HTML.BodyContext> {
        let lines = try await lines(
            m, onlinePaymentOffered: onlinePaymentOffered, now: now, utcOffset: utcOffset, on: db)
        guard !lines.isEmpty else {
            return .p(.text(ctx.t("Không có chỉ tiêu nào chậm tiến độ.", "No target is off track.")))
        }
        return .group(
            .h2(.text(ctx.t("Chỉ tiêu chưa đạt tiến độ", "Targets off track"))),
            Components.table(
                caption: ctx.t("Chỉ tiêu chưa đạt tiến độ", "Targets off track"),
                headers: [
                    ctx.t(.target), ctx.t("Mục tiêu", "Objective"), ctx.t("Hiện tại", "Now"),
                    ctx.t(.status), ctx.t(.plan),
                ],
                rows: lines.map { l in
                    [
                        .text(l.target.measure), .text(PlanFormat.goal(l.target, ctx.lang)),
                        .text(
                            l.current.map { PlanFormat.value($0, unit: l.target.unitOfMeasure, ctx.lang) }
                                ?? ctx.t("không có dữ liệu", "no data")),
                        PlanFormat.status(l.status, ctx),
                        .a(
                            .href(ctx.link(PlanPaths.plan(l.target.$plan.id))),
                            .text(ctx.t("Xem kế hoạch", "Open the plan"))),
                    ]
                }))
    }
}
