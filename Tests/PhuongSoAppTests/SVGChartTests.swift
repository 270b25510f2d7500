import Foundation
import Plot
import Testing

@testable import PhuongSoApp

/// The ranked bar chart drawn on the server: a bar's length is its percent of the plot, a row
/// without a value has no bar but the words, a row with a link is a link, a bar under the target
/// is drawn in the warning colour, and the chart says what it shows to a screen reader.
@Suite struct SVGChartTests {
    static let chart = SVGChart.rankedBars(
        id: "t", title: "Tỷ lệ đúng hạn", summary: "Ba lĩnh vực.",
        rows: [
            .init(label: "Hộ tịch", value: 50, valueText: "50%", link: "/reports?field=HT"),
            .init(label: "Chứng thực", value: 100, valueText: "100%", link: nil),
            .init(label: "Đất đai", value: nil, valueText: "không có dữ liệu", link: nil),
            .init(label: String(repeating: "Đăng ký ", count: 10), value: 0, valueText: "0%", link: nil),
        ],
        target: .init(value: 80, text: "Chỉ tiêu ≥ 80%", reached: { $0 >= 80 })
    ).render()

    @Test func barsAreTheirPercentOfThePlotAndMissingValuesHaveNoBar() {
        let plot = SVGChart.plotWidth
        // 50% of the plot, in the warning colour (under 80%); 100% the whole plot, in the normal colour
        #expect(Self.chart.contains("width=\"\(String(format: "%.1f", plot / 2))\" height=\"14\" fill=\"#b35900\""))
        #expect(Self.chart.contains("width=\"\(String(format: "%.1f", plot))\" height=\"14\" fill=\"#1f5fa8\""))
        // four grey tracks, three bars (the row without a value has none; 0% is a hairline)
        #expect(Self.chart.components(separatedBy: "fill=\"#eef1f5\"").count - 1 == 4)
        #expect(Self.chart.components(separatedBy: "fill=\"#b35900\"").count - 1 == 2)
        #expect(Self.chart.contains(">không có dữ liệu<"))
        // the target's dashed line at 80% of the plot
        let x = String(format: "%.1f", plot * 0.8)
        #expect(Self.chart.contains("x1=\"\(x)\"") && Self.chart.contains(">Chỉ tiêu ≥ 80%<"))
    }

    @Test func rowsLinkWhereTheyLeadAndLongLabelsAreCutButKeptWhole() {
        #expect(Self.chart.contains("<a href=\"/reports?field=HT\">"))
        #expect(Self.chart.components(separatedBy: "<a ").count - 1 == 1)
        let long = String(repeating: "Đăng ký ", count: 10)
        #expect(Self.chart.contains(">" + String(long.prefix(SVGChart.labelLength - 1)) + "…<"))
        #expect(Self.chart.contains("<title>" + long + ": 0%</title>"))
    }

    @Test func theChartIsAnImageWithATitleAndADescription() {
        #expect(Self.chart.contains("role=\"img\"") && Self.chart.contains("aria-labelledby=\"t-title t-desc\""))
        #expect(Self.chart.contains("<title id=\"t-title\">Tỷ lệ đúng hạn</title>"))
        #expect(Self.chart.contains("<figcaption><strong>Tỷ lệ đúng hạn</strong>. Ba lĩnh vực.</figcaption>"))
    }
}
