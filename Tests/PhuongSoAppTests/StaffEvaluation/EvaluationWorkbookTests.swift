import Foundation
import PhuongSoCore
import Testing

@testable import PhuongSoApp

/// The XLSX of a scorecard and of a rating list, read back cell by cell.
@Suite struct EvaluationWorkbookTests {
    static func p(_ text: String) -> EvaluationPoints { EvaluationPoints.parse(text)! }

    static func haiPhong() throws -> EvaluationScheme {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/PhuongSoApp/Demo/data/staff-eval-haiphong-2025-chairman.csv")
        let rows = try CSV.parse(CSV.text(from: Array(try Data(contentsOf: url))))
        let identity = EvaluationScheme.Identity(
            id: "haiphong-2025-chairman", title: "Phiếu chấm điểm Chủ tịch UBND phường",
            source: "QĐ 212/2025/QĐ-UBND, Phụ lục 01", validFrom: try LocalDate(parsing: "2025-01-01"),
            appliesTo: "Chủ tịch UBND cấp xã")
        let run = EvaluationSchemeImport.dryRun(rows, identity: identity)
        return try #require(run.scheme)
    }

    /// The month of the core's hand calculation (EvaluationScorecardTests.chairmansMonth): II.4.a
    /// = 2 ÷ 3 × 10 = 6,67; total self 75,91, final 75,66: "Hoàn thành nhiệm vụ".
    static func card() throws -> EvaluationScorecard {
        let input = EvaluationInput(
            figures: [
                .planTasksAssigned: .count(2), .planTasksCompleted: .count(2), .planTasksMeetingRequirements: .count(2),
                .planTasksOnSchedule: .count(1), .directedTasksAssigned: .count(3), .directedTasksCompleted: .count(2),
                .directedTasksMeetingRequirements: .count(1), .directedTasksOnSchedule: .count(1),
                .parIndexAboveProvinceAverage: .count(1),
            ],
            selfAssessment: [
                "I.1": .points(p("5")), "I.2": .points(p("5")), "I.3": .points(p("4.75")), "I.4": .points(p("5")),
                "II.1": .points(p("4.5")), "II.2": .points(p("5")), "II.5.1.b": .notApplicable,
                "II.5.1.c": .notApplicable, "II.5.2.a": .notApplicable, "II.5.2.b": .points(p("2.5")),
                "II.5.2.c": .points(.zero), "II.5.2.d": .points(p("2.5")), "II.5.2.e": .notApplicable,
                "II.5.2.g": .points(p("2.5")),
            ],
            review: ["I.3": .init(.points(p("4.5")), reason: "Còn chậm trả lời văn bản của cấp trên")])
        return try EvaluationScorecard(scheme: try haiPhong(), input: input)
    }

    static let heading = EvaluationWorkbook.Heading(
        personName: "Nguyễn Văn An", position: "Lãnh đạo UBND", unitName: "UBND phường Hồng Bàng",
        periodLabel: "Tháng 3/2026", stateLabel: "Bản nháp")

    @Test func theScorecardSheetHasTheSheetsColumnsOneRowPerCriterionTheTotalAndTheRating() throws {
        // setup
        let card = try Self.card()
        // act
        let data = try EvaluationWorkbook.scorecard(card, heading: Self.heading)
        let rows = try XLSXReader.rows(Array(data))
        // check
        func row(_ first: String) -> [String]? { rows.first { $0.fields.first == first }?.fields }
        #expect(rows.first?.fields.first == "UBND PHƯỜNG HỒNG BÀNG")
        #expect(rows.contains { $0.fields.first == "Căn cứ: QĐ 212/2025/QĐ-UBND, Phụ lục 01" })
        #expect(rows.contains { $0.fields.first == "Họ và tên: Nguyễn Văn An — Chức vụ: Lãnh đạo UBND" })
        #expect(rows.contains { $0.fields.first == "Kỳ đánh giá: Tháng 3/2026 — Bản nháp" })
        #expect(row("STT") == EvaluationWorkbook.header)
        let computed = try #require(row("II.4.a"))
        #expect(computed.count == 6 && computed[1].hasPrefix("        ") && computed[2] == "10")
        #expect(Array(computed[3...]) == ["6.67", "6.67", "6.67"])
        #expect(Array(try #require(row("I.3"))[3...]) == ["4.75", "4.5", "4.5"])
        #expect(
            Array(try #require(row("II.5.1.b"))[3...]) == ["Không được giao", "Không được giao", "Không được giao"])
        let total = try #require(rows.first { $0.fields.count > 1 && $0.fields[1] == "Tổng cộng" }?.fields)
        #expect(Array(total[2...]) == ["100", "75.91", "75.66", "75.66"])
        let rating = try #require(rows.first { $0.fields.count > 1 && $0.fields[1] == "Xếp loại" }?.fields)
        #expect(rating.last == card.band?.title && card.band?.title == "Hoàn thành nhiệm vụ")
        #expect(!rows.contains { $0.fields.count > 1 && $0.fields[1].hasPrefix("Điểm tối đa áp dụng") })
        #expect(
            rows.contains {
                $0.fields.first == "– I.3 Tác phong, lề lối làm việc: Còn chậm trả lời văn bản của cấp trên"
            })
        #expect(rows.contains { $0.fields.first?.hasPrefix("Lãnh đạo đánh giá") == true })
        let order = card.lines.map(\.criterion.code)
        #expect(rows.map { $0.fields.first ?? "" }.filter { order.contains($0) } == order)
    }

    @Test func theRatingListClosesWithTheQuotaCheck() throws {
        // setup
        let quota = RatingQuotaCheck(
            quota: RatingQuota(band: "XS", ofBand: "T", percent: 20), ratings: ["XS": 0, "T": 5])
        let rows = [
            EvaluationWorkbook.RatingRow(
                name: "Trần Thị Bình", position: "Công chức chuyên môn", selfTotal: Self.p("92.5"),
                leaderTotal: Self.p("91"), total: Self.p("91"), rating: "Hoàn thành xuất sắc nhiệm vụ",
                confirmedOn: try LocalDate(parsing: "2026-12-10"), confirmedBy: "Nguyễn Văn An"),
            EvaluationWorkbook.RatingRow(
                name: "Lê Văn Cường", position: "Công chức chuyên môn", selfTotal: Self.p("80"), leaderTotal: nil,
                total: Self.p("80"), rating: "Hoàn thành tốt nhiệm vụ"),
        ]
        var heading = Self.heading
        heading.periodLabel = "Năm 2026"
        // act
        let data = try EvaluationWorkbook.ratingList(
            rows, heading: heading, scheme: try Self.haiPhong().identity, quota: quota)
        let read = try XLSXReader.rows(Array(data))
        // check
        #expect(read.first { $0.fields.first == "STT" }?.fields == EvaluationWorkbook.listHeader)
        let first = try #require(read.first { $0.fields.first == "1" }?.fields)
        #expect(
            first == [
                "1", "Trần Thị Bình", "Công chức chuyên môn", "92.5", "91", "91", "Hoàn thành xuất sắc nhiệm vụ",
                "10/12/2026, Nguyễn Văn An",
            ])
        #expect(read.first { $0.fields.first == "2" }?.fields.last == "Chưa xác nhận")
        #expect(read.contains { $0.fields.first == "Tỷ lệ xếp loại cao nhất: " + quota.vietnamese })
    }
}
