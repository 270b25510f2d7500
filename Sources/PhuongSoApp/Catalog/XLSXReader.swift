import Foundation
import PhuongSoCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first worksheet of an XLSX workbook into rows, as the CSV reader does: each row
/// keeps its spreadsheet row number, cells are text (shared strings, inline strings, numbers).
enum XLSXReader {
    struct Failure: Error { let reason: String }

    static func rows(_ bytes: [UInt8]) throws -> [CSV.Record] {
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw Failure(reason: "not a ZIP archive")
        }
        func entry(_ path: String) throws -> Data? {
            guard let e = archive[path] else { return nil }
            guard e.uncompressedSize < 64 * 1024 * 1024 else { throw Failure(reason: "\(path) is too large") }
            var out = Data()
            _ = try archive.extract(e, skipCRC32: false) { out.append($0) }
            return out
        }
        guard
            let sheetPath = try firstSheetPath(
                workbook: entry("xl/workbook.xml"), rels: entry("xl/_rels/workbook.xml.rels")),
            let sheet = try entry(sheetPath)
        else { throw Failure(reason: "no worksheet") }
        let shared = try entry("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
        return try SheetParser.parse(sheet, shared: shared)
    }

    /// The target of the workbook's first `<sheet>` (falls back to `xl/worksheets/sheet1.xml`).
    static func firstSheetPath(workbook: Data?, rels: Data?) throws -> String? {
        guard let workbook, let rels else { return "xl/worksheets/sheet1.xml" }
        let first = AttributeCollector(element: "sheet", attribute: "r:id")
        first.run(workbook)
        let targets = RelationshipCollector()
        targets.run(rels)
        guard let id = first.values.first, let target = targets.targets[id] else { return "xl/worksheets/sheet1.xml" }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// Column index of a cell reference: "A1" → 0, "AB12" → 27.
    static func column(_ ref: String) -> Int {
        var n = 0
        for c in ref.unicodeScalars {
            guard c.value >= 65 && c.value <= 90 else { break }
            n = n * 26 + Int(c.value - 64)
        }
        return n - 1
    }
}

/// Each walker declares `XMLParserDelegate` itself: declared on this base class, the protocol's
/// default (empty) methods would be the witnesses and the subclasses' methods never called.
private class XMLWalker: NSObject {
    func run(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = self as? XMLParserDelegate
        if !parser.parse() { failed = true }
    }
    var failed = false
}

private final class AttributeCollector: XMLWalker, XMLParserDelegate {
    let element: String, attribute: String
    var values: [String] = []
    init(element: String, attribute: String) {
        self.element = element
        self.attribute = attribute
    }
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == element || name.hasSuffix(":" + element), let v = attributes[attribute] { values.append(v) }
    }
}

private final class RelationshipCollector: XMLWalker, XMLParserDelegate {
    var targets: [String: String] = [:]
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

private final class SharedStrings: XMLWalker, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false

    static func parse(_ data: Data) throws -> [String] {
        let s = SharedStrings()
        s.run(data)
        if s.failed { throw XLSXReader.Failure(reason: "sharedStrings.xml is not valid XML") }
        return s.strings
    }
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
        // Phonetic runs (rPh) repeat text for East Asian readings: skip them.
        if name == "rPh" { inText = false }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" { strings.append(current) }
    }
}

private final class SheetParser: XMLWalker, XMLParserDelegate {
    let shared: [String]
    var records: [CSV.Record] = []
    var row: [Int: String] = [:], rowNumber = 0
    var cellColumn = 0, cellType = "", text = "", collecting = false
    var problem: String?

    init(shared: [String]) { self.shared = shared }

    static func parse(_ data: Data, shared: [String]) throws -> [CSV.Record] {
        let p = SheetParser(shared: shared)
        p.run(data)
        if p.failed { throw XLSXReader.Failure(reason: "the worksheet is not valid XML") }
        if let problem = p.problem { throw XLSXReader.Failure(reason: problem) }
        return p.records
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "row":
            row = [:]
            rowNumber = Int(attributes["r"] ?? "") ?? rowNumber + 1
        case "c":
            cellColumn = XLSXReader.column(attributes["r"] ?? "")
            if cellColumn < 0 { cellColumn = (row.keys.max() ?? -1) + 1 }
            cellType = attributes["t"] ?? "n"
            text = ""
        case "v", "t": collecting = true
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { text += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c":
            guard cellColumn < 1000 else {
                problem = "row \(rowNumber) has too many columns"
                return
            }
            if cellType == "s" {
                guard let i = Int(text), i >= 0, i < shared.count else {
                    problem = "row \(rowNumber) refers to a missing shared string"
                    return
                }
                row[cellColumn] = shared[i]
            } else if cellType == "b" {
                row[cellColumn] = text == "1" ? "TRUE" : "FALSE"
            } else {
                // Numbers as Excel stores them: drop a needless ".0".
                row[cellColumn] = cellType == "n" && text.hasSuffix(".0") ? String(text.dropLast(2)) : text
            }
        case "row":
            let width = (row.keys.max() ?? -1) + 1
            let fields = (0..<width).map { row[$0] ?? "" }
            if fields.contains(where: { !$0.isEmpty }) { records.append(CSV.Record(line: rowNumber, fields: fields)) }
        default: break
        }
    }
}
