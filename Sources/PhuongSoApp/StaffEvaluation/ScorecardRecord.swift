import Fluent
import Foundation
import PhuongSoCore

/// One person's evaluation sheet for one period, as stored once somebody acts on it (the draft
/// before that is computed from the record and stored nowhere). The rules are `EvaluationCycle`'s
/// (core); `cycle()` is where the two meet. Written only by `ScorecardService`.
package final class ScorecardRecord: Model, @unchecked Sendable {
    package static let schema = "evaluation_scorecards"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Parent(key: "person_id") package var person: UserRecord
    /// The `evaluation_schemes` row the sheet is scored on, chosen when it was first stored.
    @Field(key: "scheme_id") package var schemeID: UUID
    /// `2026-03`, `2026-Q1` or `2026` (`EvaluationPeriod`).
    @Field(key: "period") package var period: String
    @Field(key: "stage") package var stage: EvaluationCycle.Stage
    /// The judged scores as JSON: criterion code → "28.5" or "na" (not assigned).
    @Field(key: "self_scores") package var selfScores: String
    @Field(key: "self_comment") package var selfComment: String
    @OptionalField(key: "self_at_seconds") package var selfAtSeconds: Int64?
    /// The leader's scores as JSON: code → {"score": "25", "reason": "…"}.
    @Field(key: "review") package var review: String
    /// Conditions attested as JSON: code → true/false.
    @Field(key: "attested") package var attested: String
    @Field(key: "review_comment") package var reviewComment: String
    @OptionalParent(key: "reviewer_id") package var reviewer: UserRecord?
    @OptionalField(key: "reviewed_at_seconds") package var reviewedAtSeconds: Int64?
    @OptionalParent(key: "confirmed_by_id") package var confirmedBy: UserRecord?
    @OptionalField(key: "confirmed_on") package var confirmedOn: String?
    @OptionalField(key: "confirmed_at_seconds") package var confirmedAtSeconds: Int64?
    /// Frozen at confirmation, so a locked sheet never moves: the figures as JSON, the total in
    /// hundredths and the rating's band code.
    @OptionalField(key: "figures") package var figures: String?
    @OptionalField(key: "total_hundredths") package var totalHundredths: Int?
    @OptionalField(key: "band_code") package var bandCode: String?
    /// Bumped by every change; a change is written only on the revision it was decided on.
    @Field(key: "revision") package var revision: Int
    package init() {}

    package func cycle() throws -> EvaluationCycle {
        EvaluationCycle(
            person: $person.id.uuidString, stage: stage, selfAssessment: try ScorecardJSON.judged(selfScores),
            selfComment: selfComment, review: try ScorecardJSON.review(review),
            attested: try ScorecardJSON.attested(attested), reviewComment: reviewComment,
            reviewer: $reviewer.id?.uuidString, confirmedBy: $confirmedBy.id?.uuidString,
            confirmedOn: try confirmedOn.map { try LocalDate(parsing: $0) })
    }

    package func frozenFigures() throws -> [EvaluationFigure: EvaluationFigureValue]? {
        try figures.map { try ScorecardJSON.figures($0) }
    }
}

/// The JSON the sheet's columns hold. A stored value that no longer reads is an error, never a
/// default.
package enum ScorecardJSON {
    struct Unreadable: Error, CustomStringConvertible {
        let what: String
        var description: String { "evaluation_scorecards: unreadable \(what)" }
    }

    package static func text(_ judged: [String: EvaluationInput.Judged]) -> String {
        encode(judged.mapValues(word))
    }
    package static func text(_ review: [String: EvaluationInput.Review]) -> String {
        encode(review.mapValues { ReviewEntry(score: word($0.score), reason: $0.reason) })
    }
    package static func text(_ attested: [String: Bool]) -> String { encode(attested) }
    package static func text(_ figures: [EvaluationFigure: EvaluationFigureValue]) -> String {
        encode(
            Dictionary(
                uniqueKeysWithValues: figures.map { key, value -> (String, String) in
                    switch value {
                    case .value(let d): return (key.rawValue, "\(d)")
                    case .notApplicable: return (key.rawValue, "na")
                    }
                }))
    }

    static func judged(_ text: String) throws -> [String: EvaluationInput.Judged] {
        try decode([String: String].self, text).mapValues { try judged(word: $0) }
    }
    static func review(_ text: String) throws -> [String: EvaluationInput.Review] {
        try decode([String: ReviewEntry].self, text).mapValues { .init(try judged(word: $0.score), reason: $0.reason) }
    }
    static func attested(_ text: String) throws -> [String: Bool] { try decode([String: Bool].self, text) }
    static func figures(_ text: String) throws -> [EvaluationFigure: EvaluationFigureValue] {
        var out: [EvaluationFigure: EvaluationFigureValue] = [:]
        for (key, value) in try decode([String: String].self, text) {
            guard let figure = EvaluationFigure(rawValue: key) else { throw Unreadable(what: "figure \(key)") }
            if value == "na" {
                out[figure] = .notApplicable
            } else if let d = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) {
                out[figure] = .value(d)
            } else {
                throw Unreadable(what: "figure value \(value)")
            }
        }
        return out
    }

    struct ReviewEntry: Codable {
        let score: String
        let reason: String
    }

    static func word(_ j: EvaluationInput.Judged) -> String {
        switch j {
        case .points(let p): return p.text
        case .notApplicable: return "na"
        }
    }
    static func judged(word: String) throws -> EvaluationInput.Judged {
        if word == "na" { return .notApplicable }
        guard let p = EvaluationPoints.parse(word) else { throw Unreadable(what: "points \(word)") }
        return .points(p)
    }

    private static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Dictionaries of strings and booleans always encode: a failure here is a programming error.
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            preconditionFailure("JSON of plain values: \(error)")
        }
    }
    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// The evaluation sheets (issue 17 item 3). After the schemes' table, which it references.
struct CreateScorecards: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ScorecardRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("scheme_id", .uuid, .required, .references("evaluation_schemes", "id"))
            .field("period", .string, .required)
            .field("stage", .string, .required)
            .field("self_scores", .string, .required)
            .field("self_comment", .string, .required)
            .field("self_at_seconds", .int64)
            .field("review", .string, .required)
            .field("attested", .string, .required)
            .field("review_comment", .string, .required)
            .field("reviewer_id", .uuid, .references(UserRecord.schema, "id"))
            .field("reviewed_at_seconds", .int64)
            .field("confirmed_by_id", .uuid, .references(UserRecord.schema, "id"))
            .field("confirmed_on", .string)
            .field("confirmed_at_seconds", .int64)
            .field("figures", .string)
            .field("total_hundredths", .int)
            .field("band_code", .string)
            .field("revision", .int, .required)
            .unique(on: "person_id", "period")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ScorecardRecord.schema).delete()
    }
}
