import Foundation
import PhuongSoCore
import Vapor

/// The schemes as JSON. Points are decimal strings with a point ("6.67", "100"), exact as the
/// sheet writes them (never floating point); formulas are structured, with the import notation
/// and the Vietnamese words beside them.
extension EvaluationSchemeAPI {
    struct Person: Content {
        var id: UUID
        var name: String
    }

    struct Issuer: Content {
        var id: UUID
        var code: String
        var name: String
    }

    struct Summary: Content {
        var id: UUID
        var code: String
        var title: String
        /// As imported.
        var source: String
        /// The source as a reader cites it (without the places it was transcribed from).
        var citation: String
        var sourceLinks: [String]
        var validFrom: String
        var appliesTo: String
        var audience: EvaluationAudience
        var issuer: Issuer
        var importedBy: Person
        /// ISO 8601, UTC.
        var importedAt: String

        init(_ r: EvaluationSchemeRecord) throws {
            id = try r.requireID()
            code = r.code
            title = r.title
            source = r.source
            citation = EvaluationSchemeWords.citationText(r.source)
            sourceLinks = EvaluationSchemeAPI.links(r.source)
            validFrom = r.validFrom
            appliesTo = r.appliesTo
            audience = r.audience
            issuer = Issuer(id: r.$unit.id, code: r.unit.code, name: r.unit.name)
            importedBy = Person(id: r.$importedBy.id, name: r.importedBy.displayName)
            importedAt = ISO8601DateFormatter().string(
                from: Date(timeIntervalSince1970: TimeInterval(r.importedAtSeconds)))
        }
    }

    struct Formula: Content {
        /// `ratio` or `threshold`.
        var kind: String
        var numerator: EvaluationFigure?
        var denominator: EvaluationFigure?
        var figure: EvaluationFigure?
        var atLeast: String?
        var points: String?
        var otherwise: String?
        /// As the import file writes it: `ratio:tasks-completed/tasks-assigned`.
        var notation: String

        init(_ f: EvaluationFormula) {
            notation = f.notation
            switch f {
            case .ratio(let n, let d):
                kind = "ratio"
                numerator = n
                denominator = d
            case .threshold(let fig, let atLeast, let yes, let no):
                kind = "threshold"
                figure = fig
                self.atLeast = "\(atLeast)"
                points = yes.text
                otherwise = no.text
            }
        }
    }

    struct Criterion: Content {
        var code: String
        var parent: String?
        var title: String
        var maxPoints: String
        /// `sum`, `rescaled`, `judged` or `computed`.
        var scoring: String
        /// For `judged`: the smallest step of points.
        var step: String?
        var formula: Formula?
        /// How it is scored, in words (Vietnamese).
        var scoringText: String
        /// The sheet's own wording, evidence and source, as imported.
        var wording: String
        var evidence: String
        var source: String
        var sourceLinks: [String]
        /// A row PhuongSo added or read in ("[P]", "Dòng thêm của PhuongSo"), not the text's words.
        var ourReading: Bool

        init(_ c: EvaluationCriterion) {
            code = c.code
            parent = c.parent
            title = c.title
            maxPoints = c.maxPoints.text
            switch c.scoring {
            case .sum: scoring = "sum"
            case .rescaled: scoring = "rescaled"
            case .judged(let s):
                scoring = "judged"
                step = s.text
            case .computed(let f):
                scoring = "computed"
                formula = Formula(f)
            }
            scoringText = EvaluationSchemeWords.scoring(c, .vi)
            wording = c.wording
            evidence = c.evidence
            source = c.source
            sourceLinks = EvaluationSchemeAPI.links(c.source)
            ourReading = EvaluationSchemeWords.isOurReading(c.wording)
        }
    }

    struct Bound: Content {
        var points: String
        var inclusive: Bool
    }

    struct Condition: Content {
        var code: String
        var title: String
        /// `figures-equal`, `attested` or `unless-refuted`.
        var test: String
        var pairs: [[EvaluationFigure]]
        var text: String
    }

    struct Band: Content {
        var code: String
        var title: String
        var lower: Bound
        var upper: Bound
        /// Interval notation: `[70,90)`.
        var range: String
        /// "từ 70 đến dưới 90 điểm".
        var rangeText: String
        var conditions: [Condition]
        var source: String

        init(_ b: RatingBand) {
            code = b.code
            title = b.title
            lower = Bound(points: b.lower.points.text, inclusive: b.lower.inclusive)
            upper = Bound(points: b.upper.points.text, inclusive: b.upper.inclusive)
            range = b.range
            rangeText = b.vietnameseRange
            conditions = b.conditions.map { c in
                let test: String
                var pairs: [[EvaluationFigure]] = []
                switch c.test {
                case .figuresEqual(let p):
                    test = "figures-equal"
                    pairs = p.map { [$0.figure, $0.equals] }
                case .attested: test = "attested"
                case .unlessRefuted: test = "unless-refuted"
                }
                return Condition(
                    code: c.code, title: c.title, test: test, pairs: pairs,
                    text: EvaluationSchemeWords.condition(c, .vi))
            }
            source = b.source
        }
    }

    struct Quota: Content {
        var band: String
        var ofBand: String
        var percent: Int
        var text: String
    }

    /// The tree: criteria in sheet order, bands from the highest, the quota.
    struct Tree: Content {
        var maximum: String
        var criteria: [Criterion]
        var bands: [Band]
        var quota: Quota?

        init(_ s: EvaluationScheme) {
            maximum = s.maximum.text
            criteria = s.criteria.map(Criterion.init)
            bands = s.bands.map(Band.init)
            quota = s.quota.map {
                Quota(
                    band: $0.band, ofBand: $0.ofBand, percent: $0.percent,
                    text: EvaluationSchemeWords.quota($0, scheme: s, .vi))
            }
        }
    }

    struct Detail: Content {
        var scheme: Summary
        var tree: Tree
    }

    struct ImportResult: Content {
        /// false for a dry run: nothing was stored.
        var applied: Bool
        /// The stored scheme, when applied.
        var scheme: Summary?
        var audience: EvaluationAudience
        var tree: Tree
    }

    /// A refusal: the JSON error (its `fields` for the identity) and every problem of the table.
    struct ImportFailure: Content {
        struct Problem: Content {
            var line: Int
            var column: String
            var message: String
        }
        var error: APIError.Body
        var problems: [Problem]
    }

    static func links(_ source: String) -> [String] {
        EvaluationSchemeWords.citation(source).compactMap {
            if case .link(let url) = $0 { return url }
            return nil
        }
    }
}
