import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The Decision 766 index of a unit for a period, as a page and over the API; the drill-down to
/// the records that do not score; the office's entry of the figures PhuongSo cannot count.
enum Index766Controller {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(Index766Paths.page.pathComponents, use: page).requires(.viewReform)
        routes.get(Index766Paths.gaps.pathComponents, use: gapsPage).requires(.viewReform)
        routes.post(Index766Paths.entries.pathComponents, use: enter).requires(.managePlans)
        api.get("units", ":code", "index766", use: json).requires(.viewReform)
        api.get("units", ":code", "index766", "gaps", use: gapsJSON).requires(.viewReform)
        api.get("units", ":code", "index766", "ranking", use: rankingJSON).requires(.viewReform)
        api.post("units", ":code", "index766", "entries", use: enterJSON).requires(.managePlans)
    }

    /// The period the request names (`from`, `to`), by default this year to today.
    static func period(_ req: Request) throws -> (LocalDate, LocalDate) {
        try Index766Model.period(
            from: req.query[String.self, at: "from"], to: req.query[String.self, at: "to"],
            today: InspectionsController.today(req))
    }

    static func model(_ req: Request, unit: UnitRecord, choices: [UnitRecord]) async throws -> Index766Model {
        let (from, to) = try period(req)
        return try await Index766Model.build(
            unit: unit, choices: choices, from: from, to: to,
            onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
    }

    @Sendable static func page(req: Request) async throws -> Response {
        try await render(req, input: Index766Entries.Input(), problems: ValidationProblems(), status: .ok)
    }

    static func render(
        _ req: Request, input: Index766Entries.Input, problems: ValidationProblems, status: HTTPResponseStatus
    ) async throws -> Response {
        let user = try req.require(.viewReform)
        let (unit, choices) = try await InspectionsController.unitInView(req, .viewReform)
        if unit.kind == .province { return try await ranking(req, province: unit, choices: choices) }
        let m = try await model(req, unit: unit, choices: choices)
        let canEnter = AccessPolicy.allows(user.role, .managePlans) && user.unitID == unit.id
        let trend = try await Index766Trend.build(
            unit: unit, through: m.to, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        return Index766View.render(
            PageContext.of(req), m, trend: trend, canEnter: canEnter, input: input, problems: problems
        ).response(status: status)
    }

    /// Every ward and commune among `choices`, ranked by the share of the points their records give
    /// (wards with fewer figures are not pushed down), and the period.
    static func ranked(_ req: Request, choices: [UnitRecord]) async throws -> (
        rows: [(unit: UnitRecord, score: Index766.Score)], from: LocalDate, to: LocalDate
    ) {
        let (from, to) = try period(req)
        let models = try await Index766Model.build(
            units: choices.filter { [.ward, .commune, .specialZone].contains($0.kind) }, choices: choices,
            from: from, to: to, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        var rows = models.map { (unit: $0.unit, score: $0.score) }
        rows.sort { (share($0.score), $1.unit.name) > (share($1.score), $0.unit.name) }
        return (rows, from, to)
    }

    /// The share of the computed points achieved, in percent; -1 when nothing could be computed.
    static func share(_ s: Index766.Score) -> Double { s.knownMax > 0 ? s.knownPoints * 100 / s.knownMax : -1 }

    /// A province's page: every ward and commune it supervises, ranked by the points the records give.
    static func ranking(_ req: Request, province: UnitRecord, choices: [UnitRecord]) async throws -> Response {
        let (rows, from, to) = try await ranked(req, choices: choices)
        let ctx = PageContext.of(req)
        return Layout.page(
            ctx, title: ctx.t("Chỉ số 766 các đơn vị", "Decision 766 index of the units"),
            .p(.text(province.name + " · " + Format.date(from) + " – " + Format.date(to))),
            .if(
                !rows.isEmpty,
                SVGChart.rankedBars(
                    id: "rank766", title: ctx.t("Xếp hạng Chỉ số 766", "Decision 766 ranking"),
                    summary: ctx.t(
                        "Tỷ lệ điểm đạt trên số điểm đã tính được của \(rows.count) đơn vị, từ \(Format.date(from)) "
                            + "đến \(Format.date(to)), xếp từ cao xuống thấp. Số liệu chi tiết ở bảng dưới.",
                        "Share of the computed points achieved by \(rows.count) units, \(Format.date(from)) to "
                            + "\(Format.date(to)), highest first. The figures are in the table below."),
                    rows: rows.map { r in
                        let s = share(r.score)
                        return .init(
                            label: r.unit.name, value: s < 0 ? nil : s,
                            valueText: Format.percent(s < 0 ? nil : s, ctx.lang),
                            link: ctx.link(Index766Paths.page(unit: r.unit.code, from: from, to: to)))
                    }, target: nil)),
            Components.table(
                caption: ctx.t(
                    "Xếp hạng theo tỷ lệ điểm đạt trên số điểm đã tính được",
                    "Ranked by the share of the computed points achieved"),
                headers: [
                    ctx.t("Hạng", "Rank"), ctx.t(.unit), ctx.t("Điểm đã tính", "Points computed"),
                    ctx.t("Trên tối đa", "Out of"), ctx.t("Tỷ lệ đạt", "Share achieved"),
                ],
                rows: rows.enumerated().map { i, r in
                    [
                        .text("\(i + 1)"),
                        .a(
                            .href(ctx.link(Index766Paths.page(unit: r.unit.code, from: from, to: to))),
                            .text(r.unit.name)),
                        .text(Format.points(r.score.knownPoints, ctx.lang)),
                        .text(Format.points(r.score.knownMax, ctx.lang)),
                        .text(Format.percent(share(r.score) < 0 ? nil : share(r.score), ctx.lang)),
                    ]
                }),
            .p(
                .class("hint"),
                .text(
                    ctx.t(
                        "Tổng 100 điểm chỉ có khi đủ số liệu mọi chỉ số; điểm ở đây là các chỉ số đã có số liệu.",
                        "A total out of 100 needs every indicator; these are the points of the indicators with figures."
                    ))),
            .p(.a(.href(ctx.link(ReformPaths.overview)), .text(ctx.t("← Tổng hợp CCHC", "← Reform summary"))))
        ).response()
    }

    /// The entry as the form or the API sends it; numbers may come as JSON numbers or as text.
    struct EntryForm: Content {
        var code, from, to, numerator, denominator, evidence: String?
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String? {
                // type probing, not a hidden fault: a number is taken as its text, anything else
                // is decoded as text (and the service names the field when it is not a number)
                if let n = try? c.decodeIfPresent(Int.self, forKey: key) { return String(n) }
                return try c.decodeIfPresent(String.self, forKey: key)
            }
            code = try text(.code)
            from = try text(.from)
            to = try text(.to)
            numerator = try text(.numerator)
            denominator = try text(.denominator)
            evidence = try text(.evidence)
        }
        var input: Index766Entries.Input {
            var i = Index766Entries.Input()
            i.code = code ?? ""
            i.from = from ?? ""
            i.to = to ?? ""
            i.numerator = numerator ?? ""
            i.denominator = denominator ?? ""
            i.evidence = evidence ?? ""
            return i
        }
    }

    @Sendable static func enter(req: Request) async throws -> Response {
        let user = try req.require(.managePlans)
        let unit = try await InspectionsController.homeUnit(req, .managePlans)
        let input = try req.content.decode(EntryForm.self).input
        do {
            let r = try await Index766Entries.enter(
                input, unit: unit, version: .portal2025, by: user, actor: req.auditActor, now: req.now, on: req.db)
            let from = try LocalDate(parsing: r.periodFrom)
            let to = try LocalDate(parsing: r.periodTo)
            return req.redirect(to: Language.of(req).link(Index766Paths.page(unit: nil, from: from, to: to)))
        } catch let problems as ValidationProblems {
            return try await render(req, input: input, problems: problems, status: .unprocessableEntity)
        }
    }

    /// The records that count in an indicator but do not score.
    struct Gaps: Content {
        struct Dossier: Content {
            var id: UUID
            var code: String
            var procedure: String
            var receivedAt: String
        }
        struct Procedure: Content {
            var code: String
            var name: String
        }
        var indicator: String
        var dossiers: [Dossier]
        var procedures: [Procedure]
    }

    static func gaps(_ req: Request, unit: UnitRecord, from: LocalDate, to: LocalDate) async throws -> Gaps {
        let code = req.query[String.self, at: "code"] ?? ""
        guard Index766Model.drillable.contains(code) else {
            throw AppError.invalid(
                field: "code", vi: "Chỉ số '\(code)' không có danh sách hồ sơ, thủ tục để xem.",
                en: "Indicator '\(code)' has no list of records.")
        }
        let period = Index766Measures.Period(from: from, to: to, now: req.now, utcOffset: req.config.utcOffset)
        var out = Gaps(indicator: code, dossiers: [], procedures: [])
        if let dossiers = try await Index766Measures.gaps(
            code: code, unitID: try unit.requireID(), period: period, utcOffset: req.config.utcOffset, limit: 500,
            on: req.db)
        {
            out.dossiers = try dossiers.map {
                Gaps.Dossier(
                    id: try $0.requireID(), code: $0.code ?? "—", procedure: $0.procedure.name,
                    receivedAt: $0.receivedAt.map {
                        Format.dateTime($0, utcOffset: req.config.utcOffset, Language.of(req))
                    } ?? "—")
            }
        } else {
            let unitID = try unit.requireID()
            let dossiers = try await Index766Measures.dossierCounts(
                unitIDs: [unitID], period: period, utcOffset: req.config.utcOffset, on: req.db)
            let c = Index766Measures.procedureCounts(
                catalogue: try await CatalogQueries.entries(unitIDs: [unitID], on: req.db)[unitID] ?? [],
                dossiers: dossiers[unitID] ?? .init(), onlinePaymentOffered: true)
            out.procedures = (code == "3.1" ? c.offline : c.unpaid).map { Gaps.Procedure(code: $0.code, name: $0.name) }
        }
        return out
    }

    @Sendable static func gapsPage(req: Request) async throws -> Response {
        let (unit, choices) = try await InspectionsController.unitInView(req, .viewReform)
        let m = try await model(req, unit: unit, choices: choices)
        let g = try await gaps(req, unit: unit, from: m.from, to: m.to)
        let ctx = PageContext.of(req)
        let indicator = m.version.indicator(g.indicator)
        let back = Index766Paths.page(unit: choices.count > 1 ? unit.code : nil, from: m.from, to: m.to)
        let dossierRows: [[Node<HTML.BodyContext>]] = g.dossiers.map { d in
            [
                .a(.href(ctx.link(DossierPaths.dossier(d.id))), .text(d.code)), .text(d.procedure),
                .text(d.receivedAt),
            ]
        }
        return Layout.page(
            ctx, title: g.indicator + ". " + (indicator.map { ctx.t($0.vi, $0.en) } ?? ""),
            .p(.text(unit.name + " · " + Format.date(m.from) + " – " + Format.date(m.to))),
            .p(
                .text(
                    g.procedures.isEmpty
                        ? ctx.t(
                            "Các hồ sơ được tính trong chỉ số nhưng chưa đạt (tối đa 500, cũ nhất trước):",
                            "Dossiers counted but not scoring (up to 500, oldest first):")
                        : ctx.t("Các thủ tục chưa đạt:", "Procedures not scoring:"))),
            .if(
                !g.dossiers.isEmpty,
                Components.table(
                    caption: ctx.t("Hồ sơ chưa đạt", "Dossiers not scoring"),
                    headers: [ctx.t(.dossierCode), ctx.t(.procedure), ctx.t("Tiếp nhận lúc", "Received at")],
                    rows: dossierRows)),
            .if(
                !g.procedures.isEmpty,
                Components.table(
                    caption: ctx.t("Thủ tục chưa đạt", "Procedures not scoring"),
                    headers: [ctx.t("Mã thủ tục", "Procedure code"), ctx.t(.procedure)],
                    rows: g.procedures.map { [.text($0.code), .text($0.name)] })),
            .if(
                g.dossiers.isEmpty && g.procedures.isEmpty,
                .p(.class("notice"), .text(ctx.t("Không có hồ sơ nào chưa đạt.", "Nothing is missing.")))),
            .p(.a(.href(ctx.link(back)), .text(ctx.t("← Về chỉ số 766", "← Back to the 766 index"))))
        ).response()
    }

    // MARK: API

    /// The contract's shape; a figure that does not exist is `null`, never left out and never 0.
    struct IndexDTO: Content {
        struct Group: Content {
            var code, name: String
            var points: Double?
            var max: Double
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(code, forKey: .code)
                try c.encode(name, forKey: .name)
                try c.encode(points, forKey: .points)
                try c.encode(max, forKey: .max)
            }
        }
        struct Indicator: Content {
            var code, name, origin: String
            var numerator, denominator: Int?
            var ratio, points: Double?
            var max: Double
            var illustrativePoints: Bool
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(code, forKey: .code)
                try c.encode(name, forKey: .name)
                try c.encode(origin, forKey: .origin)
                try c.encode(numerator, forKey: .numerator)
                try c.encode(denominator, forKey: .denominator)
                try c.encode(ratio, forKey: .ratio)
                try c.encode(points, forKey: .points)
                try c.encode(max, forKey: .max)
                try c.encode(illustrativePoints, forKey: .illustrativePoints)
            }
        }
        var unitCode, from, to, formulaVersion: String
        var total: Double?
        var knownPoints, knownMax: Double
        var groups: [Group]
        var indicators: [Indicator]
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(unitCode, forKey: .unitCode)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(formulaVersion, forKey: .formulaVersion)
            try c.encode(total, forKey: .total)
            try c.encode(knownPoints, forKey: .knownPoints)
            try c.encode(knownMax, forKey: .knownMax)
            try c.encode(groups, forKey: .groups)
            try c.encode(indicators, forKey: .indicators)
        }
    }

    static func apiUnit(_ req: Request, _ action: Action) async throws -> UnitRecord {
        let unit = try await UnitQueries.find(code: req.parameters.get("code") ?? "", on: req.db)
        try await req.require(action, unit: unit.requireID())
        return unit
    }

    @Sendable static func json(req: Request) async throws -> IndexDTO {
        let unit = try await apiUnit(req, .viewReform)
        let m = try await model(req, unit: unit, choices: [unit])
        return IndexDTO(
            unitCode: unit.code, from: m.from.description, to: m.to.description, formulaVersion: m.version.id,
            total: m.score.total, knownPoints: m.score.knownPoints, knownMax: m.score.knownMax,
            groups: m.score.groups.map {
                .init(code: $0.group.code, name: $0.group.vi, points: $0.points, max: $0.group.max)
            },
            indicators: m.score.figures.map { f in
                .init(
                    code: f.indicator.code, name: f.indicator.vi,
                    origin: f.indicator.origin == .entered ? "entered" : "records", numerator: f.count?.numerator,
                    denominator: f.count?.denominator, ratio: f.percent.map { $0 / 100 }, points: f.points,
                    max: f.indicator.max, illustrativePoints: f.indicator.illustrativePoints)
            })
    }

    struct RankingDTO: Content {
        struct Row: Content {
            var rank: Int
            var unitCode, unitName: String
            var knownPoints, knownMax: Double
            /// Percent of the computed points achieved; null when nothing could be computed.
            var share: Double?
            /// Out of 100, only when every indicator has a figure.
            var total: Double?
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(rank, forKey: .rank)
                try c.encode(unitCode, forKey: .unitCode)
                try c.encode(unitName, forKey: .unitName)
                try c.encode(knownPoints, forKey: .knownPoints)
                try c.encode(knownMax, forKey: .knownMax)
                try c.encode(share, forKey: .share)
                try c.encode(total, forKey: .total)
            }
        }
        var unitCode, from, to: String
        var wards: [Row]
    }

    /// The province's ranking, as its page shows it: the wards and communes below `code`.
    @Sendable static func rankingJSON(req: Request) async throws -> RankingDTO {
        let unit = try await apiUnit(req, .viewReform)
        let user = try req.require(.viewReform)
        let unitID = try unit.requireID()
        let scope = try await UnitQueries.scope(on: req.db)
        let below = try await UnitQueries.visible(to: user, on: req.db).filter {
            guard let id = $0.id, id != unitID else { return false }
            return scope.contains(id.uuidString, within: unitID.uuidString)
        }
        guard below.contains(where: { [.ward, .commune, .specialZone].contains($0.kind) }) else {
            throw AppError.invalid(
                field: "code", vi: "\(unit.name) không có phường, xã trực thuộc để xếp hạng.",
                en: "\(unit.name) has no wards or communes below it to rank.")
        }
        let (rows, from, to) = try await ranked(req, choices: below)
        return RankingDTO(
            unitCode: unit.code, from: from.description, to: to.description,
            wards: rows.enumerated().map { i, r in
                let s = share(r.score)
                return .init(
                    rank: i + 1, unitCode: r.unit.code, unitName: r.unit.name, knownPoints: r.score.knownPoints,
                    knownMax: r.score.knownMax, share: s < 0 ? nil : s, total: r.score.total)
            })
    }

    @Sendable static func gapsJSON(req: Request) async throws -> Gaps {
        let unit = try await apiUnit(req, .viewReform)
        let (from, to) = try Index766Model.period(
            from: req.query[String.self, at: "from"], to: req.query[String.self, at: "to"],
            today: InspectionsController.today(req))
        return try await gaps(req, unit: unit, from: from, to: to)
    }

    struct EntryDTO: Content {
        var id: UUID
        var code, from, to, evidence: String
        var numerator, denominator: Int
    }

    @Sendable static func enterJSON(req: Request) async throws -> Response {
        let user = try req.require(.managePlans)
        let unit = try await apiUnit(req, .managePlans)
        guard user.unitID == unit.id else { throw AppError.forbidden }
        let input = try req.content.decode(EntryForm.self).input
        let r = try await Index766Entries.enter(
            input, unit: unit, version: .portal2025, by: user, actor: req.auditActor, now: req.now, on: req.db)
        let dto = EntryDTO(
            id: try r.requireID(), code: r.code, from: r.periodFrom, to: r.periodTo, evidence: r.evidence,
            numerator: r.numerator, denominator: r.denominator)
        let response = Response(status: .created)
        try response.content.encode(dto)
        return response
    }
}

extension Index766Controller {
    typealias D = OpenAPIDocument
    static let number: JSONValue = ["type": ["number", "null"]]
    static let nullableInt: JSONValue = ["type": ["integer", "null"]]
    static let period: [(String, String, Bool)] = [("from", "string", false), ("to", "string", false)]
    static let operations: [OpenAPIDocument.Operation] = [
        .init(
            method: "GET", path: "/api/v1/units/:code/index766",
            summary:
                "The Decision 766 index of a unit for a period (from/to, default this year to today): every indicator "
                + "with numerator, denominator, ratio and points (null where no figure), the groups and the total",
            tag: "indices", secured: true, query: period,
            response: D.object([
                ("unitCode", D.str), ("from", D.str), ("to", D.str), ("formulaVersion", D.str), ("total", number),
                ("knownPoints", ["type": "number"]), ("knownMax", ["type": "number"]),
                (
                    "groups",
                    D.arrayOf(
                        D.object([("code", D.str), ("name", D.str), ("points", number), ("max", ["type": "number"])]))
                ),
                (
                    "indicators",
                    D.arrayOf(
                        D.object([
                            ("code", D.str), ("name", D.str), ("origin", D.str), ("numerator", nullableInt),
                            ("denominator", nullableInt), ("ratio", number), ("points", number),
                            ("max", ["type": "number"]), ("illustrativePoints", D.bool),
                        ]))
                ),
            ])),
        .init(
            method: "GET", path: "/api/v1/units/:code/index766/ranking",
            summary:
                "The wards and communes below a province ranked by the share of the 766 points their records give "
                + "(from/to, default this year to today), as the province's page ranks them",
            tag: "indices", secured: true, query: period,
            response: D.object([
                ("unitCode", D.str), ("from", D.str), ("to", D.str),
                (
                    "wards",
                    D.arrayOf(
                        D.object([
                            ("rank", D.int), ("unitCode", D.str), ("unitName", D.str),
                            ("knownPoints", ["type": "number"]), ("knownMax", ["type": "number"]), ("share", number),
                            ("total", number),
                        ]))
                ),
            ])),
        .init(
            method: "GET", path: "/api/v1/units/:code/index766/gaps",
            summary: "The dossiers (or procedures) an indicator counts but that do not score: what would move it",
            tag: "indices", secured: true, query: [("code", "string", true)] + period,
            response: D.object([
                ("indicator", D.str),
                (
                    "dossiers",
                    D.arrayOf(
                        D.object([("id", D.str), ("code", D.str), ("procedure", D.str), ("receivedAt", D.str)]))
                ),
                ("procedures", D.arrayOf(D.object([("code", D.str), ("name", D.str)]))),
            ])),
        .init(
            method: "POST", path: "/api/v1/units/:code/index766/entries",
            summary:
                "The office enters a figure PhuongSo cannot count (1.1–1.4, 4.CT, 4.5a) for a period, with its evidence",
            tag: "indices", secured: true,
            body: D.object(
                [
                    ("code", D.str), ("from", D.str), ("to", D.str), ("numerator", D.str), ("denominator", D.str),
                    ("evidence", D.str),
                ], required: ["code", "from", "to", "numerator", "denominator", "evidence"]),
            success: 201,
            response: D.object([
                ("id", D.str), ("code", D.str), ("from", D.str), ("to", D.str), ("numerator", D.int),
                ("denominator", D.int), ("evidence", D.str),
            ])),
    ]
}
