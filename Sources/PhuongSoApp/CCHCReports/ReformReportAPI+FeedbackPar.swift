import Foundation
import PhuongSoCore
import Vapor

/// The report's feedback and PAR Index figures over the JSON API. Each is null in a report frozen
/// before they were computed; `parIndex.assessment` is null when the ward has no assessment.
extension ReformReportAPI {
    struct FeedbackFigures: Content {
        var received: Int
        var handled: Int
        var handledOnTime: Int
        var open: Int
        init(_ f: ReformReportFigures.Feedback) {
            received = f.received
            handled = f.handled
            handledOnTime = f.handledOnTime
            open = f.open
        }
    }

    struct ParFigures: Content {
        struct Assessment: Content {
            var year: Int
            var phase: String
            var illustrative: Bool
            var maximum: Double
            var selfPoints: Double
            var selfPercent: Double?
            var selfUnscored: Int
            var appraisedPoints: Double?
            var appraisedPercent: Double?
            var band: String?
            var criteriaLosingPoints: Int?
            var deductionsAssigned: Int?
            var deductionTasksCompleted: Int?
            init(_ a: ReformReportFigures.ParIndex.Assessment) {
                year = a.year
                phase = a.phase.rawValue
                illustrative = a.illustrative
                maximum = a.maximum
                selfPoints = a.selfPoints
                selfPercent = a.selfPercent
                selfUnscored = a.selfUnscored
                appraisedPoints = a.appraisedPoints
                appraisedPercent = a.appraisedPercent
                band = a.band
                criteriaLosingPoints = a.criteriaLosingPoints
                deductionsAssigned = a.deductionsAssigned
                deductionTasksCompleted = a.deductionTasksCompleted
            }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(year, forKey: .year)
                try c.encode(phase, forKey: .phase)
                try c.encode(illustrative, forKey: .illustrative)
                try c.encode(maximum, forKey: .maximum)
                try c.encode(selfPoints, forKey: .selfPoints)
                try c.encode(selfPercent, forKey: .selfPercent)
                try c.encode(selfUnscored, forKey: .selfUnscored)
                try c.encode(appraisedPoints, forKey: .appraisedPoints)
                try c.encode(appraisedPercent, forKey: .appraisedPercent)
                try c.encode(band, forKey: .band)
                try c.encode(criteriaLosingPoints, forKey: .criteriaLosingPoints)
                try c.encode(deductionsAssigned, forKey: .deductionsAssigned)
                try c.encode(deductionTasksCompleted, forKey: .deductionTasksCompleted)
            }
        }
        var assessment: Assessment?
        init(_ p: ReformReportFigures.ParIndex) { assessment = p.assessment.map(Assessment.init) }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(assessment, forKey: .assessment)
        }
    }

    static let feedbackSchema = D.object(
        [("received", D.int), ("handled", D.int), ("handledOnTime", D.int), ("open", D.int)],
        required: ["received", "handled", "handledOnTime", "open"])

    static let parSchema: JSONValue = {
        let nullableInt: JSONValue = ["type": ["integer", "null"]]
        let assessment = D.object(
            [
                ("year", D.int),
                ("phase", ["type": "string", "enum": .array(ParPhase.allCases.map { .string($0.rawValue) })]),
                ("illustrative", D.bool), ("maximum", ["type": "number"]), ("selfPoints", ["type": "number"]),
                ("selfPercent", nullableNumber), ("selfUnscored", D.int), ("appraisedPoints", nullableNumber),
                ("appraisedPercent", nullableNumber), ("band", D.nullableStr), ("criteriaLosingPoints", nullableInt),
                ("deductionsAssigned", nullableInt), ("deductionTasksCompleted", nullableInt),
            ],
            required: [
                "year", "phase", "illustrative", "maximum", "selfPoints", "selfPercent", "selfUnscored",
                "appraisedPoints", "appraisedPercent", "band", "criteriaLosingPoints", "deductionsAssigned",
                "deductionTasksCompleted",
            ])
        return D.object([("assessment", ["oneOf": [assessment, ["type": "null"]]])], required: ["assessment"])
    }()
}
