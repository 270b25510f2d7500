import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting
import ZIPFoundation

@testable import PhuongSoApp

/// The spreadsheets are laid out to be printed and worked with (issue 12, "what was seen" 12).
/// The printed pages themselves are checked by scripts/xlsx_print_check.py (LibreOffice → PDF).
@Suite struct XLSXLayoutTests {
    struct Workbook {
        let archive: Archive
        func xml(_ path: String) throws -> String {
            guard let entry = archive[path] else { throw TestFailure("no \(path) in the workbook") }
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
        init(_ response: TestingHTTPResponse) throws {
            archive = try Archive(data: Data(response.body.readableBytesView), accessMode: .read)
        }
    }

    func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let r = text.range(of: pattern, options: .regularExpression) else { return nil }
        return String(text[r])
    }

    /// Dossiers of the demo ward received in March 2026, one of them returned.
    func receiveSome(_ app: Application) async throws {
        let unit = try await UnitQueries.find(code: FeeDossiers.ward, on: app.db)
        let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        for (i, name) in ["Phan Văn Tài", "Nguyễn Thị Hồng Nhung", "Lê Quang Vinh"].enumerated() {
            _ = try await IntakeService.intake(
                .init(
                    applicant: Applicant(name: name, idNumber: "04208000123\(i)"),
                    submitted: Set(p.components.map(\.name)),
                    sets: 1, decision: .receive), procedure: record, unit: unit, clerk: "motcua", actor: .system("t"),
                now: Date(timeIntervalSince1970: TimeInterval(at("2026-03-0\(2 + i)T08:15").seconds)),
                utcOffset: 7 * 3600, on: app.db)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theRegisterAndTheMatrixArePrintableSpreadsheets(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            try await receiveSome(app)
            let session = try await app.webSession("vanphong")
            // act
            let register = try Workbook(
                try await session.get(app, "/counter/register.xlsx?from=2026-03-01&to=2026-03-31"))
            let matrix = try Workbook(try await session.get(app, "/reports/matrix.xlsx?from=2026-03-01&to=2026-03-31"))
            // check: both sheets have the layout
            for (name, book) in [("register", register), ("matrix", matrix)] {
                let sheet = try book.xml("xl/worksheets/sheet1.xml")
                let workbook = try book.xml("xl/workbook.xml")
                let header = try #require(firstMatch("ySplit=\"[0-9]+\"", in: sheet)).filter(\.isNumber)
                #expect(
                    sheet.contains("state=\"frozen\"") && sheet.contains("topLeftCell=\"A\(Int(header)! + 1)\""),
                    "\(name): frozen header")
                #expect(
                    sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\"")
                        && sheet.contains("fitToWidth=\"1\"")
                        && sheet.contains("fitToHeight=\"0\"") && sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"),
                    "\(name): A4 landscape, fitted to width")
                #expect(
                    workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">")
                        && workbook.contains("!$1:$\(header)</definedName>"),
                    "\(name): print titles")
                #expect(
                    sheet.contains("<col min=\"1\" max=\"1\" width=") && !sheet.contains("width=\"0"),
                    "\(name): column widths")
                #expect(sheet.contains("<mergeCell ref=\"A2:"), "\(name): the form's name spans the table")
                let styles = try book.xml("xl/styles.xml")
                #expect(
                    styles.contains("formatCode=\"dd/mm/yyyy\"") && styles.contains("wrapText=\"1\"")
                        && styles.contains("<left style=\"thin\">"))
            }
            // the register: its title block, and the received times as date serials, not ISO text
            let sheet = try register.xml("xl/worksheets/sheet1.xml")
            #expect(
                sheet.contains("SỔ THEO DÕI HỒ SƠ (Mẫu BM.06)")
                    && sheet.contains("Hồ sơ tiếp nhận từ ngày 01/03/2026 đến ngày 31/03/2026"))
            #expect(
                sheet.contains("Ngày, giờ nhận hồ sơ") && !sheet.contains("2026-03-02") && !sheet.contains("02/03/2026")
            )
            // 08:15 on 2 March 2026 = day 46083 and 33/96 of a day
            let received = try #require(firstMatch("<c r=\"G[0-9]+\" s=\"[0-9]+\"><v>46083\\.34[0-9]*</v>", in: sheet))
            let style = Int(try #require(firstMatch("s=\"[0-9]+\"", in: received)).filter(\.isNumber))!
            #expect(
                style
                    == XLSXWriter.Style.body(
                        .dateTime(LocalDateTime(date: try LocalDate(parsing: "2026-03-02"), secondOfDay: 0)),
                        bold: false))
            let firstRow = Int(try #require(firstMatch("ySplit=\"[0-9]+\"", in: sheet)).filter(\.isNumber))! + 1
            #expect(
                sheet.contains(
                    "<c r=\"A\(firstRow)\" s=\"\(XLSXWriter.Style.body(.integer(1), bold: false))\"><v>1</v></c>"),
                "numbered rows are numbers")
            // the matrix: counts are numbers, the rate a percentage, the total row in bold
            let m = try matrix.xml("xl/worksheets/sheet1.xml")
            #expect(
                m.contains("BIỂU THỐNG KÊ TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
                    && m.contains("từ ngày 01/03/2026 đến ngày 31/03/2026"))
            #expect(
                m.contains("<v>3</v>")
                    && m.contains(
                        "s=\"\(XLSXWriter.Style.body(.text(""), bold: true))\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Tổng</t>"
                    ))
        }
    }

    @Test func columnWidthsFitTheLongestCellWithinTheLandscapePage() throws {
        // setup
        let long = String(repeating: "Thủ tục đăng ký khai sinh có yếu tố nước ngoài ", count: 4)
        let sheet = XLSXWriter.Sheet(
            name: "Sổ", title: .init(unit: "UBND", form: "SỔ"), header: ["STT", "Mã hồ sơ", "Thủ tục", "Ngày nhận"],
            rows: [
                [
                    .integer(1), .text("000.00.31.H42-260302-0001"), .text(long),
                    .date(try LocalDate(parsing: "2026-03-02")),
                ]
            ])
        // act
        let widths = XLSXWriter.Layout(sheet).widths
        // check: the code fits whole, the long name is capped and wraps, the date fits dd/mm/yyyy
        #expect(widths[1] >= 27 && widths[2] == XLSXWriter.Layout.widest && widths[3] >= 11 && widths[0] < 8)
        #expect(widths.reduce(0, +) <= XLSXWriter.Layout.pageBudget)
    }
}
