import Foundation
import PhuongSoCore

/// The task register as a spreadsheet: one row per task with its lead, deadlines, state and verdict.
enum TaskRegisterXLSX {
    static let headers = ["STT", "Số", "Đơn vị", "Nhiệm vụ", "Sản phẩm", "Nguồn giao", "Người chủ trì", "Ngày bắt đầu", "Hạn ban đầu", "Hạn hiện tại",
                          "Tiến độ (%)", "Trạng thái", "Ngày hoàn thành", "Đúng hạn", "Chất lượng"]

    static func workbook(_ m: TaskRegisterModel) throws -> Data {
        var rows: [[XLSXWriter.Cell]] = [[.text("SỔ THEO DÕI NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH — " + m.units.map(\.name).joined(separator: ", "))],
                                         [.text("Lập ngày " + m.today.vietnamese)], headers.map { .text($0) }]
        for (i, s) in m.rows.enumerated() {
            let r = s.record, t = s.task
            rows.append([.number(Double(i + 1)), .number(Double(r.number)), .text(r.unit.name), .text(r.title), .text(r.product),
                         .text(r.sourceKind.vietnamese + (r.sourceRef.isEmpty ? "" : " " + r.sourceRef)), .text(r.lead.displayName),
                         .text(t.start.vietnamese), .text(t.originalDeadline.vietnamese), .text(t.deadline.vietnamese), .number(Double(t.progress)),
                         .text(t.state.vietnamese + (t.isOverdue(on: m.today) ? " — quá hạn" : "")), .text(t.finishedOn?.vietnamese ?? ""),
                         .text(t.timeliness?.vietnamese ?? ""), .text(t.quality?.vietnamese ?? "")])
        }
        return try XLSXWriter.workbook([XLSXWriter.Sheet(name: "Nhiệm vụ", rows: rows, headerRow: 2,
                                                         widths: [5, 5, 18, 40, 24, 24, 20, 12, 12, 12, 9, 18, 13, 10, 16])])
    }
}
