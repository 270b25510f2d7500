import Foundation
import PhuongSoCore

/// Part III's feedback and PAR Index figures, in the document (and so on the report's page) and in
/// the annex. A snapshot frozen before they were computed prints "không có dữ liệu", never 0.
extension ReformReportDocument {
    static let noData = "không có dữ liệu"

    /// What each feedback line counts, with its count (nil: not in the snapshot).
    static func feedbackLines(_ f: ReformReportFigures.Feedback?) -> [(label: String, count: Int?)] {
        [
            ("Phản ánh, kiến nghị tiếp nhận trong kỳ", f?.received),
            ("Đã xử lý xong đến hết kỳ", f?.handled),
            ("Trong đó xử lý đúng thời hạn", f?.handledOnTime),
            ("Chưa xử lý xong đến hết kỳ", f?.open),
        ]
    }

    static let feedbackNote =
        "Đã xử lý xong: câu trả lời đã được lãnh đạo duyệt (kể cả đang chờ công khai), hoặc đã từ chối tiếp nhận, đã "
        + "chuyển cơ quan có thẩm quyền. Đúng thời hạn: mọi bước xử lý trong thời hạn quy định, như cách tính chỉ số 5.2 "
        + "của Quyết định 766/QĐ-TTg."

    static func parTotal(_ points: Double, of maximum: Double, percent: Double?) -> String {
        "\(Format.points(points, .vi))/\(Format.points(maximum, .vi)) điểm (\(pct(percent)))"
    }

    static func feedbackBlocks(_ f: ReformReportFigures.Feedback?) -> [Decree30Document.Block] {
        [
            .subheading("5. Tiếp nhận, xử lý phản ánh, kiến nghị"),
            .table(
                .init(
                    caption: "Bảng 5. Phản ánh, kiến nghị trong kỳ", header: ["Nội dung", "Số lượng"],
                    rows: feedbackLines(f).map { [$0.label, $0.count.map(num) ?? noData] })),
            .note(feedbackNote),
        ]
    }

    static func parBlocks(_ p: ReformReportFigures.ParIndex?) -> [Decree30Document.Block] {
        let heading = Decree30Document.Block.subheading("6. Chỉ số cải cách hành chính (Chỉ số CCHC)")
        guard let p else { return [heading, .paragraph("Chỉ số CCHC: không có dữ liệu.")] }
        guard let a = p.assessment else {
            return [heading, .paragraph("Chưa có kỳ đánh giá Chỉ số CCHC nào của đơn vị trên hệ thống.")]
        }
        let appraised =
            a.appraisedPoints.map {
                parTotal($0, of: a.maximum, percent: a.appraisedPercent)
                    + (a.phase == .published ? a.band.map { ", xếp loại \($0)" } ?? "" : " (đến nay)")
            } ?? "Chưa thẩm định"
        let notPublished = "Chưa công bố kết quả"
        let tasks = a.deductionTasksCompleted.map { done in "\(num(done))/\(num(a.deductionsAssigned ?? 0))" }
        return [
            heading,
            .table(
                .init(
                    caption: "Bảng 6. Chỉ số CCHC năm \(a.year)", header: ["Nội dung", "Kết quả"],
                    rows: [
                        ["Giai đoạn đánh giá", a.phase.vietnamese],
                        [
                            "Điểm đơn vị tự đánh giá",
                            parTotal(a.selfPoints, of: a.maximum, percent: a.selfPercent)
                                + (a.selfUnscored > 0 ? "; còn \(num(a.selfUnscored)) tiêu chí chưa chấm" : ""),
                        ],
                        ["Điểm sau thẩm định", appraised],
                        ["Tiêu chí bị trừ điểm", a.criteriaLosingPoints.map(num) ?? notPublished],
                        ["Tiêu chí đã giao trách nhiệm khắc phục", a.deductionsAssigned.map(num) ?? notPublished],
                        ["Nhiệm vụ khắc phục đã hoàn thành", tasks ?? notPublished],
                    ])),
            .note(
                "Kỳ đánh giá của năm báo cáo, nếu chưa có thì kỳ gần nhất trước đó; giai đoạn và điểm tính đến ngày trích "
                    + "số liệu."
                    + (a.illustrative ? " Điểm của bộ tiêu chí là minh họa, chưa phải điểm tỉnh công bố." : "")),
        ]
    }

    /// The annex's sheet of the same figures, as numbers.
    static func feedbackParSheet(_ f: ReformReportFigures, title: XLSXWriter.Title) -> XLSXWriter.Sheet {
        func count(_ n: Int?) -> XLSXWriter.Cell { n.map { .integer($0) } ?? .text(noData) }
        var rows: [[XLSXWriter.Cell]] = [[.text("Phản ánh, kiến nghị"), .empty]]
        rows += feedbackLines(f.feedback).map { [.text($0.label), count($0.count)] }
        rows.append([.text("Chỉ số CCHC"), .empty])
        let par = rows.count - 1
        if let a = f.parIndex?.assessment {
            func points(_ x: Double?, _ missing: String) -> XLSXWriter.Cell { x.map { .number($0) } ?? .text(missing) }
            func percent(_ x: Double?, _ missing: String) -> XLSXWriter.Cell {
                x.map { .percent($0) } ?? .text(missing)
            }
            let notPublished = "chưa công bố kết quả"
            rows += [
                [.text("Năm đánh giá"), .integer(a.year)], [.text("Giai đoạn đánh giá"), .text(a.phase.vietnamese)],
                [.text("Điểm tối đa"), .number(a.maximum)], [.text("Điểm đơn vị tự đánh giá"), .number(a.selfPoints)],
                [.text("Tỷ lệ tự đánh giá"), percent(a.selfPercent, noData)],
                [.text("Tiêu chí chưa chấm khi tự đánh giá"), .integer(a.selfUnscored)],
                [.text("Điểm sau thẩm định"), points(a.appraisedPoints, "chưa thẩm định")],
                [.text("Chỉ số sau thẩm định"), percent(a.appraisedPercent, "chưa thẩm định")],
                [.text("Xếp loại"), .text(a.band ?? notPublished)],
                [.text("Tiêu chí bị trừ điểm"), a.criteriaLosingPoints.map { .integer($0) } ?? .text(notPublished)],
                [
                    .text("Tiêu chí đã giao trách nhiệm khắc phục"),
                    a.deductionsAssigned.map { .integer($0) } ?? .text(notPublished),
                ],
                [
                    .text("Nhiệm vụ khắc phục đã hoàn thành"),
                    a.deductionTasksCompleted.map { .integer($0) } ?? .text(notPublished),
                ],
            ]
        } else {
            rows.append([.text("Kết quả"), .text(f.parIndex == nil ? noData : "chưa có kỳ đánh giá")])
        }
        return XLSXWriter.Sheet(
            name: "Phản ánh, Chỉ số CCHC", title: title, header: ["Nội dung", "Giá trị"], rows: rows,
            boldRows: [0, par], notes: [feedbackNote])
    }
}
