import Foundation
import PhuongSoCore

/// The plan as a spreadsheet: a sheet of targets (measure, goal, current value, status) under the
/// plan's document data, and a sheet of its tasks (number, title, lead, deadline, state, progress).
enum PlanExport {
    static func workbook(_ s: PlanQueries.Sheet) throws -> Data {
        let p = s.plan, vi = Language.vi
        let ctx = PageContext(lang: .vi, user: nil, csrfToken: "", path: "")
        var targets: [[XLSXWriter.Cell]] = [
            [.text(p.title.uppercased())],
            [.text(p.unit.name + " — " + PlanFormat.document(p.number, p.issuedOn, ctx) + " — " + p.status.vietnamese)],
            [.text("Số liệu tính đến ngày " + s.today.vietnamese)],
            ["STT", "Mục", "Chỉ tiêu", "Mức phấn đấu", "Đơn vị tính", "Hạn", "Hiện đạt", "Nguồn số liệu", "Đánh giá"].map { .text($0) },
        ]
        for (i, l) in s.targets.enumerated() {
            let t = l.target
            let current: XLSXWriter.Cell = l.current.map { .number(($0 * 10).rounded() / 10) } ?? .text("Chưa có số liệu")
            let source = t.figure.map { "Tự động: \($0.vietnamese) (\(l.figure?.numerator ?? 0)/\(l.figure?.denominator ?? 0))" }
                ?? l.latest.map { "Nhập ngày " + Format.date($0.entry.asOf) + " bởi " + $0.entry.enteredBy.displayName } ?? "Nhập thủ công"
            targets.append([.number(Double(i + 1)), .text(l.section?.areaName ?? ""), .text(t.measure), .text(PlanFormat.goal(t, vi)),
                            .text(t.unitOfMeasure), .text(Format.date(t.dueOn)), current, .text(source), .text(l.status.vietnamese)])
        }
        let f = s.taskFigures
        var tasks: [[XLSXWriter.Cell]] = [
            [.text("NHIỆM VỤ THỰC HIỆN " + p.title.uppercased())],
            [.text("Được giao \(f.assigned), hoàn thành \(f.completed) (\(Format.percent(f.completionRate, vi))), đúng tiến độ \(Format.percent(f.onScheduleRate, vi)), quá hạn \(f.overdue)")],
            ["Số", "Nhiệm vụ", "Người chủ trì", "Hạn hoàn thành", "Tình trạng", "Tiến độ (%)"].map { .text($0) },
        ]
        for st in s.tasks {
            let r = st.record
            let overdue = st.task.isOverdue(on: s.today) ? " (quá hạn)" : ""
            tasks.append([.text("NV\(r.number)"), .text(r.title), .text(r.lead.displayName), .text(Format.date(r.deadline)),
                          .text(st.task.state.vietnamese + overdue), .number(Double(r.progress))])
        }
        return try XLSXWriter.workbook([
            .init(name: "Chỉ tiêu", rows: targets, headerRow: 3, widths: [6, 30, 45, 14, 10, 12, 12, 40, 16]),
            .init(name: "Nhiệm vụ", rows: tasks, headerRow: 2, widths: [8, 55, 24, 14, 24, 12]),
        ])
    }

    static func filename(_ p: PlanRecord) -> String { "ke-hoach-cchc-\(p.year).xlsx" }
}
