import Foundation

@testable import PhuongSoCore

/// Small schemes for the tests, and the two real sheets shipped with the demo.
enum EvaluationFixture {
    static let identity = EvaluationScheme.Identity(
        id: "test", title: "Phiếu thử", source: "thử", validFrom: LocalDate(unchecked: 2026, 1, 1),
        appliesTo: "Công chức")

    static func p(_ text: String) -> EvaluationPoints { EvaluationPoints.parse(text)! }

    static func judged(_ code: String, _ parent: String?, _ max: String, step: String = "0.25") -> EvaluationCriterion {
        EvaluationCriterion(code: code, parent: parent, title: code, maxPoints: p(max), scoring: .judged(step: p(step)))
    }
    static func node(_ code: String, _ parent: String?, _ max: String, _ scoring: EvaluationCriterion.Scoring = .sum)
        -> EvaluationCriterion
    {
        EvaluationCriterion(code: code, parent: parent, title: code, maxPoints: p(max), scoring: scoring)
    }
    static func computed(_ code: String, _ parent: String?, _ max: String, _ formula: EvaluationFormula)
        -> EvaluationCriterion
    {
        EvaluationCriterion(code: code, parent: parent, title: code, maxPoints: p(max), scoring: .computed(formula))
    }

    static func band(_ code: String, _ range: String, conditions: [BandCondition] = []) -> RatingBand {
        let r = RatingBand.parseRange(range)!
        return RatingBand(code: code, title: code, lower: r.lower, upper: r.upper, conditions: conditions)
    }

    /// Nghị định 335's bands: xuất sắc ≥ 90, tốt 70–< 90, hoàn thành 50–< 70, không hoàn thành < 50.
    static let nd335Bands = [
        band("XS", "[90,100]"), band("T", "[70,90)"), band("HT", "[50,70)"), band("KHT", "[0,50)"),
    ]

    /// One judged criterion worth 100: any total can be typed in.
    static func flat(bands: [RatingBand] = nd335Bands, quota: RatingQuota? = nil) -> EvaluationScheme {
        EvaluationScheme(
            identity: identity, criteria: [judged("A", nil, "100", step: "0.01")], bands: bands, quota: quota)
    }

    static func scheme(_ criteria: [EvaluationCriterion], bands: [RatingBand]? = nil) -> EvaluationScheme {
        let max = criteria.filter { $0.parent == nil }.map(\.maxPoints).reduce(.zero, +)
        return EvaluationScheme(
            identity: identity, criteria: criteria,
            bands: bands ?? [
                RatingBand(
                    code: "ALL", title: "ALL", lower: .init(.zero, inclusive: true), upper: .init(max, inclusive: true))
            ])
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../Sources/PhuongSoApp/Demo/data")
    static func rows(_ name: String) throws -> [CSV.Record] {
        try CSV.parse(CSV.text(from: Array(Data(contentsOf: folder.appendingPathComponent(name)))))
    }
    static func rows(csv text: String) -> [CSV.Record] { try! CSV.parse(text) }

    static func haiPhong() throws -> EvaluationScheme {
        let run = EvaluationSchemeImport.dryRun(try rows("staff-eval-haiphong-2025-chairman.csv"), identity: identity)
        guard let scheme = run.scheme else { throw Unreadable(problems: run.problems.map(\.description)) }
        return scheme
    }
    static func nd335() throws -> EvaluationScheme {
        let run = EvaluationSchemeImport.dryRun(try rows("staff-eval-nd335-2026.csv"), identity: identity)
        guard let scheme = run.scheme else { throw Unreadable(problems: run.problems.map(\.description)) }
        return scheme
    }
    struct Unreadable: Error { let problems: [String] }
}
