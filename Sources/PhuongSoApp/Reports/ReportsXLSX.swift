import Foundation
import PhuongSoCore

/// The statistics matrix and the BM.06 register as printable spreadsheets.
enum ReportsXLSX {
    static func matrix(_ m: ReportsController.Matrix) throws -> Data {
        func row(_ r: StatisticsMatrix.Row) -> [XLSXWriter.Cell] {
            [.text(r.name)]
                + [
                    r.received, r.inProgressNotDue, r.inProgressOverdue, r.resolvedEarly, r.resolvedOnTime,
                    r.resolvedLate, r.pausedSupplement, r.refused, r.withdrawn,
                ]
                .map { .integer($0) } + [r.onTimeRate.map { .percent($0) } ?? .text("không có dữ liệu")]
        }
        let header = [m.group == "procedure" ? "Thủ tục" : m.group == "unit" ? "Đơn vị" : "Lĩnh vực"] + matrixHeader
        let scope = m.units > 1 ? " (gồm \(m.units) đơn vị)" : ""
        let title = XLSXWriter.Title(
            unit: m.unitName.uppercased() + scope,
            form: "BIỂU THỐNG KÊ TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            lines: [
                "Kỳ thống kê: từ ngày \(Format.date(m.from)) đến ngày \(Format.date(m.to)) — theo \(header[0].lowercased())"
            ])
        return try XLSXWriter.workbook([
            XLSXWriter.Sheet(
                name: "Thống kê", title: title, header: header, rows: m.rows.map(row) + [row(m.total)], totalRows: 1,
                notes: [
                    """
                    Hồ sơ tiếp nhận trong kỳ. “Không có dữ liệu”: chưa có hồ sơ nào đã giải quyết. Tỷ lệ trước và \
                    đúng hạn = (trước hạn + đúng hạn) / đã giải quyết.
                    """
                ])
        ])
    }

    static let matrixHeader = [
        "Tiếp nhận", "Đang giải quyết: chưa đến hạn", "Đang giải quyết: quá hạn", "Đã giải quyết: trước hạn",
        "Đã giải quyết: đúng hạn",
        "Đã giải quyết: trễ hạn", "Tạm dừng: chờ bổ sung", "Từ chối", "Rút hồ sơ", "Tỷ lệ trước và đúng hạn",
    ]

    static let registerHeader = [
        "STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên người nộp hồ sơ", "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
        "Ngày, giờ nhận hồ sơ", "Ngày, giờ hẹn trả kết quả", "Ngày, giờ trả kết quả", "Hình thức trả kết quả",
        "Ký nhận",
    ]

    /// The register (sổ theo dõi hồ sơ, BM.06) of a unit, a field and a period.
    static func register(
        _ rows: [DossierRecord], unit: UnitRecord, field: String?, from: String?, to: String?, today: LocalDate,
        utcOffset: Int
    ) throws -> Data {
        func at(_ seconds: Int64?) -> XLSXWriter.Cell {
            seconds.map { .dateTime(LocalDateTime(Instant(seconds: $0), utcOffset: utcOffset)) } ?? .empty
        }
        var lines = [field.flatMap { $0.isEmpty ? nil : "Lĩnh vực: " + $0 } ?? "Tất cả lĩnh vực"]
        switch (from.flatMap { $0.isEmpty ? nil : $0 }, to.flatMap { $0.isEmpty ? nil : $0 }) {
        case (let f?, let t?): lines.append("Hồ sơ tiếp nhận từ ngày \(Format.date(f)) đến ngày \(Format.date(t))")
        case (let f?, nil): lines.append("Hồ sơ tiếp nhận từ ngày \(Format.date(f))")
        case (nil, let t?): lines.append("Hồ sơ tiếp nhận đến ngày \(Format.date(t))")
        case (nil, nil): break
        }
        lines.append("Lập ngày " + today.vietnamese)
        let title = XLSXWriter.Title(
            unit: "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ — " + unit.name.uppercased(), form: "SỔ THEO DÕI HỒ SƠ (Mẫu BM.06)",
            lines: lines)
        let table: [[XLSXWriter.Cell]] = try rows.enumerated().map { i, d in
            let a = try d.applicant
            return [
                .integer(i + 1), .text(d.code ?? ""), .text(d.procedure.name), .text(a.name),
                .text([a.address, a.phone].filter { !$0.isEmpty }.joined(separator: ", ")),
                .text(unit.name), at(d.receivedAt), at(d.dueAt), at(d.returnedAt),
                d.returnNote.isEmpty ? .empty : .text(d.returnNote), .empty,
            ]
        }
        return try XLSXWriter.workbook([
            XLSXWriter.Sheet(
                name: "BM.06", title: title, header: registerHeader, rows: table, minimumWidths: [10: 14],
                notes: ["Số hồ sơ: \(rows.count)."])
        ])
    }
}
