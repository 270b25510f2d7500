import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// The evaluation hub: my own sheet for the chosen period and my past ones; for a leader or the
/// office the unit's staff with their sheets' standing; for a supervisor the same for a unit below.
package struct EvaluationHub: Sendable {
    package struct Row: Sendable {
        let person: UserRecord
        let stage: EvaluationCycle.Stage
        let selfTotal: EvaluationPoints?
        let total: EvaluationPoints?
        let band: String?
        let bandCode: String?
        /// The scheme the sheet is on (nil when none applies).
        let scheme: EvaluationSchemeRecord?
        let confirmedOn: LocalDate?
        let confirmedBy: UUID?
        /// Why no sheet could be computed (no scheme in force).
        let problem: String?
        let leaderTotal: EvaluationPoints?
        /// Judged criteria nobody has scored: the band is provisional.
        var unscored: Int = 0
    }

    let period: EvaluationPeriod
    let today: LocalDate
    let user: CurrentUser
    /// The unit whose list is shown (nil for a person who sees only their own).
    let unit: UnitRecord?
    let units: [UnitRecord]
    let rows: [Row]
    let quota: RatingQuotaCheck?

    static func model(_ req: Request, _ user: CurrentUser) async throws -> Self {
        let today = ScorecardService.today(req.now, req.config.utcOffset)
        let period =
            try req.query.get(String?.self, at: "period").flatMap(EvaluationPeriod.init)
            ?? .month(of: today)
        let requestedUnit = try req.query.get(String?.self, at: "unit").flatMap(UUID.init(uuidString:))
        var units: [UnitRecord] = []
        var unit: UnitRecord? = nil
        switch user.role {
        case .leader, .office:
            if let id = user.unitID { unit = try await UnitRecord.find(id, on: req.db) }
        case .supervisor:
            let scope = try await UnitQueries.scope(on: req.db)
            guard let home = user.unitID else { break }
            units = try await UnitRecord.query(on: req.db).sort(\.$name).all().filter {
                guard let id = $0.id, id != home else { return false }
                return scope.contains(id.uuidString, within: home.uuidString) && $0.kind != .agency
            }
            unit = units.first { $0.id == requestedUnit } ?? units.first
        default: break
        }
        var rows: [Row] = []
        var quota: RatingQuotaCheck? = nil
        if let unit {
            let staff = try await UserRecord.query(on: req.db).filter(\.$unit.$id == unit.requireID())
                .filter(\.$active == true).sort(\.$displayName).all()
                .filter { [.clerk, .official, .leader, .office].contains($0.role) }
            for person in staff {
                rows.append(
                    try await row(person, period: period, today: today, utcOffset: req.config.utcOffset, on: req.db))
            }
            // the quota of the first scheme in use that has one, counted over its confirmed ratings
            if period.isYear {
                for record in EvaluationHubView.schemes(of: rows) {
                    guard let cap = try EvaluationSchemeStore.scheme(record).quota else { continue }
                    var ratings: [String: Int] = [:]
                    for r in rows where r.scheme?.id == record.id && r.stage == .confirmed {
                        if let band = r.bandCode { ratings[band, default: 0] += 1 }
                    }
                    quota = RatingQuotaCheck(quota: cap, ratings: ratings)
                    break
                }
            }
        }
        return EvaluationHub(
            period: period, today: today, user: user, unit: unit, units: units, rows: rows, quota: quota)
    }

    static func row(_ person: UserRecord, period: EvaluationPeriod, today: LocalDate, utcOffset: Int, on db: Database)
        async throws -> Row
    {
        do {
            let sheet = try await ScorecardQueries.sheet(
                person: person.requireID(), period: period, today: today, utcOffset: utcOffset, on: db)
            let card = try sheet.card()
            var row = Row(
                person: person, stage: sheet.cycle.stage, selfTotal: card.selfTotal, total: card.total,
                band: card.band?.title, bandCode: card.band?.code, scheme: sheet.schemeRecord,
                confirmedOn: sheet.cycle.confirmedOn,
                confirmedBy: sheet.record?.$confirmedBy.id, problem: nil, leaderTotal: card.leaderTotal)
            row.unscored = card.unscored.count
            return row
        } catch AppError.conflict(let vi, _) {
            return Row(
                person: person, stage: .draft, selfTotal: nil, total: nil, band: nil, bandCode: nil, scheme: nil,
                confirmedOn: nil,
                confirmedBy: nil, problem: vi, leaderTotal: nil)
        }
    }
}

enum EvaluationHubView {
    static func periods(around today: LocalDate) -> [EvaluationPeriod] {
        var out: [EvaluationPeriod] = []
        for year in [today.year, today.year - 1] {
            out.append(.year(year))
            for q in 1...4 { out.append(.quarter(year: year, quarter: q)) }
            for m in 1...12 { out.append(.month(year: year, month: m)) }
        }
        return out
    }

    /// The schemes the rows are on, each once, in the order first met.
    static func schemes(of rows: [EvaluationHub.Row]) -> [EvaluationSchemeRecord] {
        var seen: Set<UUID> = []
        return rows.compactMap(\.scheme).filter { $0.id.map { seen.insert($0).inserted } ?? false }
    }

    static func page(_ ctx: PageContext, _ m: EvaluationHub) -> HTML {
        let pts = { (p: EvaluationPoints?) in p.map { ctx.lang == .vi ? $0.vietnamese : $0.text } ?? "—" }
        let selfAssessing = AccessPolicy.allows(m.user.role, .selfAssessEvaluation)
        return Layout.page(
            ctx, title: ctx.t("Đánh giá, xếp loại công chức", "Staff evaluation"),
            .p(
                .text(
                    ctx.t(
                        """
                        Phiếu đánh giá được tính từ hồ sơ: nhiệm vụ, bước xử lý hồ sơ, đánh giá của người dân, \
                        phản ánh và Chỉ số CCHC. Người được đánh giá tự chấm các tiêu chí còn lại; lãnh đạo chấm \
                        và xác nhận.
                        """,
                        """
                        Sheets are computed from the record: tasks, dossier steps, citizens' ratings, feedback and \
                        the PAR Index. The person scores the rest; a leader reviews and confirms.
                        """
                    ))),
            Components.form(
                action: ctx.link(EvaluationPaths.hub), method: "get", cls: "inline",
                Components.select(
                    ctx, name: "period", label: ctx.t("Kỳ đánh giá", "Period"),
                    options: periods(around: m.today).map { ($0.description, ctx.t($0.vietnamese, $0.english)) },
                    selected: m.period.description),
                m.units.isEmpty
                    ? .empty
                    : Components.select(
                        ctx, name: "unit", label: ctx.t("Đơn vị", "Unit"),
                        options: m.units.map { ($0.id?.uuidString ?? "", $0.name) },
                        selected: m.unit?.id?.uuidString),
                Components.submit(ctx.t("Xem", "Show"), secondary: true)),
            selfAssessing
                ? .section(
                    .h2(.text(ctx.t("Phiếu của tôi", "My sheet"))),
                    .ul(
                        .li(
                            .a(
                                .href(ctx.link(EvaluationPaths.sheet(m.user.id, m.period))),
                                .text(
                                    ctx.t("Phiếu ", "Sheet for ")
                                        + ctx.t(m.period.vietnamese.lowercased(), m.period.english)))),
                        .li(
                            .a(
                                .href(ctx.link(EvaluationPaths.sheet(m.user.id, m.period)) + "#losses"),
                                .text(ctx.t("Điều gì làm giảm điểm của tôi", "What lowered my score")))),
                        .li(
                            .a(
                                .href(ctx.link(EvaluationPaths.sheet(m.user.id, .year(m.period.year)))),
                                .text(ctx.t("Xếp loại năm ", "Rating for ") + "\(m.period.year)")))))
                : .empty,
            .unwrap(m.unit) { unit in
                .section(
                    .h2(.text(unit.name + " — " + ctx.t(m.period.vietnamese, m.period.english))),
                    Components.table(
                        caption: ctx.t("Phiếu đánh giá của công chức đơn vị", "The unit's sheets"),
                        headers: [
                            ctx.t("Họ và tên", "Full name"), ctx.t("Tình trạng", "Stage"),
                            ctx.t("Tự đánh giá", "Self-assessment"), ctx.t("Tổng điểm", "Total points"),
                            ctx.t("Xếp loại", "Band"),
                        ],
                        rows: m.rows.map { r in
                            let id = r.person.id ?? UUID()
                            return [
                                .group(
                                    r.problem == nil
                                        ? .a(
                                            .href(ctx.link(EvaluationPaths.sheet(id, m.period))),
                                            .text(r.person.displayName))
                                        : .text(r.person.displayName),
                                    .div(
                                        .class("hint"),
                                        .text(ctx.t(r.person.role.vietnameseName, r.person.role.englishName)))),
                                .text(r.problem ?? ctx.t(r.stage.vietnamese, r.stage.english)),
                                .text(pts(r.selfTotal)), .text(pts(r.total)),
                                .text(
                                    (r.band ?? "—")
                                        + (r.band != nil && r.unscored > 0
                                            ? ctx.t(
                                                " (tạm tính, còn tiêu chí chưa chấm)",
                                                " (provisional: criteria not scored)")
                                            : "")),
                            ]
                        }),
                    .unwrap(m.quota) { q in
                        .p(
                            .text(
                                ctx.t("Tỷ lệ xếp loại cao nhất: ", "Top-rating quota: ")
                                    + ctx.t(q.vietnamese, q.english)))
                    },
                    .ul(
                        .forEach(schemes(of: m.rows)) { scheme in
                            .li(
                                .a(
                                    .href(
                                        ctx.link(
                                            EvaluationPaths.ratingsXLSX(
                                                unit: unit.id ?? UUID(), period: m.period, scheme: scheme.id ?? UUID()))
                                    ),
                                    .text(
                                        ctx.t(
                                            "Tải danh sách xếp loại (Excel) — ", "Download the rating list (Excel) — ")
                                            + scheme.title)))
                        }))
            },
            .section(
                .h2(.text(ctx.t("Liên quan", "Related"))),
                .ul(
                    .li(
                        .a(
                            .href(ctx.link("/evaluation/schemes")),
                            .text(ctx.t("Các phiếu đánh giá đang áp dụng", "Evaluation schemes")))),
                    .li(
                        .a(
                            .href(ctx.link("/evaluation/staff")),
                            .text(ctx.t("Hồ sơ bồi dưỡng, kỷ luật", "Training and discipline records")))),
                    .li(.a(.href(ctx.link("/tasks")), .text(ctx.t("Nhiệm vụ của tôi", "My tasks"))))))
        )
    }
}
