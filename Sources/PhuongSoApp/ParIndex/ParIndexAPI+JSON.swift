import Foundation
import PhuongSoCore
import Vapor

/// The PAR Index's JSON shapes. Vapor leaves a nil optional out of the JSON, so every shape with
/// an optional writes its own `encode(to:)` and a missing value reads `null`.
extension ParIndexAPI {
    struct Band: Content {
        var label: String
        var minPercent: Double
    }

    struct Schedule: Content {
        var selfEnds: String
        var firstRoundEnds: String
        var explanationEnds: String
        var secondRoundEnds: String
        init(_ r: ParFrameworkRecord) {
            selfEnds = r.selfEnds
            firstRoundEnds = r.firstRoundEnds
            explanationEnds = r.explanationEnds
            secondRoundEnds = r.secondRoundEnds
        }
    }

    /// One node of the framework's tree.
    struct Criterion: Content {
        var code: String
        var parent: String?
        var title: String
        var maxPoints: Double
        var scoring: String
        var evidenceRequired: String
        var field: String?
        var figure: String?
        var rule: String?
        init(_ c: ParCriterion) {
            code = c.code
            parent = c.parent
            title = c.title
            maxPoints = c.maxPoints
            scoring = c.scoring.rawValue
            evidenceRequired = c.evidence
            field = c.field
            figure = c.figure
            rule = c.rule?.notation
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(parent, forKey: .parent)
            try c.encode(title, forKey: .title)
            try c.encode(maxPoints, forKey: .maxPoints)
            try c.encode(scoring, forKey: .scoring)
            try c.encode(evidenceRequired, forKey: .evidenceRequired)
            try c.encode(field, forKey: .field)
            try c.encode(figure, forKey: .figure)
            try c.encode(rule, forKey: .rule)
        }
    }

    struct FrameworkSummary: Content {
        var id: UUID
        var provinceCode: String
        var year: Int
        var title: String
        var source: String
        /// The points are illustrative, not the province's published ones.
        var illustrative: Bool
        /// A ward has started on it: its criteria can no longer change.
        var frozen: Bool
        var maximum: Double
        var link: String
    }

    struct Framework: Content {
        var framework: FrameworkSummary
        var schedule: Schedule
        var bands: [Band]
        var criteria: [Criterion]
    }

    /// What an import read (dry run) or stored.
    struct ImportResult: Content {
        var applied: Bool
        /// It replaces the province's framework of that year (not yet started).
        var replaces: Bool
        var id: UUID?
        var maximum: Double
        var bands: [Band]
        var criteria: [Criterion]
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(applied, forKey: .applied)
            try c.encode(replaces, forKey: .replaces)
            try c.encode(id, forKey: .id)
            try c.encode(maximum, forKey: .maximum)
            try c.encode(bands, forKey: .bands)
            try c.encode(criteria, forKey: .criteria)
        }
    }

    /// A file import's refusal: the JSON error plus every problem by line and column.
    struct ImportFailure: Content {
        struct Problem: Content {
            var line: Int
            var column: String
            var message: String
        }
        var error: APIError.Body
        var problems: [Problem]
    }

    struct Person: Content {
        var id: UUID
        var name: String
    }

    /// One evidence item: a document (number, date, issuer), a link to a record in PhuongSo or
    /// an uploaded file (served by the page route `link`).
    struct Evidence: Content {
        var kind: String
        var description: String
        var number: String?
        var date: String?
        var issuer: String?
        var path: String?
        var label: String?
        var fileName: String?
        var link: String?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(description, forKey: .description)
            try c.encode(number, forKey: .number)
            try c.encode(date, forKey: .date)
            try c.encode(issuer, forKey: .issuer)
            try c.encode(path, forKey: .path)
            try c.encode(label, forKey: .label)
            try c.encode(fileName, forKey: .fileName)
            try c.encode(link, forKey: .link)
        }
    }

    /// A computed criterion's figure and the points its rule gives.
    struct Figure: Content {
        var key: String
        var numerator: Int
        var denominator: Int
        var percent: Double?
        var points: Double?
        var link: String
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(numerator, forKey: .numerator)
            try c.encode(denominator, forKey: .denominator)
            try c.encode(percent, forKey: .percent)
            try c.encode(points, forKey: .points)
            try c.encode(link, forKey: .link)
        }
    }

    /// A criterion of the ward's assessment: parents carry the tree, leaves their scores.
    struct Row: Content {
        var code: String
        var parent: String?
        var title: String
        var depth: Int
        var leaf: Bool
        var maxPoints: Double
        var scoring: String
        var evidenceRequired: String
        var field: String?
        var scoreID: UUID?
        var revision: Int?
        var assignee: Person?
        var selfPoints: Double?
        var explanation: String
        var evidence: [Evidence]
        var figure: Figure?
        var firstPoints: Double?
        var firstComment: String
        var wardReply: String
        var secondPoints: Double?
        var secondComment: String
        var finalPoints: Double?
        var pointsLost: Double?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(parent, forKey: .parent)
            try c.encode(title, forKey: .title)
            try c.encode(depth, forKey: .depth)
            try c.encode(leaf, forKey: .leaf)
            try c.encode(maxPoints, forKey: .maxPoints)
            try c.encode(scoring, forKey: .scoring)
            try c.encode(evidenceRequired, forKey: .evidenceRequired)
            try c.encode(field, forKey: .field)
            try c.encode(scoreID, forKey: .scoreID)
            try c.encode(revision, forKey: .revision)
            try c.encode(assignee, forKey: .assignee)
            try c.encode(selfPoints, forKey: .selfPoints)
            try c.encode(explanation, forKey: .explanation)
            try c.encode(evidence, forKey: .evidence)
            try c.encode(figure, forKey: .figure)
            try c.encode(firstPoints, forKey: .firstPoints)
            try c.encode(firstComment, forKey: .firstComment)
            try c.encode(wardReply, forKey: .wardReply)
            try c.encode(secondPoints, forKey: .secondPoints)
            try c.encode(secondComment, forKey: .secondComment)
            try c.encode(finalPoints, forKey: .finalPoints)
            try c.encode(pointsLost, forKey: .pointsLost)
        }
    }

    struct AreaResult: Content {
        var code: String
        var title: String
        var points: Double
        var maxPoints: Double
        var surveyPoints: Double
    }

    /// The index: points over the maximum, as a percentage with its band.
    struct Index: Content {
        var points: Double
        var maximum: Double
        var percent: Double?
        var band: String?
        var areas: [AreaResult]
        /// Leaves without a score yet.
        var unscored: [String]
        init(_ r: ParResult) {
            points = r.points
            maximum = r.maximum
            percent = r.percent
            band = r.band?.label
            areas = r.areas.map {
                AreaResult(
                    code: $0.code, title: $0.title, points: $0.points, maxPoints: $0.maxPoints,
                    surveyPoints: $0.surveyPoints)
            }
            unscored = r.unscored
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(points, forKey: .points)
            try c.encode(maximum, forKey: .maximum)
            try c.encode(percent, forKey: .percent)
            try c.encode(band, forKey: .band)
            try c.encode(areas, forKey: .areas)
            try c.encode(unscored, forKey: .unscored)
        }
    }

    struct Deduction: Content {
        var id: UUID
        var code: String
        var pointsLost: Double
        var responsible: Person
        var cause: String
        var remedy: String
        var taskID: UUID
        var taskLink: String
    }

    struct Breakthrough: Content {
        var id: UUID
        var title: String
        var product: String
        var code: String?
        var deadline: String
        var status: String
        var proposer: Person
        var comment: String
        var taskID: UUID?
        var taskLink: String?
        var revision: Int
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(product, forKey: .product)
            try c.encode(code, forKey: .code)
            try c.encode(deadline, forKey: .deadline)
            try c.encode(status, forKey: .status)
            try c.encode(proposer, forKey: .proposer)
            try c.encode(comment, forKey: .comment)
            try c.encode(taskID, forKey: .taskID)
            try c.encode(taskLink, forKey: .taskLink)
            try c.encode(revision, forKey: .revision)
        }
    }

    struct Links: Content {
        var page: String
        var xlsx: String
        var evidenceList: String
    }

    /// A ward's assessment for a year with everything about it.
    struct Assessment: Content {
        var id: UUID
        var unitCode: String
        var unitName: String
        var year: Int
        var phase: String
        var revision: Int
        var framework: FrameworkSummary
        var schedule: Schedule
        var dataFrom: String
        var dataTo: String
        var submittedAt: String?
        var publishedAt: String?
        /// On the ward's proposed scores (computed criteria at their figure).
        var proposed: Index
        /// On the final scores (round 2, else round 1, else the ward's).
        var final: Index
        var criteria: [Row]
        var deductions: [Deduction]
        var breakthroughs: [Breakthrough]
        var links: Links
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(unitCode, forKey: .unitCode)
            try c.encode(unitName, forKey: .unitName)
            try c.encode(year, forKey: .year)
            try c.encode(phase, forKey: .phase)
            try c.encode(revision, forKey: .revision)
            try c.encode(framework, forKey: .framework)
            try c.encode(schedule, forKey: .schedule)
            try c.encode(dataFrom, forKey: .dataFrom)
            try c.encode(dataTo, forKey: .dataTo)
            try c.encode(submittedAt, forKey: .submittedAt)
            try c.encode(publishedAt, forKey: .publishedAt)
            try c.encode(proposed, forKey: .proposed)
            try c.encode(final, forKey: .final)
            try c.encode(criteria, forKey: .criteria)
            try c.encode(deductions, forKey: .deductions)
            try c.encode(breakthroughs, forKey: .breakthroughs)
            try c.encode(links, forKey: .links)
        }
    }

    struct AreaHeading: Content {
        var code: String
        var title: String
        var maxPoints: Double
    }

    struct RankedArea: Content {
        var code: String
        var points: Double
        var maxPoints: Double
    }

    struct RankedWard: Content {
        var rank: Int
        var unitCode: String
        var unitName: String
        var assessmentID: UUID
        var points: Double
        var maximum: Double
        var percent: Double?
        var band: String?
        var areas: [RankedArea]
        var previousPercent: Double?
        var change: Double?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rank, forKey: .rank)
            try c.encode(unitCode, forKey: .unitCode)
            try c.encode(unitName, forKey: .unitName)
            try c.encode(assessmentID, forKey: .assessmentID)
            try c.encode(points, forKey: .points)
            try c.encode(maximum, forKey: .maximum)
            try c.encode(percent, forKey: .percent)
            try c.encode(band, forKey: .band)
            try c.encode(areas, forKey: .areas)
            try c.encode(previousPercent, forKey: .previousPercent)
            try c.encode(change, forKey: .change)
        }
    }

    struct Pending: Content {
        var unitCode: String
        var unitName: String
        var phase: String
        var assessmentID: UUID
    }

    struct Ranking: Content {
        var year: Int
        var provinceCode: String
        var provinceName: String
        var framework: FrameworkSummary
        var areas: [AreaHeading]
        var wards: [RankedWard]
        /// Wards of the province whose result is not published yet.
        var pending: [Pending]
    }
}
