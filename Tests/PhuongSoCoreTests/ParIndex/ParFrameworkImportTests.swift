import Testing

@testable import PhuongSoCore

/// Criteria tables for the tests, written as the province's CSV (the header is line 1).
enum ParTable {
    static let header = "code,parent,title,max_points,scoring,evidence,field,figure,rule\n"
    static let figures: Set<String> = ["on-time-rate", "online-share", "task-completion"]
    /// An area to hang rows under, on line 2.
    static let area = "A,,Công tác chỉ đạo điều hành,10,self,,,,\n"

    static func rows(_ text: String) -> CatalogImport.Rows { try! CSV.parse(text) }

    static func read(_ body: String, header: String = header) throws(ParFrameworkImport.Failure) -> [ParCriterion] {
        try ParFrameworkImport.read(rows(header + body), figures: figures)
    }

    /// The problems a table yields, as `line:column`; empty when it reads.
    static func problems(_ body: String, header: String = header) -> [String] {
        failure(body, header: header)?.problems.map { "\($0.line):\($0.column)" } ?? []
    }

    static func failure(_ body: String, header: String = header) -> ParFrameworkImport.Failure? {
        do {
            _ = try read(body, header: header)
            return nil
        } catch { return error }
    }
}

@Suite struct ParFrameworkImportTests {
    /// Areas, criteria, sub-criteria, a computed leaf and the bonus and penalty items.
    static let good = """
        A,,Công tác chỉ đạo điều hành,10,self,,,,
        A.1,A,Kế hoạch và thực hiện kế hoạch,4,self,,,,
        A.1.1,A.1,Ban hành kế hoạch CCHC năm,2,self,"Kế hoạch, quyết định ban hành",vanphong,,
        A.1.2,A.1,Hoàn thành nhiệm vụ trong kế hoạch,2,computed,,vanphong,task-completion,proportional
        A.2,A,Hồ sơ giải quyết đúng hạn,6,computed,,motcua,on-time-rate,steps:95=6;80=3
        B,,Mức độ hài lòng của người dân,5,survey,,,,
        B.1,B,Hài lòng về thủ tục,"2,5",survey,,,,
        B.2,B,Hài lòng về công chức,2.5,survey,,,,
        C,,Điểm thưởng,2,bonus,,,,
        C.1,C,Sáng kiến được công nhận,2,bonus,Quyết định công nhận sáng kiến,,,
        D,,Điểm trừ,3,penalty,,,,
        D.1,D,Cán bộ vi phạm kỷ luật,3,penalty,,,,

        """

    @Test func aCorrectTableReadsInFileOrderWithItsValues() throws {
        // act
        let criteria = try ParTable.read(Self.good)
        // check
        #expect(
            criteria.map(\.code) == ["A", "A.1", "A.1.1", "A.1.2", "A.2", "B", "B.1", "B.2", "C", "C.1", "D", "D.1"])
        #expect(criteria.map(\.parent) == [nil, "A", "A.1", "A.1", "A", nil, "B", "B", nil, "C", nil, "D"])
        #expect(criteria.map(\.maxPoints) == [10, 4, 2, 2, 6, 5, 2.5, 2.5, 2, 2, 3, 3])
        #expect(
            criteria.map(\.scoring) == [
                .selfAssessed, .selfAssessed, .selfAssessed, .computed, .computed, .survey, .survey, .survey, .bonus,
                .bonus, .penalty, .penalty,
            ])
        let plan = criteria[2]
        #expect(plan.title == "Ban hành kế hoạch CCHC năm" && plan.evidence == "Kế hoạch, quyết định ban hành")
        #expect(plan.field == "vanphong" && plan.figure == nil && plan.rule == nil)
        #expect(criteria[3].figure == "task-completion" && criteria[3].rule == .proportional)
        let onTime = criteria[4]
        #expect(onTime.field == "motcua" && onTime.figure == "on-time-rate")
        #expect(onTime.rule == .steps([.init(minPercent: 95, points: 6), .init(minPercent: 80, points: 3)]))
        #expect(criteria[0].field == nil && criteria[0].evidence == "")
        #expect(criteria[9].evidence == "Quyết định công nhận sáng kiến")
    }

    @Test func columnsAreFoundByNameInAnyOrderAndOptionalOnesMayBeLeftOut() throws {
        // setup: headers in another order, with spaces and capitals; no evidence, field, figure or rule
        let header = " Scoring ,MAX_POINTS,title,code,parent\n"
        // act
        let criteria = try ParTable.read("self,10,Khu vực A,A,\nself,\" 4 \",Tiêu chí,A.1,A\n", header: header)
        // check
        #expect(criteria.map(\.code) == ["A", "A.1"] && criteria[1].maxPoints == 4 && criteria[1].parent == "A")
        #expect(criteria.allSatisfy { $0.evidence == "" && $0.field == nil && $0.rule == nil })
    }

    @Test func theScoringKindIsReadWithoutRegardToCase() throws {
        let criteria = try ParTable.read(
            "A,,Khu vực,10,SELF,,,,\nA.1,A,Tiêu chí,2,Computed,,,on-time-rate,threshold:95\n")
        #expect(criteria.map(\.scoring) == [.selfAssessed, .computed] && criteria[1].rule == .threshold(percent: 95))
    }

    @Test func theLargestAllowedMaximumIs1000() throws {
        #expect(try ParTable.read("A,,Khu vực,1000,self,,,,\n").first?.maxPoints == 1000)
        #expect(try ParTable.read("A,,Khu vực,0,self,,,,\n").first?.maxPoints == 0)
    }

    /// (what is wrong, the rows after the header, the problems as line:column)
    static let badTables: [(String, String, [String])] = [
        // the code
        ("empty code", ParTable.area + ",A,Tiêu chí,2,self,,,,\n", ["3:code"]),
        ("code with a space", ParTable.area + "A 1,A,Tiêu chí,2,self,,,,\n", ["3:code"]),
        ("code with Vietnamese letters", ParTable.area + "Đ.1,A,Tiêu chí,2,self,,,,\n", ["3:code"]),
        ("code longer than 20", ParTable.area + "A.1234567890123456789,A,Tiêu chí,2,self,,,,\n", ["3:code"]),
        ("duplicate code", ParTable.area + "A.1,A,Một,2,self,,,,\nA.1,A,Hai,2,self,,,,\n", ["4:code"]),
        // title, maximum, scoring
        ("missing title", ParTable.area + "A.1,A,,2,self,,,,\n", ["3:title"]),
        ("maximum not a number", ParTable.area + "A.1,A,Tiêu chí,hai,self,,,,\n", ["3:max_points"]),
        ("maximum empty", ParTable.area + "A.1,A,Tiêu chí,,self,,,,\n", ["3:max_points"]),
        ("maximum in exponent notation", ParTable.area + "A.1,A,Tiêu chí,1e2,self,,,,\n", ["3:max_points"]),
        ("negative maximum", ParTable.area + "A.1,A,Tiêu chí,-1,self,,,,\n", ["3:max_points"]),
        ("maximum over 1000", "A,,Khu vực,1000.5,self,,,,\n", ["2:max_points"]),
        ("unknown scoring", ParTable.area + "A.1,A,Tiêu chí,2,tự chấm,,,,\n", ["3:scoring"]),
        ("empty scoring", ParTable.area + "A.1,A,Tiêu chí,2,,,,,\n", ["3:scoring"]),
        // figure and rule
        ("computed without figure", ParTable.area + "A.1,A,Tiêu chí,2,computed,,,,proportional\n", ["3:figure"]),
        (
            "computed with an unknown figure",
            ParTable.area + "A.1,A,Tiêu chí,2,computed,,,citizen-mood,proportional\n",
            ["3:figure"]
        ),
        (
            "computed with an unreadable rule", ParTable.area + "A.1,A,Tiêu chí,2,computed,,,on-time-rate,linear\n",
            ["3:rule"]
        ),
        ("computed without a rule", ParTable.area + "A.1,A,Tiêu chí,2,computed,,,on-time-rate,\n", ["3:rule"]),
        (
            "a step worth more than the maximum",
            ParTable.area + "A.1,A,Tiêu chí,2,computed,,,on-time-rate,steps:95=3;80=1\n", ["3:rule"]
        ),
        ("a figure on a self-assessed row", ParTable.area + "A.1,A,Tiêu chí,2,self,,,on-time-rate,\n", ["3:figure"]),
        ("a rule on a survey row", ParTable.area + "A.1,A,Tiêu chí,2,survey,,,,proportional\n", ["3:rule"]),
        (
            "figure and rule on a bonus row",
            ParTable.area + "C,,Thưởng,2,bonus,,,,\nC.1,C,Tiêu chí,2,bonus,,,on-time-rate,proportional\n", ["4:figure"]
        ),
        // the tree
        ("orphan parent", ParTable.area + "A.1,Z,Tiêu chí,2,self,,,,\n", ["3:parent"]),
        ("its own parent", ParTable.area + "A.1,A.1,Tiêu chí,2,self,,,,\n", ["3:parent"]),
        (
            "a parent cycle", ParTable.area + "X,Y,Một,1,self,,,,\nY,X,Hai,1,self,,,,\n",
            ["3:parent", "4:parent"]
        ),
        (
            "children's maxima over the parent's",
            "A,,Khu vực,3,self,,,,\nA.1,A,Một,2,self,,,,\nA.2,A,Hai,\"1,5\",self,,,,\n", ["2:max_points"]
        ),
        (
            "sub-criteria's maxima over their criterion's",
            ParTable.area + "A.1,A,Một,2,self,,,,\nA.1.1,A.1,Con,2,self,,,,\nA.1.2,A.1,Con,1,self,,,,\n",
            ["3:max_points"]
        ),
        ("a bonus under a normal area", ParTable.area + "A.1,A,Thưởng,1,bonus,,,,\n", ["3:scoring"]),
        ("a penalty under a normal area", ParTable.area + "A.1,A,Trừ,1,penalty,,,,\n", ["3:scoring"]),
        (
            "a normal criterion under a bonus item", ParTable.area + "C,,Thưởng,2,bonus,,,,\nC.1,C,Một,1,self,,,,\n",
            ["4:scoring"]
        ),
        (
            "a rule on a criterion with children",
            ParTable.area + "A.1,A,Một,4,computed,,,on-time-rate,proportional\nA.1.1,A.1,Con,2,self,,,,\n",
            ["3:rule"]
        ),
        ("a table with no area", "C,,Thưởng,2,bonus,,,,\nD,,Trừ,2,penalty,,,,\n", ["1:parent"]),
        // the table
        ("a table with only its header", "", ["1:-"]),
    ]

    @Test(arguments: badTables)
    func aBadTableIsRefusedByLineAndColumn(name: String, body: String, expected: [String]) {
        // act
        let found = ParTable.problems(body)
        // check: the exact problems, and nothing read
        #expect(found == expected, "\(name)")
        #expect((try? ParTable.read(body)) == nil, "\(name)")
    }

    @Test func anEmptyFileIsRefusedOnItsFirstLine() {
        // act
        let failure = ParTable.failure("", header: "")
        // check
        #expect(failure?.problems.map { "\($0.line):\($0.column)" } == ["1:-"])
    }

    @Test func everyMissingRequiredColumnIsNamedOnTheHeaderLine() {
        #expect(ParTable.problems("A,,10\n", header: "code,parent,max_points\n") == ["1:title", "1:scoring"])
        #expect(ParTable.problems("A,Khu vực,10\n", header: "code,title,max_points\n") == ["1:scoring"])
        let noCode = "parent,title,max_points,scoring,evidence,field,figure,rule\n"
        #expect(ParTable.problems(",Khu vực,10,self,,,,\n", header: noCode) == ["1:code"])
    }

    @Test func aDuplicateCodeNamesTheLineItFirstAppearedOn() throws {
        // setup: A.1 first on line 3, again on lines 5 and 6
        let body =
            ParTable.area + "A.1,A,Một,1,self,,,,\nA.2,A,Hai,1,self,,,,\nA.1,A,Ba,1,self,,,,\nA.1,A,Bốn,1,self,,,,\n"
        // act
        let problems = try #require(ParTable.failure(body)).problems
        // check
        #expect(problems.map { "\($0.line):\($0.column)" } == ["5:code", "6:code"])
        #expect(problems.allSatisfy { $0.vi == "mã “A.1” trùng với dòng 3" })
    }

    @Test func everyBadRowIsReportedInFileOrderAndNothingIsRead() throws {
        // setup: a correct table with three bad rows added
        let body = Self.good + "E,,Khu vực E,x,self,,,,\nE.1,E,,1,self,,,,\nE.2,E,Hai,1,maybe,,,,\n"
        // act
        let failure = try #require(ParTable.failure(body))
        // check
        #expect(failure.problems.map { "\($0.line):\($0.column)" } == ["14:max_points", "15:title", "16:scoring"])
        #expect(failure.problems.allSatisfy { $0.file == "criteria" })
    }

    @Test(arguments: [
        "E.1,Z,Tiêu chí,2,self,,,,\n",
        "X,Y,Một,1,self,,,,\nY,X,Hai,1,self,,,,\n",
        "E,,Khu vực E,3,self,,,,\nE.1,E,Một,2,self,,,,\nE.2,E,Hai,2,self,,,,\n",
        "E,,Khu vực E,3,self,,,,\nE.1,E,Thưởng,1,bonus,,,,\n",
        "E,,Khu vực E,3,computed,,,on-time-rate,proportional\nE.1,E,Con,1,self,,,,\n",
    ])
    func aTreeProblemAloneStillYieldsNoCriteria(body: String) {
        // setup: every row reads on its own; only the tree is wrong
        // act / check
        #expect(throws: ParFrameworkImport.Failure.self) { try ParTable.read(Self.good + body) }
    }

    @Test func theMessagesSayWhatIsWrongInVietnamese() throws {
        // act
        let over = try #require(
            ParTable.failure("A,,Khu vực,3,self,,,,\nA.1,A,Một,2,self,,,,\nA.2,A,Hai,\"1,5\",self,,,,\n"))
        let figure = try #require(ParTable.failure(ParTable.area + "A.1,A,Tiêu chí,2,computed,,,mood,proportional\n"))
        let orphan = try #require(ParTable.failure(ParTable.area + "A.1,Z,Tiêu chí,2,self,,,,\n"))
        let noArea = try #require(ParTable.failure("C,,Thưởng,2,bonus,,,,\n"))
        // check
        #expect(over.problems[0].vi == "tổng điểm tối đa của các tiêu chí con (3,5) vượt điểm tối đa của “A” (3)")
        #expect(over.problems[0].message("vi") == "criteria dòng 2, cột max_points: " + over.problems[0].vi)
        #expect(figure.problems[0].vi.contains("on-time-rate, online-share, task-completion"))
        #expect(orphan.problems[0].vi == "mã cha “Z” không có trong bảng")
        #expect(noArea.problems[0].vi == "bảng không có lĩnh vực đánh giá nào (dòng không có mã cha)")
    }

    @Test func aProblemCarriesTheFileNameItWasGiven() throws {
        do {
            _ = try ParFrameworkImport.read(ParTable.rows(ParTable.header), figures: [], file: "tieuchi.xlsx")
            Issue.record("expected a failure")
        } catch {
            #expect(error.problems.map(\.file) == ["tieuchi.xlsx"])
        }
    }
}

@Suite struct ParBandCheckTests {
    static let good = [
        ParBand(label: "Xuất sắc", minPercent: 90), ParBand(label: "Tốt", minPercent: 80),
        ParBand(label: "Khá", minPercent: 65), ParBand(label: "Trung bình", minPercent: 50),
        ParBand(label: "Yếu", minPercent: 0),
    ]

    @Test func aGoodSetOfBandsPassesInAnyOrder() {
        #expect(ParFrameworkImport.checkBands(Self.good).isEmpty)
        #expect(ParFrameworkImport.checkBands(Self.good.reversed()).isEmpty)
        #expect(ParFrameworkImport.checkBands([ParBand(label: "Đạt", minPercent: 0)]).isEmpty)
        #expect(
            ParFrameworkImport.checkBands([
                ParBand(label: "Đạt", minPercent: 100), ParBand(label: "Chưa", minPercent: 0),
            ])
            .isEmpty)
    }

    /// (what is wrong, the bands, the reasons)
    static let badBands: [(String, [ParBand], [String])] = [
        ("no band", [ParBand](), ["Cần ít nhất một mức xếp loại."]),
        ("no band from 0", [ParBand(label: "Tốt", minPercent: 50)], ["Mức thấp nhất phải bắt đầu từ 0%."]),
        (
            "a threshold twice",
            [
                ParBand(label: "Yếu", minPercent: 0), ParBand(label: "Khá", minPercent: 50),
                ParBand(label: "Tốt", minPercent: 50),
            ],
            ["Hai mức xếp loại có cùng ngưỡng."]
        ),
        (
            "a threshold over 100", [ParBand(label: "Yếu", minPercent: 0), ParBand(label: "Siêu", minPercent: 100.5)],
            ["Ngưỡng của mức “Siêu” phải từ 0 đến 100."]
        ),
        (
            "a threshold below 0", [ParBand(label: "Yếu", minPercent: 0), ParBand(label: "Âm", minPercent: -5)],
            ["Ngưỡng của mức “Âm” phải từ 0 đến 100."]
        ),
        (
            "a threshold that is not a number",
            [ParBand(label: "Yếu", minPercent: 0), ParBand(label: "?", minPercent: .nan)],
            ["Ngưỡng của mức “?” phải từ 0 đến 100."]
        ),
        ("an empty label", [ParBand(label: " ", minPercent: 0)], ["Mỗi mức xếp loại cần tên."]),
    ]

    @Test(arguments: badBands)
    func badBandsAreRefusedWithAReason(name: String, bands: [ParBand], expected: [String]) {
        // act
        let found = ParFrameworkImport.checkBands(bands)
        // check
        #expect(found.map(\.vi) == expected, "\(name)")
        #expect(found.allSatisfy { !$0.en.isEmpty }, "\(name)")
    }
}
