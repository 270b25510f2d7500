import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Vapor

/// The checks and refusals the report writer shares: the data period, why a conditional write
/// matched nothing, the stored JSON.
extension ReformReportService {
    /// JSON as stored: keys sorted, so equal values store equal text.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    /// What the audit trail keeps of a save: the document's data and every section's text.
    struct Audited: Encodable {
        var header: ReformReportAPI.Header
        var narrative: [String: String]
    }

    /// A data period a report may count: not ending before it starts, at most five years; a
    /// scheduled report's ends in its year (its cut-off may move, not its period).
    static func checkPeriod(
        _ from: LocalDate, _ to: LocalDate, kind: ReportSchedule.Kind, year: Int, into p: inout ValidationProblems
    ) {
        if from > to {
            p.add("dataTo", "Số liệu đến ngày phải từ ngày bắt đầu trở đi.", "The data cannot end before they start.")
        } else if to.epochDay - from.epochDay > 5 * 366 {
            p.add("dataTo", "Kỳ số liệu dài tối đa 5 năm.", "A data period can span at most five years.")
        } else if kind != .adHoc && (to.year != year || from.year < year - 1) {
            p.add(
                "dataTo", "Số liệu của báo cáo năm \(year) phải kết thúc trong năm \(year).",
                "The data of a \(year) report must end in \(year).")
        }
    }

    /// Why a conditional write matched nothing, from the report as it is now: locked by a
    /// submission or a decision, or changed by someone else since it was opened.
    static func refused(_ r: ReformReportRecord, on db: Database) async throws -> AppError {
        let now = try await ReformReportQueries.find(try r.requireID(), on: db)
        guard now.status.editable else { return locked(now) }
        return AppError.conflict(
            vi: "Báo cáo vừa được người khác sửa: vui lòng mở lại trang để xem nội dung mới rồi sửa tiếp.",
            en: "Someone has just changed the report: open the page again to see their changes, then continue.")
    }

    static func locked(_ r: ReformReportRecord) -> AppError {
        r.status == .accepted
            ? AppError.conflict(
                vi: "Báo cáo đã được tỉnh chấp nhận: nội dung và số liệu đã khóa, không sửa được nữa.",
                en: "The province has accepted the report: its text and figures are locked.")
            : AppError.conflict(
                vi: "Báo cáo đã gửi tỉnh và đang chờ xem xét: chỉ sửa được khi tỉnh trả lại.",
                en: "The report has been submitted and awaits the province: it can change only if returned.")
    }

    static func notSubmitted(_ r: ReformReportRecord) -> AppError {
        AppError.conflict(
            vi: "Báo cáo không ở trạng thái chờ xem xét (hiện: \(r.status.vietnamese.lowercased())).",
            en: "The report is not awaiting review (now: \(r.status.english.lowercased())).")
    }
}
