import Foundation
import PhuongSoCore

extension XLSXWriter {
    /// The cell formats of every workbook (styles.xml), by index. Times New Roman, as official
    /// documents are set (Nghị định 30/2020/NĐ-CP); LibreOffice prints it as Liberation Serif.
    enum Style {
        static let unit = 1, form = 2, line = 3, header = 4, note = 5
        /// The table's cells: six kinds, then the same six in bold (totals).
        static func body(_ cell: Cell, bold: Bool) -> Int {
            let kind: Int
            switch cell {
            case .text, .empty: kind = 0
            case .integer: kind = 1
            case .number: kind = 2
            case .percent: kind = 3
            case .date: kind = 4
            case .dateTime: kind = 5
            }
            return 6 + (bold ? 6 : 0) + kind
        }

        static let sheet: String = {
            let fonts = [
                "<font><sz val=\"12\"/><name val=\"Times New Roman\"/></font>",
                "<font><b/><sz val=\"12\"/><name val=\"Times New Roman\"/></font>",
                "<font><b/><sz val=\"14\"/><name val=\"Times New Roman\"/></font>",
                "<font><i/><sz val=\"12\"/><name val=\"Times New Roman\"/></font>",
                "<font><i/><sz val=\"11\"/><name val=\"Times New Roman\"/></font>",
            ]
            let fills = [
                "<fill><patternFill patternType=\"none\"/></fill>",
                "<fill><patternFill patternType=\"gray125\"/></fill>",
                "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDE5F0\"/><bgColor indexed=\"64\"/></patternFill></fill>",
            ]
            let thin =
                """
                <left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>\
                <top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/>
                """
            let borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>", "<border>\(thin)</border>"]
            // 164 dd/mm/yyyy, 165 hh:mm dd/mm/yyyy, 166 a rate with one decimal; 3 is the built-in #,##0.
            let formats =
                """
                <numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
                <numFmt numFmtId="165" formatCode="hh:mm dd/mm/yyyy"/><numFmt numFmtId="166" formatCode="0.0%"/>\
                </numFmts>
                """
            func xf(font: Int = 0, fill: Int = 0, border: Int = 0, format: Int = 0, align: String = "") -> String {
                """
                <xf numFmtId="\(format)" fontId="\(font)" fillId="\(fill)" borderId="\(border)" xfId="0" \
                applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"
                """
                    + (align.isEmpty ? "/>" : " applyAlignment=\"1\"><alignment \(align)/></xf>")
            }
            var xfs = [
                xf(), xf(font: 1, align: "vertical=\"center\""),
                xf(font: 2, align: "horizontal=\"center\" vertical=\"center\""),
                xf(font: 3, align: "horizontal=\"center\" vertical=\"center\""),
                xf(font: 1, fill: 2, border: 1, align: "horizontal=\"center\" vertical=\"center\" wrapText=\"1\""),
                xf(font: 4, align: "vertical=\"top\" wrapText=\"1\""),
            ]
            for font in [0, 1] {
                xfs += [
                    xf(font: font, border: 1, align: "vertical=\"top\" wrapText=\"1\""),
                    xf(font: font, border: 1, format: 3, align: "vertical=\"top\""),
                    xf(font: font, border: 1, align: "vertical=\"top\""),
                    xf(font: font, border: 1, format: 166, align: "vertical=\"top\""),
                    xf(font: font, border: 1, format: 164, align: "horizontal=\"center\" vertical=\"top\""),
                    xf(font: font, border: 1, format: 165, align: "horizontal=\"center\" vertical=\"top\""),
                ]
            }
            return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                \(formats)<fonts count="\(fonts.count)">\(fonts.joined())</fonts><fills count="\(fills.count)">\
                \(fills.joined())</fills><borders count="\(borders.count)">\(borders.joined())</borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="\(xfs.count)">\(xfs.joined())</cellXfs><cellStyles count="1">\
                <cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
                """
        }()
    }

    /// Where each part of a sheet goes and how wide each column is.
    struct Layout {
        let sheet: Sheet
        let name: String
        let columns: Int
        /// 1-based row of the header; the rows above it are the title block.
        let headerRow: Int
        let widths: [Double]

        /// Widths are fitted to what the columns hold, then the widest text columns narrowed
        /// (their text wraps) until the table fits a landscape A4 page at a readable scale (185 characters
        /// print at about 80%: 12 pt type as 9.5 pt).
        static let pageBudget = 185.0, widest = 50.0, narrowest = 5.0

        init(_ sheet: Sheet) {
            self.sheet = sheet
            name = String(sheet.name.prefix(31))
            columns = max(1, sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
            headerRow = 2 + sheet.title.lines.count + 2
            widths = sheet.widths ?? Self.fit(sheet, columns: columns)
        }

        static func fit(_ sheet: Sheet, columns: Int) -> [Double] {
            var widths: [Double] = []
            var floors: [Double] = []
            for c in 0..<columns {
                let header = c < sheet.header.count ? sheet.header[c] : ""
                let word = Double(header.split(separator: " ").map(\.count).max() ?? 0) + 2
                let length = Double(header.count)
                // the header wraps on two lines by choice, on three when the page is short of room
                var preferred = max(narrowest, word, (length / 2).rounded(.up) + 2, sheet.minimumWidths[c] ?? 0)
                var floor = max(narrowest, word, (length / 3).rounded(.up) + 2, sheet.minimumWidths[c] ?? 0)
                var content = 0.0
                var textWord = 0.0
                var isText = false
                for row in sheet.rows where c < row.count {
                    content = max(content, Double(displayLength(row[c])) + 2)
                    if case .text(let t) = row[c] {
                        isText = true
                        textWord = max(
                            textWord, Double(t.split(whereSeparator: \.isWhitespace).map(\.count).max() ?? 0) + 2)
                    }
                }
                preferred = min(widest, max(preferred, content))
                // numbers and dates are never cut; text wraps, down to its longest word or 14 characters
                floor = min(preferred, max(floor, isText ? max(16, textWord) : content))
                widths.append(preferred)
                floors.append(floor)
            }
            while widths.reduce(0, +) > pageBudget {
                guard
                    let c = widths.indices.filter({ widths[$0] > floors[$0] }).max(by: {
                        widths[$0] - floors[$0] < widths[$1] - floors[$1]
                    })
                else { break }
                widths[c] -= 1
            }
            return widths
        }

        static func displayLength(_ cell: Cell) -> Int {
            switch cell {
            case .text(let t): return t.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
            case .integer(let n): return Format.number(n, .vi).count
            case .number(let n): return String(n).count
            case .percent: return 6
            case .date: return 10
            case .dateTime: return 16
            case .empty: return 0
            }
        }

        /// Lines a row needs once its text wraps in the columns' widths, wrapped word by word as a
        /// spreadsheet does (an estimate: Excel does not fit row heights when a file is opened).
        func lines(_ texts: [(String, Int)]) -> Int {
            texts.map { text, c in Self.wrappedLines(text, capacity: max(1, widths[c] - 1)) }.max() ?? 1
        }

        /// A character's width in column units (the width of a digit), in Times New Roman.
        static func units(_ c: Character) -> Double {
            if c.isNumber { return 1 }
            if c.isUppercase { return 1.35 }
            if c.isLetter { return 0.9 }
            return c == " " ? 0.5 : 0.6
        }

        static func wrappedLines(_ text: String, capacity: Double) -> Int {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph in
                var lines = 1
                var used = 0.0
                for word in paragraph.split(separator: " ") {
                    let w = word.reduce(0) { $0 + units($1) }
                    if used > 0 && used + 0.5 + w <= capacity {
                        used += 0.5 + w
                        continue
                    }
                    if used > 0 { lines += 1 }
                    lines += Int((w / capacity).rounded(.up)) - 1
                    used = w - Double(Int((w / capacity).rounded(.up)) - 1) * capacity
                }
                return lines
            }.reduce(0, +)
        }

        var lastColumn: String { XLSXWriter.column(columns - 1) }

        var xml: String {
            let firstData = headerRow + 1
            let lastData = headerRow + sheet.rows.count
            var rows: [String] = []
            var merges: [String] = []
            func titleRow(_ r: Int, _ text: String, style: Int, height: Double) {
                rows.append(
                    """
                    <row r="\(r)" ht="\(height)" customHeight="1"><c r="A\(r)" s="\(style)" t="inlineStr"><is>\
                    <t xml:space="preserve">\(escape(text))</t></is></c></row>
                    """
                )
                if columns > 1 { merges.append("<mergeCell ref=\"A\(r):\(lastColumn)\(r)\"/>") }
            }
            titleRow(1, sheet.title.unit, style: Style.unit, height: 18)
            titleRow(2, sheet.title.form, style: Style.form, height: 22)
            for (i, line) in sheet.title.lines.enumerated() { titleRow(3 + i, line, style: Style.line, height: 18) }
            let headerCells = (0..<columns).map { c in
                """
                <c r="\(column(c))\(headerRow)" s="\(Style.header)" t="inlineStr"><is><t xml:space="preserve">\
                \(escape(c < sheet.header.count ? sheet.header[c] : ""))</t></is></c>
                """
            }.joined()
            let headerLines = lines(sheet.header.enumerated().map { ($0.element, $0.offset) })
            rows.append(
                "<row r=\"\(headerRow)\" ht=\"\(Double(headerLines) * 15 + 6)\" customHeight=\"1\">\(headerCells)</row>"
            )
            for (i, row) in sheet.rows.enumerated() {
                let r = firstData + i
                let bold = i >= sheet.rows.count - sheet.totalRows || sheet.boldRows.contains(i)
                let cells = (0..<columns).map { c in
                    cell(c < row.count ? row[c] : .empty, ref: "\(column(c))\(r)", bold: bold)
                }.joined()
                let texts: [(String, Int)] = row.enumerated().compactMap { c, cell in
                    if case .text(let t) = cell, c < columns { return (t, c) } else { return nil }
                }
                rows.append(
                    "<row r=\"\(r)\" ht=\"\(Double(lines(texts)) * 15.5 + 3)\" customHeight=\"1\">\(cells)</row>")
            }
            for (i, note) in sheet.notes.enumerated() {
                let r = lastData + 2 + i
                rows.append(
                    """
                    <row r="\(r)"><c r="A\(r)" s="\(Style.note)" t="inlineStr"><is><t xml:space="preserve">\
                    \(escape(note))</t></is></c></row>
                    """
                )
                if columns > 1 { merges.append("<mergeCell ref=\"A\(r):\(lastColumn)\(r)\"/>") }
            }
            let cols = widths.enumerated().map {
                "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element)\" customWidth=\"1\"/>"
            }.joined()
            let filterEnd = max(headerRow, lastData - sheet.totalRows)
            return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
                + "<dimension ref=\"A1:\(lastColumn)\(max(lastData, headerRow))\"/>"
                + "<sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane ySplit=\"\(headerRow)\" topLeftCell=\"A\(firstData)\" activePane=\"bottomLeft\" "
                + "state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A\(firstData)\" sqref=\"A\(firstData)\"/></sheetView></sheetViews>"
                + "<sheetFormatPr defaultRowHeight=\"16\"/><cols>\(cols)</cols><sheetData>\(rows.joined())</sheetData>"
                + "<autoFilter ref=\"A\(headerRow):\(lastColumn)\(filterEnd)\"/>"
                + (merges.isEmpty ? "" : "<mergeCells count=\"\(merges.count)\">\(merges.joined())</mergeCells>")
                + "<printOptions horizontalCentered=\"1\"/>"
                + "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.5\" bottom=\"0.6\" header=\"0.3\" "
                + "footer=\"0.3\"/>"
                + "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
                + "<headerFooter><oddFooter>&amp;C\(escape(sheet.title.form)) — Trang &amp;P/&amp;N</oddFooter></headerFooter></worksheet>"
        }

        func cell(_ cell: Cell, ref: String, bold: Bool) -> String {
            let s = Style.body(cell, bold: bold)
            switch cell {
            case .text(let t):
                return
                    "<c r=\"\(ref)\" s=\"\(s)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(t))</t></is></c>"
            case .integer(let n): return "<c r=\"\(ref)\" s=\"\(s)\"><v>\(n)</v></c>"
            case .number(let n): return "<c r=\"\(ref)\" s=\"\(s)\"><v>\(Self.number(n))</v></c>"
            case .percent(let p):
                return "<c r=\"\(ref)\" s=\"\(s)\"><v>\(Self.number((p * 10).rounded() / 1000))</v></c>"
            case .date(let d): return "<c r=\"\(ref)\" s=\"\(s)\"><v>\(Self.serial(d))</v></c>"
            case .dateTime(let t):
                return
                    "<c r=\"\(ref)\" s=\"\(s)\"><v>\(Self.number(Double(Self.serial(t.date)) + Double(t.secondOfDay / 60) / 1440))</v></c>"
            case .empty: return "<c r=\"\(ref)\" s=\"\(s)\"/>"
            }
        }

        static func number(_ n: Double) -> String { n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n) }

        /// Excel's day number: days since 30 December 1899 (1 January 1970 is 25569).
        static func serial(_ d: LocalDate) -> Int { d.epochDay + 25569 }
    }
}
