import Testing

@testable import PhuongSoCore

/// The wording Nghị định 30/2020/NĐ-CP fixes for the parts of a document (Phụ lục I).
@Suite struct Decree30DocumentTests {
    @Test(arguments: [
        ("2026-01-05", "Hàng Bạc, ngày 05 tháng 01 năm 2026"),
        ("2026-02-28", "Hàng Bạc, ngày 28 tháng 02 năm 2026"),
        ("2026-03-15", "Hàng Bạc, ngày 15 tháng 3 năm 2026"),
        ("2026-12-01", "Hàng Bạc, ngày 01 tháng 12 năm 2026"),
        ("2025-10-31", "Hàng Bạc, ngày 31 tháng 10 năm 2025"),
        ("2026-09-09", "Hàng Bạc, ngày 09 tháng 9 năm 2026"),
    ])
    func dateLineWritesAZeroBeforeDaysUnderTenAndMonthsOneAndTwoOnly(day: String, expected: String) {
        // setup
        let issued = date(day)
        // act
        let line = Decree30Document.dateLine(place: "Hàng Bạc", date: issued)
        // check
        #expect(line == expected)
    }

    @Test func theNumberLineAndDateLineComeFromTheDocument() {
        // setup
        var document = Decree30Document.sample
        // act
        document.number = "   /BC-UBND"
        // check
        #expect(document.numberLine == "Số:    /BC-UBND")
        #expect(document.dateLine == "Hàng Bạc, ngày 05 tháng 01 năm 2026")
    }

    @Test func aNarrativeSplitsIntoParagraphsAtEachLineDroppingBlankLinesAndOuterSpaces() {
        // setup
        let typed = "  Ủy ban nhân dân phường đã ban hành kế hoạch.\r\n\r\n\tKết quả: 98,5% hồ sơ đúng hạn.  \n\n"
        // act
        let paragraphs = Decree30Document.paragraphs(typed)
        // check
        #expect(paragraphs == ["Ủy ban nhân dân phường đã ban hành kế hoạch.", "Kết quả: 98,5% hồ sơ đúng hạn."])
        #expect(Decree30Document.paragraphs(" \n ").isEmpty)
    }

    @Test func documentsWithTheSameContentAreEqualAndAChangedFigureIsNot() {
        // setup
        let one = Decree30Document.sample
        var other = Decree30Document.sample
        // act
        other.blocks[1] = .table(.init(caption: "Bảng 1", header: ["Chỉ tiêu", "Số"], rows: [["Đúng hạn", "13"]]))
        // check
        #expect(one == Decree30Document.sample)
        #expect(one != other)
    }
}

extension Decree30Document {
    static let sample = Decree30Document(
        issuer: ["ỦY BAN NHÂN DÂN", "PHƯỜNG HÀNG BẠC"], number: "05/BC-UBND", place: "Hàng Bạc",
        date: try! LocalDate(parsing: "2026-01-05"), kind: "BÁO CÁO",
        subject: "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026",
        blocks: [
            .heading("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
            .table(.init(caption: "Bảng 1", header: ["Chỉ tiêu", "Số"], rows: [["Đúng hạn", "12"]])),
        ],
        signature: .init(authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn An"),
        recipients: ["- UBND Thành phố;", "- Lưu: VT, VP."])
}
