import Foundation
import Plot

/// Charts drawn on the server as SVG: no JavaScript, sharp on a phone and on paper. Each chart is
/// an image with a title and a description for screen readers (`role="img"`, `aria-labelledby`),
/// and its figures are also printed as a table under it, so nothing is only in the picture.
enum SVGChart {
    /// One bar: its label under the axis, its value in percent (nil: no data, no bar), and the
    /// value as people read it.
    struct Bar {
        let label: String
        let value: Double?
        let valueText: String
    }

    /// A goal drawn as a dashed line across the bars; `reached` says whether a value meets it
    /// (at least, or at most, the goal).
    struct Target {
        let value: Double
        let text: String
        let reached: (Double) -> Bool
    }

    static let plotTop = 24.0
    static let plotHeight = 160.0
    static let step = 46.0
    static let barWidth = 30.0
    static let left = 36.0

    /// A bar chart of percentages (0–100). Bars that miss the target are drawn in the warning colour.
    static func percentBars(
        id: String, title: String, summary: String, bars: [Bar], target: Target?, header: (String, String),
        caption: String
    ) -> Node<HTML.BodyContext> {
        let width = left + Double(bars.count) * step + 12
        let height = plotTop + plotHeight + 40
        func y(_ percent: Double) -> Double { plotTop + plotHeight * (1 - min(max(percent, 0), 100) / 100) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        var shapes: [Node<HTML.BodyContext>] = []
        // the axis: 0, 50 and 100% with light grid lines
        for tick in [0.0, 50, 100] {
            shapes.append(line(x1: left, y1: y(tick), x2: width - 6, y2: y(tick), stroke: "#ccc", dashed: false))
            shapes.append(
                text(x: left - 4, y: y(tick) + 4, anchor: "end", size: 11, fill: "#444", String(Int(tick)) + "%"))
        }
        for (i, bar) in bars.enumerated() {
            let x = left + Double(i) * step + (step - barWidth) / 2
            let centre = x + barWidth / 2
            if let v = bar.value {
                let below = target.map { !$0.reached(v) } ?? false
                shapes.append(
                    .element(
                        named: "rect",
                        nodes: [
                            .attribute(named: "x", value: n(x)), .attribute(named: "y", value: n(y(v))),
                            .attribute(named: "width", value: n(barWidth)),
                            .attribute(named: "height", value: n(max(plotTop + plotHeight - y(v), 0.5))),
                            .attribute(named: "fill", value: below ? "#b35900" : "#1f5fa8"),
                        ]))
                shapes.append(text(x: centre, y: y(v) - 4, anchor: "middle", size: 10, fill: "#222", bar.valueText))
            } else {
                shapes.append(
                    text(x: centre, y: plotTop + plotHeight - 6, anchor: "middle", size: 11, fill: "#666", "—"))
            }
            shapes.append(
                text(x: centre, y: plotTop + plotHeight + 16, anchor: "middle", size: 11, fill: "#222", bar.label))
        }
        if let target {
            shapes.append(
                line(x1: left, y1: y(target.value), x2: width - 6, y2: y(target.value), stroke: "#a30000", dashed: true)
            )
            shapes.append(
                text(x: width - 8, y: y(target.value) - 4, anchor: "end", size: 11, fill: "#a30000", target.text))
        }
        let svg: Node<HTML.BodyContext> = .element(
            named: "svg",
            nodes: [
                .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
                .attribute(named: "viewBox", value: "0 0 \(n(width)) \(n(height))"),
                .attribute(named: "width", value: "100%"),
                .attribute(named: "style", value: "max-width:\(Int(width * 1.4))px;height:auto"),
                .attribute(named: "role", value: "img"),
                .attribute(named: "aria-labelledby", value: "\(id)-title \(id)-desc"),
                .element(named: "title", nodes: [.attribute(named: "id", value: id + "-title"), .text(title)]),
                .element(named: "desc", nodes: [.attribute(named: "id", value: id + "-desc"), .text(summary)]),
            ] + shapes)
        return .element(
            named: "figure",
            nodes: [
                .attribute(named: "class", value: "chart"),
                svg,
                .element(named: "figcaption", nodes: [.text(summary)]),
                Components.table(
                    caption: caption, headers: [header.0, header.1],
                    rows: bars.map { [.text($0.label), .text($0.valueText)] }),
            ])
    }

    /// One row of a ranked chart: its label, its value in percent (nil: no data, no bar), the value
    /// as people read it, and where the row leads (the records behind it), if anywhere.
    struct Row {
        let label: String
        let value: Double?
        let valueText: String
        let link: String?
    }

    static let rowHeight = 40.0
    static let plotWidth = 196.0
    static let viewWidth = 300.0
    /// Longer labels are cut with "…" (the whole label is the row's tooltip and is in the page's table).
    static let labelLength = 40

    /// Horizontal bars of percentages, one per row, the label above its bar, so that a province's
    /// hundred wards or a ward's procedures read on a phone as well as on paper. Each row is a link
    /// when it has one (drill-down without JavaScript); bars that miss the target are drawn in the
    /// warning colour and a dashed line marks the target. The figures are in the page's table.
    static func rankedBars(id: String, title: String, summary: String, rows: [Row], target: Target?)
        -> Node<HTML.BodyContext>
    {
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        let top = target == nil ? 4.0 : 20.0
        let height = top + Double(rows.count) * rowHeight + 4
        func x(_ percent: Double) -> Double { plotWidth * min(max(percent, 0), 100) / 100 }
        var shapes: [Node<HTML.BodyContext>] = []
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let label =
                row.label.count > labelLength ? String(row.label.prefix(labelLength - 1)) + "…" : row.label
            var parts: [Node<HTML.BodyContext>] = [
                .element(named: "title", nodes: [.text(row.label + ": " + row.valueText)]),
                // the whole row is the link's target, not only its letters and its bar
                .element(
                    named: "rect",
                    nodes: [
                        .attribute(named: "x", value: "0"), .attribute(named: "y", value: n(y)),
                        .attribute(named: "width", value: n(viewWidth)),
                        .attribute(named: "height", value: n(rowHeight)),
                        .attribute(named: "fill", value: "transparent"),
                    ]),
                text(x: 0, y: y + 14, anchor: "start", size: 13, fill: "#222", label),
                .element(
                    named: "rect",
                    nodes: [
                        .attribute(named: "x", value: "0"), .attribute(named: "y", value: n(y + 20)),
                        .attribute(named: "width", value: n(plotWidth)), .attribute(named: "height", value: "14"),
                        .attribute(named: "fill", value: "#eef1f5"),
                    ]),
            ]
            if let v = row.value {
                let below = target.map { !$0.reached(v) } ?? false
                parts.append(
                    .element(
                        named: "rect",
                        nodes: [
                            .attribute(named: "x", value: "0"), .attribute(named: "y", value: n(y + 20)),
                            .attribute(named: "width", value: n(max(x(v), 0.5))),
                            .attribute(named: "height", value: "14"),
                            .attribute(named: "fill", value: below ? "#b35900" : "#1f5fa8"),
                        ]))
            }
            // without a value the words ("không có dữ liệu") sit in the empty track
            parts.append(
                text(
                    x: row.value == nil ? 4 : plotWidth + 6, y: y + 32, anchor: "start", size: 13,
                    fill: row.value == nil ? "#555" : "#222", row.valueText))
            if let link = row.link {
                shapes.append(.element(named: "a", nodes: [.attribute(named: "href", value: link)] + parts))
            } else {
                shapes.append(.element(named: "g", nodes: parts))
            }
        }
        if let target {
            let tx = x(target.value)
            shapes.append(line(x1: tx, y1: top - 4, x2: tx, y2: height - 2, stroke: "#a30000", dashed: true))
            shapes.append(
                text(
                    x: tx > plotWidth / 2 ? tx - 3 : tx + 3, y: top - 7, anchor: tx > plotWidth / 2 ? "end" : "start",
                    size: 12, fill: "#a30000", target.text))
        }
        let svg: Node<HTML.BodyContext> = .element(
            named: "svg",
            nodes: [
                .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
                .attribute(named: "viewBox", value: "0 0 \(n(viewWidth)) \(n(height))"),
                .attribute(named: "width", value: "100%"),
                .attribute(named: "style", value: "max-width:480px;height:auto"),
                .attribute(named: "role", value: "img"),
                .attribute(named: "aria-labelledby", value: "\(id)-title \(id)-desc"),
                .element(named: "title", nodes: [.attribute(named: "id", value: id + "-title"), .text(title)]),
                .element(named: "desc", nodes: [.attribute(named: "id", value: id + "-desc"), .text(summary)]),
            ] + shapes)
        return .element(
            named: "figure",
            nodes: [
                .attribute(named: "class", value: "chart"), .attribute(named: "id", value: id),
                .element(
                    named: "figcaption",
                    nodes: [.element(named: "strong", nodes: [.text(title)]), .text(". " + summary)]),
                svg,
            ])
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, dashed: Bool)
        -> Node<HTML.BodyContext>
    {
        .element(
            named: "line",
            nodes: [
                .attribute(named: "x1", value: String(format: "%.1f", x1)),
                .attribute(named: "y1", value: String(format: "%.1f", y1)),
                .attribute(named: "x2", value: String(format: "%.1f", x2)),
                .attribute(named: "y2", value: String(format: "%.1f", y2)),
                .attribute(named: "stroke", value: stroke), .attribute(named: "stroke-width", value: "1.5"),
                .attribute(named: "stroke-dasharray", value: dashed ? "6 4" : nil),
            ])
    }

    static func text(x: Double, y: Double, anchor: String, size: Int, fill: String, _ content: String)
        -> Node<HTML.BodyContext>
    {
        .element(
            named: "text",
            nodes: [
                .attribute(named: "x", value: String(format: "%.1f", x)),
                .attribute(named: "y", value: String(format: "%.1f", y)),
                .attribute(named: "text-anchor", value: anchor), .attribute(named: "font-size", value: String(size)),
                .attribute(named: "fill", value: fill), .text(content),
            ])
    }
}
