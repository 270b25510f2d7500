import Foundation
import PhuongSoCore
import Testing
import ZIPFoundation

@testable import PhuongSoApp

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The DOCX of a report is a real WordprocessingML package laid out as Nghị định 30/2020 wants
/// (DOMAIN §10). How it prints is checked by scripts/docx_check.py (python-docx, LibreOffice → PDF).
@Suite struct DocxWriterTests {
    /// The parts of a written document, read back from the archive.
    struct Docx {
        let archive: Archive
        init(_ d: Decree30Document) throws {
            archive = try Archive(data: try DocxWriter.document(d), accessMode: .read)
        }
        var paths: [String] { archive.map(\.path) }
        func xml(_ path: String) throws -> String {
            guard let entry = archive[path] else { throw TestFailure("no \(path) in the document") }
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The text of every `w:t`, paragraphs separated by a line break, as a reader sees it.
    final class TextReader: NSObject, XMLParserDelegate {
        var text = ""
        private var inText = false
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) { inText = name == "w:t" }
        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            inText = false
            if name == "w:p" { text += "\n" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }
    }

    /// Parses `xml`; nil when it is not well-formed.
    func read(_ xml: String) -> String? {
        let parser = XMLParser(data: Data(xml.utf8))
        let reader = TextReader()
        parser.delegate = reader
        return parser.parse() ? reader.text : nil
    }

    static let tricky = "Tổ một cửa & bộ phận <trả kết quả> \"đúng hạn\" — Phường Hàng Bạc"

    @Test func everyPartOfTheWordPackageIsThereAndWellFormed() throws {
        // setup
        let docx = try Docx(.report)
        // act
        let paths = Set(docx.paths)
        // check
        #expect(
            paths == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
                "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/header1.xml",
                "word/header2.xml", "word/document.xml",
            ])
        for path in paths {
            #expect(read(try docx.xml(path)) != nil, "\(path) is well-formed XML")
        }
        #expect(try docx.xml("docProps/core.xml").contains("<dc:title>\(DocxWriter.escape(Self.tricky))</dc:title>"))
    }

    @Test func thePageIsA4PortraitWithTheDecreeMarginsAndNoNumberOnPageOne() throws {
        // setup
        let docx = try Docx(.report)
        // act
        let body = try docx.xml("word/document.xml")
        let relations = try docx.xml("word/_rels/document.xml.rels")
        // check: A4 210 × 297 mm; top/bottom 20 mm, left 30 mm, right 15 mm
        #expect(body.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(body.contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""))
        #expect(body.contains("<w:titlePg/>"))
        // the first page takes header2 (empty), the others header1 (the PAGE field)
        #expect(
            body.contains("<w:headerReference w:type=\"first\" r:id=\"rId4\"/>")
                && relations.contains(
                    "Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\""
                ))
        #expect(try docx.xml("word/header1.xml").contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"))
        #expect(try !docx.xml("word/header2.xml").contains("PAGE"))
    }

    @Test func timesNewRomanFourteenPointIsTheDocumentDefault() throws {
        // setup
        let docx = try Docx(.report)
        // act
        let styles = try docx.xml("word/styles.xml")
        // check
        #expect(
            styles.contains(
                "<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
                    + "w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"28\"/>"))
    }

    @Test func theHeaderTitleSignatureAndRecipientsReadAsTheDecreeWritesThem() throws {
        // setup
        let docx = try Docx(.report)
        // act
        let text = try #require(read(try docx.xml("word/document.xml")))
        let lines = text.split(separator: "\n").map(String.init)
        // check: each part is a paragraph of its own, in the Decree's order
        let expected = [
            "ỦY BAN NHÂN DÂN", "PHƯỜNG HÀNG BẠC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Số: 05/BC-UBND", "Hàng Bạc, ngày 05 tháng 01 năm 2026", "BÁO CÁO", Self.tricky,
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "Nơi nhận:", "- UBND Thành phố;", "- Lưu: VT, VP.",
            "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An",
        ]
        let positions = expected.map { line in lines.firstIndex(of: line) }
        #expect(positions.allSatisfy { $0 != nil }, "missing: \(zip(expected, positions).filter { $1 == nil })")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "in the Decree's order")
        // the motto is underlined, the date line italic
        let body = try docx.xml("word/document.xml")
        #expect(body.contains("<w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">Độc lập - Tự do - Hạnh phúc"))
        #expect(body.contains("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Hàng Bạc, ngày 05 tháng 01"))
    }

    @Test func userTextIsEscapedAndReadsBackWithItsDiacritics() throws {
        // setup
        let docx = try Docx(.report)
        // act
        let body = try docx.xml("word/document.xml")
        let text = try #require(read(body))
        // check
        #expect(body.contains("Tổ một cửa &amp; bộ phận &lt;trả kết quả&gt; &quot;đúng hạn&quot;"))
        #expect(!body.contains("<trả kết quả>"))
        #expect(text.contains(Self.tricky))
        #expect(text.contains("Ủy ban nhân dân phường đã ban hành Kế hoạch số 12/KH-UBND.\nĐã tổ chức 4 hội nghị"))
    }

    @Test func aLineBreakInsideAHeadingOrNoteBreaksTheLineWithinItsParagraph() throws {
        // setup
        var d = Decree30Document.report
        d.blocks = [.note("Nguồn: PhuongSo\r\nSố liệu minh họa")]
        // act
        let body = try Docx(d).xml("word/document.xml")
        // check
        #expect(
            body.contains(
                "<w:t xml:space=\"preserve\">Nguồn: PhuongSo</w:t><w:br/><w:t xml:space=\"preserve\">Số liệu minh họa</w:t>"
            ))
    }

    @Test func aTableHasBordersABoldHeaderRepeatedOnEveryPageAndEveryRow() throws {
        // setup
        let docx = try Docx(.report)
        // act
        let body = try docx.xml("word/document.xml")
        let text = try #require(read(body))
        // check: the header and footer tables plus the report's one table
        #expect(body.components(separatedBy: "<w:tbl>").count - 1 == 3)
        #expect(body.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"))
        #expect(body.contains("<w:insideH w:val=\"single\" w:sz=\"4\""))
        #expect(text.contains("Bảng 1. Kết quả giải quyết thủ tục hành chính"))
        for cell in ["Lĩnh vực", "Tiếp nhận", "Hộ tịch", "1.234", "98,5%", "Đất đai", "Tổng"] {
            #expect(text.contains("\n\(cell)\n"), "cell \(cell)")
        }
        #expect(
            body.contains(
                "<w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">Lĩnh vực"))
    }

    @Test func columnsShareTheLineByTheirLongestTextAndFillIt() {
        // setup
        let table = Decree30Document.Table(
            caption: "", header: ["STT", "Lĩnh vực", "Số hồ sơ"],
            rows: [["1", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "12"]])
        // act
        let widths = DocxWriter.Body.columnWidths(table, count: 3)
        // check
        #expect(widths.reduce(0, +) == DocxWriter.Page.text)
        #expect(widths[1] > widths[2] && widths[2] > widths[0])
    }
}

extension Decree30Document {
    /// A quarter's CCHC report with a tricky subject, two paragraphs in one block and a table.
    static var report: Decree30Document {
        Decree30Document(
            issuer: ["ỦY BAN NHÂN DÂN", "PHƯỜNG HÀNG BẠC"], number: "05/BC-UBND", place: "Hàng Bạc",
            date: try! LocalDate(parsing: "2026-01-05"), kind: "BÁO CÁO", subject: DocxWriterTests.tricky,
            blocks: [
                .heading("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
                .paragraph(
                    "Ủy ban nhân dân phường đã ban hành Kế hoạch số 12/KH-UBND.\n\n"
                        + "Đã tổ chức 4 hội nghị quán triệt công tác cải cách hành chính."),
                .subheading("1. Cải cách thủ tục hành chính"),
                .table(
                    .init(
                        caption: "Bảng 1. Kết quả giải quyết thủ tục hành chính",
                        header: ["Lĩnh vực", "Tiếp nhận", "Đúng hạn", "Tỷ lệ"],
                        rows: [
                            ["Hộ tịch", "1.234", "1.216", "98,5%"], ["Đất đai", "56", "50", "89,3%"],
                            ["Tổng", "1.290", "1.266", "98,1%"],
                        ])),
                .note("Nguồn: PhuongSo, số liệu từ ngày 15/12/2025 đến ngày 14/03/2026."),
            ],
            signature: .init(authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn An"),
            recipients: ["- UBND Thành phố;", "- Lưu: VT, VP."])
    }
}
