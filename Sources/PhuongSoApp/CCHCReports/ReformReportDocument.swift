import Foundation
import PhuongSoCore

/// A report's snapshot as a Decree 30 document (the DOCX) and its statistics annex (the XLSX).
/// Both read only the snapshot, so a version prints the same today as the day it was sent.
enum ReformReportDocument {
    static let roman = ["I", "II", "III", "IV", "V", "VI", "VII"]

    static func filename(_ h: ReformReportSnapshot.Header) -> String {
        "bao-cao-cchc-\(h.kind.rawValue)-\(h.year)"
    }

    static func pct(_ v: Double?) -> String { Format.percent(v, .vi) }
    static func num(_ n: Int) -> String { Format.number(n, .vi) }

    /// The document. Until the office sets them, the number prints as "…/BC-UBND" left open for
    /// the clerk (văn thư) to fill and the date as the due day.
    static func document(_ s: ReformReportSnapshot, utcOffset: Int) throws -> Decree30Document {
        let h = s.header
        let f = s.figures
        var blocks: [Decree30Document.Block] = []
        var part = 0
        func heading(_ text: String) {
            blocks.append(.heading("\(roman[part]). " + text.uppercased()))
            part += 1
        }
        func paragraphs(_ key: String) {
            let text = s.narrative[key] ?? ""
            if !text.isEmpty { blocks.append(.paragraph(text)) }
        }
        let from = Format.date(h.dataFrom)
        let to = Format.date(h.dataTo)
        // what the report is about, as its sentences name it
        let about =
            h.kind == .adHoc
            ? h.subject.lowercasedFirst
            : "kết quả thực hiện công tác cải cách hành chính \(h.kind.periodWords(year: h.year))"
        blocks.append(
            .paragraph(
                "Ủy ban nhân dân \(h.unitName.lowercasedFirst) báo cáo \(about) (số liệu từ ngày \(from) đến ngày "
                    + "\(to)) như sau:"))
        heading(ReformReportOutline.direction.vietnamese)
        paragraphs(ReformReportOutline.direction.key)
        heading("Kết quả thực hiện các nhiệm vụ cải cách hành chính")
        var n = 0
        for area in ReformReportOutline.areas where !(s.narrative[area.key] ?? "").isEmpty {
            n += 1
            blocks.append(.subheading("\(n). \(area.vietnamese)"))
            paragraphs(area.key)
        }
        heading("Kết quả bằng số liệu")
        blocks += figureBlocks(f)
        blocks.append(
            .note(
                "Số liệu trích từ hệ thống PhuongSo ngày "
                    + Format.date(LocalDateTime(Instant(seconds: f.computedAtSeconds), utcOffset: utcOffset).date)
                    + "; chi tiết theo thủ tục và từng chỉ tiêu tại phụ lục kèm theo."))
        heading(ReformReportOutline.assessment.vietnamese)
        paragraphs(ReformReportOutline.assessment.key)
        heading(ReformReportOutline.next.vietnamese)
        paragraphs(ReformReportOutline.next.key)
        if !(s.narrative[ReformReportOutline.proposals.key] ?? "").isEmpty {
            heading(ReformReportOutline.proposals.vietnamese)
            paragraphs(ReformReportOutline.proposals.key)
        }
        blocks.append(
            .paragraph("Trên đây là báo cáo \(about) của Ủy ban nhân dân \(h.unitName.lowercasedFirst)./."))
        return Decree30Document(
            issuer: ["ỦY BAN NHÂN DÂN", h.unitName.uppercased()],
            number: h.number.isEmpty ? "      /BC-UBND" : h.number,
            place: placeName(h.unitName), date: try LocalDate(parsing: h.reportDate ?? h.dueOn), kind: "BÁO CÁO",
            subject: h.subject,
            blocks: blocks,
            signature: .init(authority: "TM. ỦY BAN NHÂN DÂN", title: h.signerTitle.uppercased(), name: h.signerName),
            recipients: h.recipients)
    }

    /// The tables of part III: dossiers by field, the online and digital shares, the 766 index,
    /// tasks, inspections and initiatives, feedback, the PAR Index.
    static func figureBlocks(_ f: ReformReportFigures) -> [Decree30Document.Block] {
        let total = f.dossierTotal
        func line(_ r: StatisticsMatrix.Row, name: String) -> [String] {
            [
                name, num(r.received), num(r.resolved),
                num(r.resolvedEarly + r.resolvedOnTime), num(r.resolvedLate),
                num(r.inProgressNotDue + r.inProgressOverdue), num(r.inProgressOverdue), pct(r.onTimeRate),
            ]
        }
        let dossierRows = f.byField.map { line($0, name: $0.name) } + [line(total, name: "Tổng cộng")]
        let shares = f.shares.map { s in
            [s.key.vietnamese, "\(num(s.value.numerator))/\(num(s.value.denominator))", pct(s.value.percent)]
        }
        let groups = f.index766.groups.map { g in
            [g.group.vi, Format.points(g.points, .vi), Format.points(g.group.max, .vi)]
        }
        let t = f.tasks
        return [
            .subheading("1. Tình hình, kết quả giải quyết thủ tục hành chính"),
            .table(
                .init(
                    caption: "Bảng 1. Hồ sơ thủ tục hành chính theo lĩnh vực",
                    header: [
                        "Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Trước và đúng hạn", "Trễ hạn", "Đang giải quyết",
                        "Trong đó quá hạn", "Tỷ lệ đúng hạn",
                    ], rows: dossierRows)),
            .subheading("2. Dịch vụ công trực tuyến, số hóa và thực hiện nhiệm vụ"),
            .table(.init(caption: "Bảng 2. Các tỷ lệ chính", header: ["Chỉ tiêu", "Số lượng", "Tỷ lệ"], rows: shares)),
            .subheading("3. Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ (Quyết định 766/QĐ-TTg)"),
            .table(
                .init(
                    caption: "Bảng 3. Điểm theo nhóm chỉ số",
                    header: ["Nhóm chỉ số", "Điểm đạt", "Điểm tối đa"],
                    rows: groups + [
                        [
                            "Tổng điểm", Format.points(f.index766.total, .vi),
                            Format.points(f.index766.groups.reduce(0) { $0 + $1.group.max }, .vi),
                        ]
                    ])),
            .note(
                "Cách tính: \(versionTitle(f.index766.version)). "
                    + "“Không có dữ liệu”: chỉ số chưa đủ số liệu để tính (không tính là 0 điểm). Tổng điểm các chỉ số đã có "
                    + "số liệu: \(Format.points(f.index766.knownPoints, .vi))/\(Format.points(f.index766.knownMax, .vi))."
            ),
            .subheading("4. Nhiệm vụ cải cách hành chính, kiểm tra và sáng kiến"),
            .table(
                .init(
                    caption: "Bảng 4. Nhiệm vụ, kiểm tra, sáng kiến trong kỳ", header: ["Nội dung", "Số lượng"],
                    rows: [
                        ["Nhiệm vụ CCHC có hạn trong kỳ", num(t.assigned)],
                        ["Đã hoàn thành", num(t.completed)],
                        ["Hoàn thành đúng tiến độ / đến hạn", "\(num(t.onSchedule))/\(num(t.due))"],
                        ["Quá hạn chưa hoàn thành", num(t.overdue)],
                        ["Cuộc kiểm tra CCHC theo kế hoạch", num(f.inspections.planned)],
                        ["Đã tiến hành kiểm tra", num(f.inspections.held)],
                        ["Kết luận (tồn tại) phát hiện qua kiểm tra", num(f.inspections.findings)],
                        ["Sáng kiến đã nộp đơn", num(f.initiatives.filed)],
                        ["Sáng kiến được công nhận", num(f.initiatives.recognized)],
                    ])),
        ] + feedbackBlocks(f.feedback) + parBlocks(f.parIndex)
    }

    /// The place on the date line (Nghị định 30/2020, Phụ lục I, mục II.4): a ward's or commune's
    /// own name without "Phường"/"Xã"/"Thị trấn"/"Đặc khu" ("Thành Sen, ngày …"), except a name
    /// that is a number, which keeps it ("Phường 15, ngày …").
    static func placeName(_ unitName: String) -> String {
        for kind in ["Phường ", "Xã ", "Thị trấn ", "Đặc khu "] where unitName.hasPrefix(kind) {
            let own = String(unitName.dropFirst(kind.count))
            return own.allSatisfy(\.isNumber) ? unitName : own
        }
        return unitName
    }

    /// The 766 formulas' title as people read it, for the version a snapshot was scored with.
    static func versionTitle(_ id: String) -> String {
        id == Index766.Version.portal2025.id ? Index766.Version.portal2025.title : id
    }

    /// The statistics annex: dossiers by field and by procedure, every 766 indicator, the shares,
    /// feedback and the PAR Index.
    static func annex(_ s: ReformReportSnapshot) throws -> Data {
        let h = s.header
        let f = s.figures
        func title(_ form: String) -> XLSXWriter.Title {
            XLSXWriter.Title(
                unit: "ỦY BAN NHÂN DÂN " + h.unitName.uppercased(), form: form,
                lines: [
                    "Phụ lục kèm theo báo cáo \(h.number.isEmpty ? "(dự thảo)" : "số " + h.number) — \(h.subject)",
                    "Số liệu từ ngày \(Format.date(h.dataFrom)) đến ngày \(Format.date(h.dataTo))",
                ])
        }
        func row(_ r: StatisticsMatrix.Row) -> [XLSXWriter.Cell] {
            [.text(r.name)]
                + [
                    r.received, r.inProgressNotDue, r.inProgressOverdue, r.resolvedEarly, r.resolvedOnTime,
                    r.resolvedLate, r.pausedSupplement, r.refused, r.withdrawn,
                ].map { .integer($0) } + [r.onTimeRate.map { .percent($0) } ?? .text("không có dữ liệu")]
        }
        let total = f.dossierTotal
        let indicators = f.index766.figures.map { x -> [XLSXWriter.Cell] in
            [
                .text(x.indicator.code), .text(x.indicator.vi + (x.indicator.illustrativePoints ? " (*)" : "")),
                x.count.map { .integer($0.numerator) } ?? .empty, x.count.map { .integer($0.denominator) } ?? .empty,
                x.percent.map { .percent($0) } ?? .text("không có dữ liệu"),
                x.points.map { .number($0) } ?? .text("không có dữ liệu"), .number(x.indicator.max),
            ]
        }
        return try XLSXWriter.workbook([
            XLSXWriter.Sheet(
                name: "Hồ sơ theo lĩnh vực", title: title("PHỤ LỤC 1. TÌNH HÌNH GIẢI QUYẾT TTHC THEO LĨNH VỰC"),
                header: ["Lĩnh vực"] + ReportsXLSX.matrixHeader, rows: f.byField.map(row) + [row(total)],
                totalRows: 1),
            XLSXWriter.Sheet(
                name: "Hồ sơ theo thủ tục", title: title("PHỤ LỤC 2. TÌNH HÌNH GIẢI QUYẾT TTHC THEO THỦ TỤC"),
                header: ["Thủ tục"] + ReportsXLSX.matrixHeader, rows: f.byProcedure.map(row) + [row(total)],
                totalRows: 1),
            XLSXWriter.Sheet(
                name: "Chỉ số 766", title: title("PHỤ LỤC 3. BỘ CHỈ SỐ THEO QUYẾT ĐỊNH 766/QĐ-TTg"),
                header: ["Mã", "Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ", "Điểm", "Điểm tối đa"], rows: indicators,
                notes: [
                    "Cách tính: \(versionTitle(f.index766.version)). (*) Điểm tối đa minh họa, chưa được công bố chính thức.",
                    "“Không có dữ liệu”: chưa đủ số liệu để tính, không tính là 0 điểm.",
                ]),
            XLSXWriter.Sheet(
                name: "Tỷ lệ chính", title: title("PHỤ LỤC 4. CÁC TỶ LỆ CHÍNH"),
                header: ["Chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ"],
                rows: f.shares.map { x in
                    [
                        .text(x.key.vietnamese), .integer(x.value.numerator), .integer(x.value.denominator),
                        x.value.percent.map { .percent($0) } ?? .text("không có dữ liệu"),
                    ]
                }),
            feedbackParSheet(f, title: title("PHỤ LỤC 5. PHẢN ÁNH, KIẾN NGHỊ VÀ CHỈ SỐ CCHC")),
        ])
    }
}

extension String {
    /// "Phường Thành Sen" → "phường Thành Sen", as a name reads inside a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
