import Foundation
import PhuongSoCore
import ZIPFoundation

/// A small XLSX writer for registers and reports that people print and work with: a title block
/// (unit, form name, period), a bold wrapped header with a fill, thin borders on the table,
/// column widths fitted to the content, the header frozen, real dates and numbers, and a page
/// set-up of A4 landscape fitted to the width with the title and header repeated on every page.
/// Laid out in `XLSXWriter+Layout.swift`; checked by `scripts/xlsx_print_check.py` (LibreOffice).
enum XLSXWriter {
    /// A cell of the table. Dates and numbers are stored as numbers with a display format, so a
    /// spreadsheet can sort, sum and filter them.
    enum Cell {
        case text(String)
        /// A whole number (1.234).
        case integer(Int)
        /// A number with up to one decimal shown (12,5).
        case number(Double)
        /// A rate given in percent (66.7 for 66,7%), stored as the fraction 0.667.
        case percent(Double)
        /// A day, shown dd/mm/yyyy.
        case date(LocalDate)
        /// A time of day and day, shown hh:mm dd/mm/yyyy.
        case dateTime(LocalDateTime)
        case empty

        /// A day stored as `YYYY-MM-DD`: a date cell, or the stored text as it is if it is not a day.
        static func day(_ stored: String) -> Cell {
            guard !stored.isEmpty else { return .empty }
            do { return .date(try LocalDate(parsing: stored)) } catch { return .text(stored) }
        }
    }

    /// The lines above the table: the unit (top left, as official forms head it), the form's
    /// name (centred, bold) and lines such as the period or the date drawn up.
    struct Title {
        var unit: String
        var form: String
        var lines: [String] = []
    }

    /// A sheet: its title block, one header row, the rows of the table (the last `totalRows` in
    /// bold as totals) and optionally fixed widths (otherwise fitted to the content).
    struct Sheet {
        var name: String
        var title: Title
        var header: [String]
        var rows: [[Cell]]
        var totalRows: Int = 0
        /// Other rows set in bold (headings within the table), by index in `rows`.
        var boldRows: Set<Int> = []
        var widths: [Double]? = nil
        /// Columns kept at least this wide (a column to sign in), by index.
        var minimumWidths: [Int: Double] = [:]
        /// Lines under the table (notes, sources).
        var notes: [String] = []
    }

    /// A workbook of several sheets, in order. Names are cut to Excel's 31 characters.
    static func workbook(_ sheets: [Sheet]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        let numbers = Array(1...max(1, sheets.count))
        let overrides = numbers.map {
            """
            <Override PartName="/xl/worksheets/sheet\($0).xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            """
        }.joined()
        try add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(overrides)</Types>
            """)
        try add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        let layouts = sheets.map(Layout.init)
        let entries = zip(numbers, layouts).map { n, l in
            "<sheet name=\"\(escape(l.name))\" sheetId=\"\(n)\" r:id=\"rId\(n)\"/>"
        }.joined()
        // The title block and header rows are printed on every page (Excel's print titles).
        let titles = layouts.enumerated().map { i, l in
            """
            <definedName name="_xlnm.Print_Titles" localSheetId="\(i)">\
            '\(escape(l.name.replacingOccurrences(of: "'", with: "''")))'!$1:$\(l.headerRow)</definedName>
            """
        }.joined()
        try add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets>\(entries)</sheets><definedNames>\(titles)</definedNames></workbook>
            """)
        let relations =
            numbers.map {
                """
                <Relationship Id="rId\($0)" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/sheet\($0).xml"/>
                """
            }.joined()
            + "<Relationship Id=\"rId\(numbers.count + 1)\" "
            + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
            + "Target=\"styles.xml\"/>"
        try add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relations)</Relationships>
            """)
        try add("xl/styles.xml", Style.sheet)
        for (n, l) in zip(numbers, layouts) { try add("xl/worksheets/sheet\(n).xml", l.xml) }
        guard let data = archive.data else {
            throw AppError.conflict(vi: "Không tạo được tệp XLSX.", en: "Could not build the XLSX file.")
        }
        return data
    }

    static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// XML text escaping; characters XML 1.0 cannot hold are dropped.
    static func escape(_ s: String) -> String { XMLText.escaped(s) }
}
