import Foundation
import PhuongSoCore

/// The plan as a spreadsheet: a sheet of targets (measure, goal, current value, status) under the
/// plan's document data, and a sheet of its tasks (number, title, lead, deadline, state, progress).
enum PlanExport {
    static func workbook(_ s: PlanQueries.Sheet) throws -> Data {
        let p = s.plan
        let vi = Language.vi
        let ctx = PageContext(lang: .vi, user: nil, csrfToken: "", path: "")
        var targets: [[XLSXWriter.Cell]] = []
        for (i, l) in s.targets.enumerated() {
            let t = l.target
            let current: XLSXWriter.Cell =
                l.current.map { .number(($0 * 10).rounded() / 10) } ?? .text("Chưa có số liệu")
            let source =
                t.figure.map { "Tự động: \($0.vietnamese) (\(l.figure?.numerator ?? 0)/\(l.figure?.denominator ?? 0))" }
                ?? l.latest.map { "Nhập ngày " + Format.date($0.entry.asOf) + " bởi " + $0.entry.enteredBy.displayName }
                ?? "Nhập thủ công"
            targets.append([
                .integer(i + 1), .text(l.section?.areaName ?? ""), .text(t.measure), .text(PlanFormat.goal(t, vi)),
                .text(t.unitOfMeasure), XLSXWriter.Cell.day(t.dueOn), current, .text(source),
                .text(l.status.vietnamese),
            ])
        }
        let f = s.taskFigures
        let tasks: [[XLSXWriter.Cell]] = s.tasks.map { st in
            let r = st.record
            let overdue = st.task.isOverdue(on: s.today) ? " (quá hạn)" : ""
            return [
                .text("NV\(r.number)"), .text(r.title), .text(r.lead.displayName), XLSXWriter.Cell.day(r.deadline),
                .text(st.task.state.vietnamese + overdue), .percent(Double(r.progress)),
            ]
        }
        let document =
            p.unit.name + " — " + PlanFormat.document(p.number, p.issuedOn, ctx) + " — " + p.status.vietnamese
        return try XLSXWriter.workbook([
            .init(
                name: "Chỉ tiêu",
                title: .init(
                    unit: p.unit.name.uppercased(), form: p.title.uppercased(),
                    lines: [document, "Số liệu tính đến ngày " + s.today.vietnamese]),
                header: [
                    "STT", "Mục", "Chỉ tiêu", "Mức phấn đấu", "Đơn vị tính", "Hạn", "Hiện đạt", "Nguồn số liệu",
                    "Đánh giá",
                ], rows: targets),
            .init(
                name: "Nhiệm vụ",
                title: .init(
                    unit: p.unit.name.uppercased(), form: "NHIỆM VỤ THỰC HIỆN " + p.title.uppercased(),
                    lines: [
                        """
                        Được giao \(f.assigned), hoàn thành \(f.completed) \
                        (\(Format.percent(f.completionRate, vi))), đúng tiến độ \
                        \(Format.percent(f.onScheduleRate, vi)), quá hạn \(f.overdue)
                        """
                    ]),
                header: ["Số", "Nhiệm vụ", "Người chủ trì", "Hạn hoàn thành", "Tình trạng", "Tiến độ"], rows: tasks),
        ])
    }

    static func filename(_ p: PlanRecord) -> String { "ke-hoach-cchc-\(p.year).xlsx" }
}
