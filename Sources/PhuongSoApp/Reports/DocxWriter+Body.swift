import PhuongSoCore

extension DocxWriter {
    /// `word/document.xml`: the header table, title, body blocks, the "Nơi nhận" and signature
    /// table, and the section (page size, margins, headers).
    struct Body {
        let d: Decree30Document
        init(_ d: Decree30Document) { self.d = d }

        /// The top table runs 5 mm into the left margin so that "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        /// at 12 pt bold holds on one line over its column.
        static let topColumns = [3827, 5812]
        static let topIndent = -284
        static let bottomColumns = [4253, 5102]

        var xml: String {
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\
            \(top)\(title)\(blocks)\(bottom)\(section)</w:body></w:document>
            """
        }

        /// Phụ lục I, mục II.1–4: issuer (bold caps 13 pt, short rule) over "Số: …" on the left;
        /// national name (bold caps 12 pt) over the motto (bold 13 pt, underlined) over the italic
        /// date line on the right; "Số" and the date share a row, as the Decree's layout places them.
        var top: String {
            let (left, right) = (Body.topColumns[0], Body.topColumns[1])
            let issuer = d.issuer.map { paragraph($0.uppercased(), Font(size: 26, bold: true), Para(align: "center")) }
            let motto = "Độc lập - Tự do - Hạnh phúc"
            let heading =
                issuer.joined() + rule(under: d.issuer.last ?? "", size: 26, room: left)
            let nation =
                paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Font(size: 24, bold: true), Para(align: "center"))
                + paragraph(motto, Font(size: 26, bold: true, underline: true), Para(align: "center"))
            let number = paragraph(d.numberLine, Font(size: 26), Para(align: "center", before: 120))
            let date =
                d.secretary == nil
                ? paragraph(d.dateLine, Font(italic: true), Para(align: "center", before: 120)) : paragraph("")
            return tableStart(Body.topColumns, borders: false, indent: Body.topIndent)
                + "<w:tr>\(cell(left, heading))\(cell(right, nation))</w:tr>"
                + "<w:tr>\(cell(left, number))\(cell(right, date))</w:tr></w:tbl>"
        }

        /// Phụ lục I, mục II.5: the kind in bold caps, the subject in bold under it, a short rule.
        var title: String {
            paragraph(d.kind.uppercased(), Font(bold: true), Para(align: "center", before: 360, keepNext: true))
                + paragraph(d.subject, Font(bold: true), Para(align: "center", keepNext: true))
                + rule(under: d.subject, size: 28, room: Page.text)
                + paragraph("", Font(size: 12), Para(after: 120))
        }

        /// The body; its last paragraph is kept on the page of the signature, so that the signature
        /// never stands alone on the last page.
        var blocks: String {
            d.blocks.enumerated().map { i, b in block(b, last: i == d.blocks.count - 1) }.joined()
        }

        func block(_ block: Decree30Document.Block, last: Bool = false) -> String {
            let body = Para(after: 120, line: 276, firstLine: 720)
            switch block {
            case .heading(let text):
                return paragraph(text, Font(bold: true), Para(before: 120, after: 120, firstLine: 720, keepNext: true))
            case .subheading(let text):
                return paragraph(text, Font(bold: true), Para(after: 120, line: 276, firstLine: 720, keepNext: true))
            case .paragraph(let text):
                let texts = Decree30Document.paragraphs(text)
                return texts.enumerated().map { i, text in
                    var para = body
                    para.keepNext = last && i == texts.count - 1
                    return paragraph(text, Font(), para)
                }.joined()
            case .note(let text):
                return paragraph(text, Font(size: 22, italic: true), Para(align: "left", after: 120))
            case .table(let table):
                return Body.table(table)
            }
        }

        /// A table of figures: caption bold above it, single borders, the header row bold and
        /// repeated on every page, cells 12 pt, figures centred.
        static func table(_ t: Decree30Document.Table) -> String {
            let count = max(t.header.count, t.rows.map(\.count).max() ?? 0, 1)
            let widths = columnWidths(t, count: count)
            func row(_ cells: [String], header: Bool) -> String {
                let padded = cells + Array(repeating: "", count: max(0, count - cells.count))
                let tcs = zip(widths, padded).map { width, text in
                    let figure = !header && isFigure(text)
                    let para = Para(align: header || figure ? "center" : "left", before: 40, after: 40)
                    return cell(width, paragraph(text, Font(size: 24, bold: header), para), center: true)
                }.joined()
                let props = header ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>"
                return "<w:tr>\(props)\(tcs)</w:tr>"
            }
            let caption =
                t.caption.isEmpty
                ? paragraph("", Font(size: 12), Para(keepNext: true))
                : paragraph(t.caption, Font(bold: true), Para(align: "center", before: 120, after: 120, keepNext: true))
            let header = t.header.isEmpty ? "" : row(t.header, header: true)
            return caption + tableStart(widths, borders: true, margin: 85) + header
                + t.rows.map { row($0, header: false) }.joined() + "</w:tbl>"
                + paragraph("", Font(size: 12), Para(after: 60))
        }

        /// Widths shared out by the longest text of each column (between 4 and 30 characters,
        /// the header counting by its longest word, since it wraps).
        static func columnWidths(_ t: Decree30Document.Table, count: Int) -> [Int] {
            let weights = (0..<count).map { i in
                let cells = t.rows.compactMap { i < $0.count ? $0[i].count : nil }
                let word = i < t.header.count ? t.header[i].split(separator: " ").map(\.count).max() ?? 0 : 0
                return min(30, max(4, word + 1, cells.max() ?? 0))
            }
            let total = weights.reduce(0, +)
            var widths = weights.map { Page.text * $0 / total }
            widths[count - 1] += Page.text - widths.reduce(0, +)
            return widths
        }

        /// A figure ("1.234", "98,5%", "-") is centred; words are not.
        static func isFigure(_ text: String) -> Bool {
            text.contains(where: \.isNumber) && text.allSatisfy { $0.isNumber || ".,%-–+/ ".contains($0) }
        }

        /// Phụ lục I, mục II.7 and II.9: "Nơi nhận:" (bold italic 12 pt, items 11 pt) on the left,
        /// the signature block (bold caps, room to sign and seal, the name in bold) on the right.
        var bottom: String {
            if let secretary = d.secretary { return minutesBottom(secretary: secretary) }
            let (left, right) = (Body.bottomColumns[0], Body.bottomColumns[1])
            let recipients =
                paragraph("Nơi nhận:", Font(size: 24, bold: true, italic: true), Para(align: "left"))
                + d.recipients.map { paragraph($0, Font(size: 22), Para(align: "left")) }.joined()
            let signature =
                paragraph(d.signature.authority.uppercased(), Font(bold: true), Para(align: "center"))
                + paragraph(d.signature.title.uppercased(), Font(bold: true), Para(align: "center"))
                + paragraph(d.signature.name, Font(bold: true), Para(align: "center", before: 1700))
            return paragraph("", Font(size: 12), Para(after: 120, keepNext: true))
                + tableStart(Body.bottomColumns, borders: false)
                + "<w:tr><w:trPr><w:cantSplit/></w:trPr>\(cell(left, recipients))\(cell(right, signature))</w:tr>"
                + "</w:tbl>" + paragraph("", Font(size: 2))
        }

        /// Phụ lục III, mẫu 1.6 (biên bản): the secretary signs on the left, the chair on the right,
        /// each title in bold caps over room to sign and the name in bold; "Nơi nhận:" follows.
        func minutesBottom(secretary: Decree30Document.Signature) -> String {
            let half = Page.text / 2
            func signer(_ s: Decree30Document.Signature) -> String {
                (s.authority.isEmpty
                    ? "" : paragraph(s.authority.uppercased(), Font(bold: true), Para(align: "center")))
                    + paragraph(s.title.uppercased(), Font(bold: true), Para(align: "center"))
                    + paragraph(s.name, Font(bold: true), Para(align: "center", before: 1700))
            }
            let recipients =
                d.recipients.isEmpty
                ? ""
                : paragraph("Nơi nhận:", Font(size: 24, bold: true, italic: true), Para(align: "left", before: 240))
                    + d.recipients.map { paragraph($0, Font(size: 22), Para(align: "left")) }.joined()
            return paragraph("", Font(size: 12), Para(after: 120, keepNext: true))
                + tableStart([half, Page.text - half], borders: false)
                + "<w:tr><w:trPr><w:cantSplit/></w:trPr>\(cell(half, signer(secretary)))"
                + "\(cell(Page.text - half, signer(d.signature)))</w:tr></w:tbl>" + recipients
                + paragraph("", Font(size: 2))
        }

        /// A4 portrait, the Decree's margins, the page number from page 2 on (Phụ lục I, mục I.7:
        /// "không hiển thị số trang thứ nhất"): page 1 takes the empty first-page header.
        var section: String {
            """
            <w:sectPr><w:headerReference w:type="default" r:id="rId3"/>\
            <w:headerReference w:type="first" r:id="rId4"/>\
            <w:pgSz w:w="\(Page.width)" w:h="\(Page.height)"/>\
            <w:pgMar w:top="\(Page.top)" w:right="\(Page.right)" w:bottom="\(Page.bottom)" \
            w:left="\(Page.left)" w:header="567" w:footer="567" w:gutter="0"/>\
            <w:cols w:space="720"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>
            """
        }
    }
}
