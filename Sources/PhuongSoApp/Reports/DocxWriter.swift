import Foundation
import PhuongSoCore
import ZIPFoundation

/// Writes a `Decree30Document` as a DOCX (WordprocessingML) that opens in Word and LibreOffice
/// laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I wants (DOMAIN §10): A4 portrait, margins 20 /
/// 20 / 30 / 15 mm, Times New Roman 14 pt, issuer and national motto side by side in a borderless
/// table, the page number centred at the top of every page but the first. Element order inside
/// `w:pPr`, `w:rPr`, `w:tblPr` and `w:sectPr` follows the schema: Word refuses a file that does
/// not. The body is laid out in `DocxWriter+Body.swift`, the other parts of the package in
/// `DocxWriter+Package.swift`; checked by `scripts/docx_check.py` (python-docx, LibreOffice → PDF).
enum DocxWriter {
    static func document(_ d: Decree30Document) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        try add("[Content_Types].xml", Package.contentTypes)
        try add("_rels/.rels", Package.rootRelations)
        try add("docProps/core.xml", Package.core(d))
        try add("docProps/app.xml", Package.app(d))
        try add("word/_rels/document.xml.rels", Package.documentRelations)
        try add("word/styles.xml", Package.styles)
        try add("word/settings.xml", Package.settings)
        try add("word/header1.xml", Package.header(pageNumber: true))
        try add("word/header2.xml", Package.header(pageNumber: false))
        try add("word/document.xml", Body(d).xml)
        guard let data = archive.data else {
            throw AppError.conflict(vi: "Không tạo được tệp DOCX.", en: "Could not build the DOCX file.")
        }
        return data
    }

    /// Page geometry in twips (1 mm = 56.7 twips): A4 and the margins of Phụ lục I, mục I.3.
    enum Page {
        static let width = 11906
        static let height = 16838
        static let top = 1134
        static let bottom = 1134
        static let left = 1701
        static let right = 850
        /// The width of a line of text.
        static let text = width - left - right
    }

    /// XML text escaping; characters XML 1.0 cannot hold are dropped.
    static func escape(_ s: String) -> String { XMLText.escaped(s) }
}

// MARK: - Runs and paragraphs

extension DocxWriter {
    /// Character formatting; sizes in half-points (28 = 14 pt, the body size of the document).
    struct Font {
        var size = 28
        var bold = false
        var italic = false
        var underline = false

        /// `w:rPr` in schema order (b, i, sz, u); empty when the defaults suffice.
        var xml: String {
            var s = ""
            if bold { s += "<w:b/><w:bCs/>" }
            if italic { s += "<w:i/><w:iCs/>" }
            if size != 28 { s += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
            if underline { s += "<w:u w:val=\"single\"/>" }
            return s.isEmpty ? "" : "<w:rPr>\(s)</w:rPr>"
        }
    }

    /// Paragraph formatting; distances in twips, `line` in 240ths of a line.
    struct Para {
        var align = "both"
        var before = 0
        var after = 0
        var line = 240
        var firstLine = 0
        /// Left and right indent alike: a short centred rule is a paragraph this narrow.
        var sides = 0
        var keepNext = false
        /// A thin line over the paragraph (the short rules of Phụ lục I).
        var ruleAbove = false

        /// `w:pPr` in schema order (keepNext, pBdr, spacing, ind, jc, rPr).
        func xml(mark: Font) -> String {
            var s = keepNext ? "<w:keepNext/>" : ""
            if ruleAbove {
                s += "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>"
            }
            s += "<w:spacing w:before=\"\(before)\" w:after=\"\(after)\" w:line=\"\(line)\" w:lineRule=\"auto\"/>"
            if sides != 0 || firstLine != 0 {
                s += "<w:ind w:left=\"\(sides)\" w:right=\"\(sides)\" w:firstLine=\"\(firstLine)\"/>"
            }
            s += "<w:jc w:val=\"\(align)\"/>" + mark.xml
            return "<w:pPr>\(s)</w:pPr>"
        }
    }

    /// A run of text; a line break in the text becomes `w:br`.
    static func run(_ text: String, _ font: Font = .init()) -> String {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            "<w:t xml:space=\"preserve\">\(escape(String($0)))</w:t>"
        }
        return "<w:r>\(font.xml)\(lines.joined(separator: "<w:br/>"))</w:r>"
    }

    static func paragraph(_ text: String, _ font: Font = .init(), _ para: Para = .init()) -> String {
        "<w:p>\(para.xml(mark: font))\(text.isEmpty ? "" : run(text, font))</w:p>"
    }

    /// A short centred rule (Phụ lục I: 1/3 to 1/2 of the line above it) in a space `room` wide:
    /// an empty 1 pt paragraph indented from both sides with a line over it, set 3 pt below the
    /// text so that it clears the descenders.
    static func rule(under text: String, size: Int, room: Int) -> String {
        // Times New Roman capitals run about 0.7 em, small letters 0.5 em; twips = em × half-points × 10.
        let line = min(room, text.reduce(0) { $0 + ($1.isUppercase ? 7 : 5) } * size)
        let length = max(720, line * 3 / 8)
        let para = Para(align: "center", before: 60, sides: max(0, (room - length) / 2), ruleAbove: true)
        return paragraph("", Font(size: 2), para)
    }

    /// A table cell of a given width, its paragraphs given.
    static func cell(_ width: Int, _ content: String, center: Bool = false) -> String {
        let align = center ? "<w:vAlign w:val=\"center\"/>" : ""
        return "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(align)</w:tcPr>\(content)</w:tc>"
    }

    /// `w:tblPr` and `w:tblGrid` of a table `widths` wide, with single borders or none.
    static func tableStart(_ widths: [Int], borders: Bool, indent: Int = 0, margin: Int = 0) -> String {
        let line = borders ? "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"" : "w:val=\"nil\""
        let edges = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(line)/>" }.joined()
        let grid = widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
        return """
            <w:tbl><w:tblPr><w:tblW w:w="\(widths.reduce(0, +))" w:type="dxa"/>\
            <w:tblInd w:w="\(indent)" w:type="dxa"/><w:tblBorders>\(edges)</w:tblBorders>\
            <w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>\
            <w:left w:w="\(margin)" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>\
            <w:right w:w="\(margin)" w:type="dxa"/></w:tblCellMar>\
            <w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" \
            w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>\(grid)</w:tblGrid>
            """
    }
}
