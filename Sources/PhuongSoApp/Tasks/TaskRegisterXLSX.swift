import Foundation
import PhuongSoCore

/// The task register as a spreadsheet: one row per task with its lead, deadlines, state and verdict.
enum TaskRegisterXLSX {
    static let headers = [
        "STT", "Số", "Đơn vị", "Nhiệm vụ", "Sản phẩm", "Nguồn giao", "Người chủ trì", "Ngày bắt đầu", "Hạn ban đầu",
        "Hạn hiện tại",
        "Tiến độ", "Trạng thái", "Ngày hoàn thành", "Đúng hạn", "Chất lượng",
    ]

    static func workbook(_ m: TaskRegisterModel) throws -> Data {
        let rows: [[XLSXWriter.Cell]] = m.rows.enumerated().map { i, s in
            let r = s.record
            let t = s.task
            return [
                .integer(i + 1), .integer(r.number), .text(r.unit.name), .text(r.title), .text(r.product),
                .text(r.sourceKind.vietnamese + (r.sourceRef.isEmpty ? "" : " " + r.sourceRef)),
                .text(r.lead.displayName),
                .date(t.start), .date(t.originalDeadline), .date(t.deadline), .percent(Double(t.progress)),
                .text(t.state.vietnamese + (t.isOverdue(on: m.today) ? " — quá hạn" : "")),
                t.finishedOn.map { .date($0) } ?? .empty,
                t.timeliness.map { .text($0.vietnamese) } ?? .empty, t.quality.map { .text($0.vietnamese) } ?? .empty,
            ]
        }
        let title = XLSXWriter.Title(
            unit: m.units.map { $0.name.uppercased() }.joined(separator: ", "),
            form: "SỔ THEO DÕI NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
            lines: ["Lập ngày " + m.today.vietnamese])
        return try XLSXWriter.workbook([
            XLSXWriter.Sheet(
                name: "Nhiệm vụ", title: title, header: headers, rows: rows, notes: ["Số nhiệm vụ: \(rows.count)."])
        ])
    }
}
