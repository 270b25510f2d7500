import Testing

@testable import PhuongSoCore

private typealias F = EvaluationFixture

@Suite struct EvaluationSchemeImportTests {
    @Test func theHaiPhongChairmansSheetLoadsWithEveryCriterionBandAndCondition() throws {
        // act
        let scheme = try F.haiPhong()
        // check
        #expect(scheme.criteria.count == 28 && scheme.maximum == F.p("100"))
        #expect(scheme.children(of: nil).map(\.code) == ["I", "II"])
        #expect(scheme.bands.map(\.code) == ["BAND.XS", "BAND.T", "BAND.HT", "BAND.KHT"])
        #expect(scheme.bands.map(\.range) == ["(90,100]", "(80,90]", "[50,80]", "[0,50)"])
        #expect(
            scheme.band("BAND.XS")?.conditions.map(\.code) == [
                "COND.TIENDO", "COND.CHATLUONG", "COND.VUOTMUC", "COND.DONVI",
            ])
        #expect(scheme.criterion("II.5")?.scoring == .rescaled)
        #expect(
            scheme.criterion("II.3.a")?.formula
                == .ratio(numerator: .planTasksCompleted, denominator: .planTasksAssigned))
        #expect(scheme.criterion("I.1")?.scoring == .judged(step: F.p("0.25")))
        // "như trên" is the decision cited on the first row
        #expect(scheme.criterion("II.5.2.g")?.source.hasPrefix("Hải Phòng QĐ 212/2025/QĐ-UBND") == true)
        #expect(scheme.criterion("II.3.a")?.evidence == "Danh mục đầu công việc")
        #expect(scheme.quota == nil)
    }

    @Test func theNghiDinh335ScaleLoadsWithItsBandsAndQuota() throws {
        // act
        let scheme = try F.nd335()
        // check
        #expect(scheme.criteria.map(\.code) == ["GEN", "TASK", "TASK.Q", "TASK.C", "TASK.P"])
        #expect(scheme.bands.map(\.range) == ["[90,100]", "[70,90)", "[50,70)", "[0,50)"])
        #expect(scheme.band("BAND.HT")?.conditions.first?.test == .unlessRefuted)
        #expect(scheme.figures == [.tasksAssigned, .tasksCompleted, .tasksQualityCredit, .tasksProgressCredit])
    }

    @Test func formulasAndRangesRoundTripThroughTheirNotation() {
        // setup
        let formulas: [EvaluationFormula] = [
            .ratio(numerator: .dossierStepsOnTime, denominator: .dossierStepsHandled),
            .threshold(figure: .parIndexAboveProvinceAverage, atLeast: 1, points: F.p("2"), otherwise: .zero),
        ]
        // act + check
        for f in formulas { #expect(EvaluationFormula.parse(f.notation) == f) }
        #expect(
            F.band("X", "(80,90]").range == "(80,90]" && F.band("X", "(80,90]").vietnameseRange == "trên 80 đến 90 điểm"
        )
        #expect(F.band("X", "[70,90)").vietnameseRange == "từ 70 đến dưới 90 điểm")
        for bad in ["ratio:tasks-done/tasks-assigned", "ratio:tasks-completed", "threshold:par>=1?2:0", "linear", ""] {
            #expect(EvaluationFormula.parse(bad) == nil, "\(bad)")
        }
    }

    static let header = "code,parent,title,max_points,scoring,evidence,source,kind,step,formula\n"
    static let bands = "B.T,,Tốt,,,,,band,,\"[50,10]\"\nB.K,,Kém,,,,,band,,\"[0,50)\"\n"

    static func problems(_ body: String) -> [String] {
        EvaluationSchemeImport.dryRun(F.rows(csv: Self.header + body), identity: F.identity).problems.map {
            "\($0.line):\($0.column)"
        }
    }

    @Test func aGoodFileDryRunsToTheSchemeItWouldCreate() {
        // setup
        let body =
            "A,,Chung,10,,,QĐ 1,sum,,\nA.1,A,Một,10,,,như trên,judged,0.5,\nB.T,,Tốt,,,,,band,,\"[5,10]\"\n"
            + "B.K,,Kém,,,,,band,,\"[0,5)\"\n"
        // act
        let run = EvaluationSchemeImport.dryRun(F.rows(csv: Self.header + body), identity: F.identity)
        // check
        #expect(run.problems.isEmpty)
        #expect(run.scheme?.criteria.map(\.code) == ["A", "A.1"] && run.scheme?.criterion("A.1")?.source == "QĐ 1")
    }

    /// (what is wrong, the rows after the header, the problems as line:column)
    static let badFiles: [(String, String, [String])] = [
        ("unknown kind", "A,,Chung,10,,,,tính,,\n", ["2:kind"]),
        ("maximum not a number", "A,,Chung,mười,,,,judged,1,\n", ["2:max_points"]),
        ("judged without a step", "A,,Chung,10,,,,judged,,\n", ["2:step"]),
        ("formula on a judged row", "A,,Chung,10,,,,judged,1,ratio:tasks-completed/tasks-assigned\n", ["2:formula"]),
        ("formula written in words", "A,,Chung,10,,,,computed,,số CV hoàn thành ÷ số CV được giao\n", ["2:formula"]),
        ("a band without an interval", "A,,Chung,10,,,,judged,1,\nB,,Tốt,,,,,band,,từ 5\n", ["3:formula"]),
        ("a condition on no band", "A,,Chung,10,,,,judged,1,\nC,B.X,Điều kiện,,,,,condition,,attested\n", ["3:parent"]),
        (
            "an unreadable condition", "A,,Chung,10,,,,judged,1,\nC,B.T,Điều kiện,,,,,condition,,đúng hạn\n",
            ["3:formula"]
        ),
        ("an unreadable quota", "A,,Chung,10,,,,judged,1,\nQ,,Tỷ lệ,,,,,quota,,20%\n", ["3:formula"]),
        (
            "the roots not adding up to the total", "A,,Chung,10,,,,judged,1,\nTOTAL,,Tổng,100,,,,total,,\n",
            ["3:max_points"]
        ),
        ("a missing title", "A,,,10,,,,judged,1,\n", ["2:title"]),
    ]

    @Test(arguments: badFiles)
    func aBadFileCreatesNothingAndNamesEachProblemsRow(_ what: String, _ body: String, _ expected: [String]) {
        // act
        let run = EvaluationSchemeImport.dryRun(F.rows(csv: Self.header + body), identity: F.identity)
        // check
        #expect(run.scheme == nil, "\(what)")
        #expect(run.problems.map { "\($0.line):\($0.column)" } == expected, "\(what)")
    }

    @Test func treeAndBandProblemsAreReportedOnTheirRows() {
        // setup: line 4 repeats A.1 (a repeated code stops the tree checks); B (line 5) has children
        // above its maximum; the bands of lines 7 and 8 overlap at 10 (reported on the lower one, line 8)
        let body =
            "A,,Chung,10,,,,sum,,\nA.1,A,Một,10,,,,judged,1,\nA.1,A,Hai,10,,,,judged,1,\n"
            + "B,,Riêng,5,,,,sum,,\nB.1,B,Một,6,,,,judged,1,\nB.T,,Tốt,,,,,band,,\"[10,15]\"\nB.K,,Kém,,,,,band,,\"[0,10]\"\n"
        // act
        let problems = Self.problems(body)
        // check
        #expect(problems == ["4:code", "8:code"])
        // without the repeated row B is line 4 and its children's excess is found; the lower band is line 7
        let withoutRepeat = Self.problems(body.replacingOccurrences(of: "A.1,A,Hai,10,,,,judged,1,\n", with: ""))
        #expect(withoutRepeat == ["4:code", "7:code"])
    }

    @Test func anEmptyFileAndAMissingColumnAreRefused() {
        #expect(EvaluationSchemeImport.dryRun([], identity: F.identity).problems.map(\.line) == [1])
        let run = EvaluationSchemeImport.dryRun(
            F.rows(csv: "code,title,max_points\nA,Chung,10\n"), identity: F.identity)
        #expect(run.problems.map(\.column) == ["kind"] && run.scheme == nil)
    }
}
