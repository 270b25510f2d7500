import Foundation
import PhuongSoCore

/// Scorecards and a unit's rating list as XLSX, in the layout of the paper sheet: the scheme's
/// title and source, who is rated and for which period, then one row per criterion in sheet order
/// with its maximum and the three columns (self-assessed, the leader's, final), the total, the
/// rating, the leader's reasons and the signature captions. Pure functions of core values.
package enum EvaluationWorkbook {
    /// Who is rated, for which period, and where the sheet stands.
    package struct Heading: Sendable {
        package var personName: String
        /// The role's name (Chức vụ).
        package var position: String
        package var unitName: String
        /// "Tháng 3/2026", "Năm 2026".
        package var periodLabel: String
        /// "Bản nháp", "Đã xác nhận ngày 10/12/2026 bởi …".
        package var stateLabel: String
        package init(personName: String, position: String, unitName: String, periodLabel: String, stateLabel: String) {
            self.personName = personName
            self.position = position
            self.unitName = unitName
            self.periodLabel = periodLabel
            self.stateLabel = stateLabel
        }
    }

    static let notAssigned = "Không được giao"
    static let header = ["STT", "Tiêu chí", "Điểm tối đa", "Tự đánh giá", "Lãnh đạo chấm", "Điểm cuối cùng"]

    /// One person's sheet for one period.
    package static func scorecard(_ card: EvaluationScorecard, heading: Heading) throws -> Data {
        let scheme = card.scheme
        let reviewed = card.leaderTotal != nil
        var rows: [[XLSXWriter.Cell]] = []
        var bold: Set<Int> = []
        for line in card.lines {
            let c = line.criterion
            if !c.scoring.isLeaf { bold.insert(rows.count) }
            let indent = String(repeating: "    ", count: depth(of: c, in: scheme))
            let absent: XLSXWriter.Cell = line.isApplicable ? .empty : .text(notAssigned)
            rows.append([
                .text(c.code), .text(indent + c.title), points(c.maxPoints),
                line.selfPoints.map(points) ?? .text(notAssigned),
                line.leaderPoints.map(points) ?? (reviewed ? absent : .empty),
                line.finalPoints.map(points) ?? .text(notAssigned),
            ])
        }
        var totals: [[XLSXWriter.Cell]] = [
            [
                .empty, .text("Tổng cộng"), points(scheme.maximum), points(card.selfTotal),
                card.leaderTotal.map(points) ?? .empty, points(card.total),
            ]
        ]
        if card.applicableMaximum < scheme.maximum {
            totals.append([
                .empty, .text("Điểm tối đa áp dụng (trừ tiêu chí không được giao)"), points(card.applicableMaximum),
                .empty, .empty, .empty,
            ])
        }
        totals.append([.empty, .text("Xếp loại"), .empty, .empty, .empty, .text(card.band?.title ?? "Chưa xếp loại")])
        var notes: [String] = []
        let reasons = card.leaderReasons
        if !reasons.isEmpty {
            notes.append("Lý do lãnh đạo chấm khác tự đánh giá:")
            notes += reasons.map { "– \($0.criterion.code) \($0.criterion.title): \($0.reason)" }
        }
        if !card.unscored.isEmpty {
            notes.append("Tiêu chí chưa chấm (tính 0 điểm): " + card.unscored.joined(separator: ", ") + ".")
        }
        notes += [
            "Người tự đánh giá (ký, ghi rõ họ tên): \(heading.personName)",
            "Lãnh đạo đánh giá (ký, ghi rõ họ tên):",
        ]
        let sheet = XLSXWriter.Sheet(
            name: "Phiếu đánh giá", title: title(scheme.identity, heading: heading, person: true), header: header,
            rows: rows + totals, totalRows: totals.count, boldRows: bold, notes: notes)
        return try XLSXWriter.workbook([sheet])
    }

    /// A person's line of the unit's rating list.
    package struct RatingRow: Sendable {
        package var name: String
        package var position: String
        package var selfTotal: EvaluationPoints?
        package var leaderTotal: EvaluationPoints?
        package var total: EvaluationPoints?
        /// The band's title.
        package var rating: String?
        package var confirmedOn: LocalDate?
        /// Who confirmed it (display name).
        package var confirmedBy: String?
        package init(
            name: String, position: String, selfTotal: EvaluationPoints?, leaderTotal: EvaluationPoints?,
            total: EvaluationPoints?, rating: String?, confirmedOn: LocalDate? = nil, confirmedBy: String? = nil
        ) {
            self.name = name
            self.position = position
            self.selfTotal = selfTotal
            self.leaderTotal = leaderTotal
            self.total = total
            self.rating = rating
            self.confirmedOn = confirmedOn
            self.confirmedBy = confirmedBy
        }
    }

    static let listHeader = [
        "STT", "Họ và tên", "Chức vụ", "Tự đánh giá", "Lãnh đạo chấm", "Điểm cuối cùng", "Xếp loại", "Đã xác nhận",
    ]

    /// The unit's rating list for a period (`heading.personName` and `position` are not used), with
    /// the quota check as a closing line when the scheme caps its top band.
    package static func ratingList(
        _ rows: [RatingRow], heading: Heading, scheme: EvaluationScheme.Identity, quota: RatingQuotaCheck? = nil
    ) throws -> Data {
        let cells: [[XLSXWriter.Cell]] = rows.enumerated().map { i, r in
            let confirmed: String
            if let day = r.confirmedOn {
                confirmed = day.vietnamese + (r.confirmedBy.map { ", " + $0 } ?? "")
            } else {
                confirmed = "Chưa xác nhận"
            }
            return [
                .integer(i + 1), .text(r.name), .text(r.position), r.selfTotal.map(points) ?? .empty,
                r.leaderTotal.map(points) ?? .empty, r.total.map(points) ?? .empty, .text(r.rating ?? "Chưa xếp loại"),
                .text(confirmed),
            ]
        }
        var notes = ["Số người được đánh giá: \(rows.count)."]
        if let quota { notes.append("Tỷ lệ xếp loại cao nhất: " + quota.vietnamese) }
        let sheet = XLSXWriter.Sheet(
            name: "Danh sách xếp loại", title: title(scheme, heading: heading, person: false), header: listHeader,
            rows: cells, minimumWidths: [7: 22], notes: notes)
        return try XLSXWriter.workbook([sheet])
    }

    static func title(_ scheme: EvaluationScheme.Identity, heading: Heading, person: Bool) -> XLSXWriter.Title {
        var lines = ["Căn cứ: " + scheme.source]
        if person { lines.append("Họ và tên: \(heading.personName) — Chức vụ: \(heading.position)") }
        lines.append("Kỳ đánh giá: \(heading.periodLabel) — \(heading.stateLabel)")
        return XLSXWriter.Title(
            unit: heading.unitName.uppercased(),
            form: person ? scheme.title.uppercased() : "DANH SÁCH XẾP LOẠI — " + scheme.title.uppercased(),
            lines: lines)
    }

    /// A number cell (6.67): the spreadsheet shows it with its decimals and can add it up.
    static func points(_ p: EvaluationPoints) -> XLSXWriter.Cell { .number(Double(p.hundredths) / 100) }

    static func depth(of c: EvaluationCriterion, in scheme: EvaluationScheme) -> Int {
        var n = 0
        var parent = c.parent
        while let p = parent, n < scheme.criteria.count {
            n += 1
            parent = scheme.criterion(p)?.parent
        }
        return n
    }
}
