import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The sheets as XLSX in the scheme's layout (`EvaluationWorkbook`): one person's sheet, and a
/// unit's rating list for a period on one scheme.
extension EvaluationController {
    static func registerExport(_ routes: RoutesBuilder, api: RoutesBuilder) {
        routes.get(EvaluationPaths.routeSheet("xlsx"), use: sheetXLSX).requires(.viewEvaluations)
        routes.get(EvaluationPaths.ratings.pathComponents, use: ratingsXLSX).requires(.viewEvaluations)
        api.get(EvaluationPaths.apiSheet("xlsx"), use: sheetXLSX).requires(.viewEvaluations)
        api.get("evaluation", "ratings.xlsx", use: ratingsXLSX).requires(.viewEvaluations)
    }

    @Sendable static func sheetXLSX(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        let sheet = try await ScorecardQueries.visibleSheet(
            person: try person(req), period: try period(req), to: user, today: today(req),
            utcOffset: req.config.utcOffset, on: req.db)
        var confirmer: String? = nil
        if let id = sheet.record?.$confirmedBy.id { confirmer = try await UserRecord.find(id, on: req.db)?.displayName }
        let state =
            sheet.cycle.confirmedOn.map { "Đã xác nhận ngày \($0.vietnamese)" + (confirmer.map { " bởi \($0)" } ?? "") }
            ?? sheet.cycle.stage.vietnamese
        let data = try EvaluationWorkbook.scorecard(
            try sheet.card(),
            heading: .init(
                personName: sheet.person.displayName, position: sheet.person.role.vietnameseName,
                unitName: sheet.unit.name, periodLabel: sheet.period.vietnamese, stateLabel: state))
        return ReportsController.download(data, name: "phieu-danh-gia-\(sheet.period).xlsx")
    }

    @Sendable static func ratingsXLSX(req: Request) async throws -> Response {
        let user = try req.require(.viewEvaluations)
        guard let unitID = try req.query.get(String?.self, at: "unit").flatMap(UUID.init(uuidString:)),
            let unit = try await UnitRecord.find(unitID, on: req.db),
            let period = try req.query.get(String?.self, at: "period").flatMap(EvaluationPeriod.init),
            let schemeID = try req.query.get(String?.self, at: "scheme").flatMap(UUID.init(uuidString:)),
            let schemeRecord = try await EvaluationSchemeStore.find(schemeID, db: req.db)
        else {
            throw AppError.invalid(
                field: nil, vi: "Cần chọn đơn vị, kỳ đánh giá (2026-03, 2026-Q1 hoặc 2026) và mẫu phiếu.",
                en: "Give the unit, the period (2026-03, 2026-Q1 or 2026) and the scheme.")
        }
        let scope = try await UnitQueries.scope(on: req.db)
        let own = [.leader, .office].contains(user.role) && user.unitID == unitID
        let supervised =
            user.role == .supervisor
            && user.unitID.map { scope.contains(unitID.uuidString, within: $0.uuidString) }
                ?? false
        guard own || supervised else { throw AppError.forbidden }
        let scheme = try EvaluationSchemeStore.scheme(schemeRecord)
        let today = today(req)
        let staff = try await UserRecord.query(on: req.db).filter(\.$unit.$id == unitID).filter(\.$active == true)
            .sort(\.$displayName).all().filter { [.clerk, .official, .leader, .office].contains($0.role) }
        var rows: [EvaluationWorkbook.RatingRow] = []
        var ratings: [String: Int] = [:]
        for person in staff {
            let row = try await EvaluationHub.row(
                person, period: period, today: today, utcOffset: req.config.utcOffset, on: req.db)
            guard row.scheme?.id == schemeID else { continue }
            var confirmer: String? = nil
            if let id = row.confirmedBy { confirmer = try await UserRecord.find(id, on: req.db)?.displayName }
            if row.stage == .confirmed, let band = row.bandCode { ratings[band, default: 0] += 1 }
            rows.append(
                .init(
                    name: person.displayName, position: person.role.vietnameseName, selfTotal: row.selfTotal,
                    leaderTotal: row.leaderTotal, total: row.total, rating: row.band, confirmedOn: row.confirmedOn,
                    confirmedBy: confirmer))
        }
        let quota = period.isYear ? scheme.quota.map { RatingQuotaCheck(quota: $0, ratings: ratings) } : nil
        let data = try EvaluationWorkbook.ratingList(
            rows,
            heading: .init(
                personName: "", position: "", unitName: unit.name, periodLabel: period.vietnamese,
                stateLabel: "Lập ngày \(today.vietnamese)"), scheme: scheme.identity, quota: quota)
        return ReportsController.download(data, name: "danh-sach-xep-loai-\(period).xlsx")
    }
}
