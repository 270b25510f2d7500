import Foundation
import Testing

@testable import PhuongSoCore

/// The sample catalogue shipped with the demo (copied from published provincial decisions).
enum SampleData {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../Sources/PhuongSoApp/Demo/data")
    static func rows(_ name: String) throws -> CSV.Rows {
        try CSV.parse(CSV.text(from: Array(Data(contentsOf: folder.appendingPathComponent(name)))))
    }
}

extension CSV { typealias Rows = [Record] }

@Suite struct CSVTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let records = try CSV.parse("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\n\n4,,\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, \"y\"\nz", "3"], ["4", "", ""]])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test func brokenInputIsRefused() {
        #expect(throws: CSV.ParseError.unterminatedQuote(line: 2)) { try CSV.parse("a\n\"open") }
        #expect(throws: CSV.ParseError.notUTF8) { try CSV.text(from: [0x61, 0xC3, 0x28]) }
        #expect((try? CSV.text(from: [0xEF, 0xBB, 0xBF, 0x61])) == "a")
    }
}

@Suite struct CatalogImportTests {
    @Test func theSampleCatalogueReadsWithItsInternalProcesses() throws {
        let procedures = try CatalogImport.read(
            procedures: SampleData.rows("procedures.csv"), processes: SampleData.rows("internal-processes.csv"))
        #expect(procedures.count == 26)
        let birth = try #require(procedures.first { $0.code == "1.001193" })
        #expect(birth.name == "Thủ tục đăng ký khai sinh")
        #expect(birth.timeLimit == .sameDay(cutoff: "15:00"))
        #expect(birth.components.count == 4)
        let drugs = try #require(procedures.first { $0.code == "3.000527.H61" })
        #expect(drugs.steps.count == 6 && drugs.stepHours == 24 && drugs.timeLimit == .workingDays(3))
        // rows the source left without a time limit or fee are kept, marked incomplete
        let incomplete = procedures.filter { !$0.isComplete }.map(\.code)
        for code in ["1.004873", "1.004884", "2.000635"] {
            #expect(incomplete.contains(code), "\(code)")
        }
        // every procedure published as offered online is complete, so a citizen can apply for it
        let online = procedures.filter { $0.onlineLevel != .none }
        #expect(
            online.count == 10 && online.allSatisfy(\.isComplete), "\(online.filter { !$0.isComplete }.map(\.code))")
        let stop = try #require(procedures.first { $0.code == "1.014035" })
        #expect(stop.timeLimit == .workingDays(3) && stop.components.first?.requirement == .required)
        #expect(stop.components.dropFirst().allSatisfy { $0.condition?.hasPrefix("Trường hợp ủy quyền") == true })
        #expect(procedures.first { $0.code == "2.001035" }?.feeAmount == 50000)
        #expect(procedures.first { $0.code == "2.000908" }?.onlineLevel == .full)
        #expect(procedures.filter { !$0.steps.isEmpty }.count == 7)
    }

    func read(_ csv: String, processes: String? = nil) throws(CatalogImport.Failure) -> [Procedure] {
        try CatalogImport.read(procedures: try! CSV.parse(csv), processes: processes.map { try! CSV.parse($0) })
    }

    static let header =
        "code,name,field,time_limit_value,time_limit_unit,same_day_cutoff,fee_text,fee_amount_vnd,online_level,"
        + "components,result,legal_basis,agency,source\n"

    @Test func badRowsAreReportedByLineAndColumnAndNothingIsReturned() throws {
        let csv =
            Self.header + """
                1.1,Thủ tục A,Hộ tịch,3,ngày làm việc,,,,,Tờ khai,,,UBND,
                1.1,Thủ tục B,Hộ tịch,3,ngày làm việc,,,,,Tờ khai,,,UBND,
                1.2,Thủ tục C,Hộ tịch,-2,ngày làm việc,,,,,Tờ khai,,,UBND,
                1.3,Thủ tục D,Hộ tịch,ba,ngày làm việc,,,,,Tờ khai,,,UBND,
                1.4,Thủ tục E,Hộ tịch,3,tuần,,,,,Tờ khai,,,UBND,
                1.5,Thủ tục F,Hộ tịch,3,ngày làm việc,,,abc,nửa vời,Tờ khai,,,UBND,
                """
        do {
            _ = try read(csv)
            Issue.record("expected a failure")
        } catch {
            let found = error.problems.map { "\($0.line):\($0.column)" }
            #expect(
                found == [
                    "3:code", "4:time_limit_value", "5:time_limit_value", "6:time_limit_unit", "7:fee_amount_vnd",
                    "7:online_level",
                ])
            #expect(error.problems[0].vi.contains("trùng với dòng 2"))
        }
    }

    @Test func stepsOverTheLegalLimitAreRefused() {
        let csv = Self.header + "1.1,Thủ tục A,Hộ tịch,1,ngày làm việc,,,0,,Tờ khai,,,UBND,\n"
        let steps = "code,step_no,actor,task,hours\n1.1,1,Một cửa,Tiếp nhận,4\n1.1,2,Lãnh đạo,Ký,5\n"
        #expect(throws: CatalogImport.Failure.self) { try read(csv, processes: steps) }
        let ok = "code,step_no,actor,task,hours\n1.1,2,Lãnh đạo,Ký,4\n1.1,1,Một cửa,Tiếp nhận,\"3,5\"\n"
        let p = try? read(csv, processes: ok)
        #expect(p?.first?.steps.map(\.actor) == ["Một cửa", "Lãnh đạo"])
        #expect(p?.first?.stepHours == 7.5)
    }

    @Test func aMissingRequiredColumnIsReported() {
        #expect(throws: CatalogImport.Failure.self) { try read("code,name\n1,x\n") }
    }
}

@Suite struct CatalogDiffTests {
    @Test func oneChangedFeeShowsExactlyThatChange() throws {
        let current = try CatalogImport.read(procedures: SampleData.rows("procedures.csv"), processes: nil)
        var incoming = current
        let i = try #require(incoming.firstIndex { $0.code == "2.001035" })
        incoming[i].feeAmount = 60000
        incoming.removeLast()
        let diff = CatalogDiff.compare(current: current, incoming: incoming, scope: .whole)
        #expect(
            diff.filter { $0.kind == .changed } == [
                CatalogDiff.Entry(
                    code: "2.001035", name: incoming[i].name, kind: .changed,
                    changes: [.init(field: "fee_amount_vnd", before: "50000", after: "60000")])
            ])
        #expect(diff.filter { $0.kind == .retired }.map(\.code) == [current.last!.code])
        #expect(diff.filter { $0.kind == .unchanged }.count == current.count - 2)
    }

    @Test func anImportKeepsWhatItsFileDoesNotCarry() {
        var current = Procedure(code: "1", name: "A", field: "F")
        current.subjects = "Công dân Việt Nam"
        current.steps = [ProcessStep(actor: "Một cửa", task: "Tiếp nhận", hours: 4)]
        let merged = Procedure(code: "1", name: "A2", field: "F").merged(over: current)
        #expect(merged.subjects == "Công dân Việt Nam" && merged.steps.count == 1 && merged.name == "A2")
    }
}

@Suite struct SearchTextTests {
    @Test(arguments: [
        ("Thủ tục đăng ký khai sinh", "khai sinh"), ("Thủ tục đăng ký kết hôn", "dang ky ket hon"), ("Đăng ký", "d"),
        ("Chứng thực bản sao từ bản chính", "CHUNG THUC"), ("Đăng ký khai tử", "đăng ký"),
    ])
    func foldedQueriesFindVietnameseNames(name: String, query: String) {
        #expect(SearchText.score(name: name, code: "", other: "", tokens: SearchText.tokens(query)) != nil)
    }

    @Test func rankingPrefersThePhraseInTheName() {
        let t = SearchText.tokens("khai sinh")
        let exact = SearchText.score(name: "Thủ tục đăng ký khai sinh", code: "", other: "", tokens: t)!
        let scattered = SearchText.score(name: "Thủ tục sinh hoạt khai báo", code: "", other: "", tokens: t)!
        let elsewhere = SearchText.score(name: "Đăng ký nhận cha mẹ con", code: "", other: "giấy khai sinh", tokens: t)!
        #expect(exact > scattered && scattered > elsewhere)
        #expect(SearchText.score(name: "Kết hôn", code: "", other: "", tokens: t) == nil)
    }

    @Test func anyInputFoldsWithoutError() {
        for q in ["", "   ", String(repeating: "ả", count: 10_000), "日本語", "'; DROP TABLE x; --", "%_\\", "🙂🙂"] {
            _ = SearchText.tokens(q)
        }
        #expect(SearchText.fold("Đăng  Ký—KẾT hôn!") == "dang ky ket hon")
    }
}

@Suite struct SearchRankingTests {
    @Test func theMoreSpecificNameComesFirst() {
        let t = SearchText.tokens("khai sinh")
        let birth = SearchText.score(name: "Thủ tục đăng ký khai sinh", code: "", other: "", tokens: t)!
        let copy = SearchText.score(
            name: "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh", code: "", other: "", tokens: t)!
        #expect(birth > copy)
    }
}

/// `SearchText.has` is `String.contains` on folded text, found byte by byte instead of through
/// Foundation: the same answer for every word of every folded name of the sample catalogue, at
/// the start, the end, overlapping, longer than the text, and for texts outside Vietnamese.
@Suite struct SearchTextHasTests {
    @Test func itAnswersAsContainsOnEveryFoldedText() throws {
        let names = try String(contentsOf: SampleData.folder.appendingPathComponent("procedures.csv"), encoding: .utf8)
            .split(separator: "\n").map { SearchText.fold(String($0)) }
        #expect(names.count > 20)
        var words = Set(names.flatMap { $0.split(separator: " ").map(String.init) })
        words.formUnion(["a", "aa", "aaa", "ky khai", "nh", "1", "00", "zzz", "日本", "ngữ", " "])
        let texts = names + ["", "a", "aa", "aaaa", "ab ab abc", "日本語", "tieng viet co dau ngữ"]
        var checked = 0
        for text in texts {
            // The words a score subtracts, counted without splitting the text
            #expect(SearchText.words(text) == text.split(separator: " ").count, "\(text)")
            for word in words {
                #expect(SearchText.has(text, word) == text.contains(word), "\(text) / \(word)")
                checked += 1
            }
        }
        #expect(checked > 10_000)
        #expect(SearchText.has("abc", ""))
        #expect(SearchText.has("aab", "ab"))
        #expect(SearchText.words(" a  bc d ") == 3)
        #expect(!SearchText.has("ab", "abc"))
    }
}
