import Fluent
import Foundation
import PhuongSoCore

/// A scoring sheet as issued by a unit (a province for every unit below it, or a ward for itself),
/// stored as the CSV it was imported from so that one parser reads every stored scheme. Versioned:
/// a new version of a sheet is a new row with a later `validFrom`; old versions stay.
package final class EvaluationSchemeRecord: Model, @unchecked Sendable {
    package static let schema = "evaluation_schemes"
    @ID(key: .id) package var id: UUID?
    /// The unit that issued it.
    @Parent(key: "unit_id") package var unit: UnitRecord
    /// The identity's id (`nd335-2026`).
    @Field(key: "code") package var code: String
    @Field(key: "title") package var title: String
    /// The text it comes from (number, date, issuer).
    @Field(key: "source") package var source: String
    /// `YYYY-MM-DD`.
    @Field(key: "valid_from") package var validFrom: String
    /// Whom it rates, as the text says.
    @Field(key: "applies_to") package var appliesTo: String
    @Field(key: "audience") package var audience: EvaluationAudience
    /// The criteria as CSV (`EvaluationSchemeImport.columns`); an XLSX upload is stored re-written as CSV.
    @Field(key: "csv") package var csv: String
    @Parent(key: "imported_by") package var importedBy: UserRecord
    @Field(key: "imported_at_seconds") package var importedAtSeconds: Int64
    package init() {}

    package var identity: EvaluationScheme.Identity {
        get throws {
            EvaluationScheme.Identity(
                id: code, title: title, source: source, validFrom: try LocalDate(parsing: validFrom),
                appliesTo: appliesTo)
        }
    }
}

/// Issue 17: the evaluation schemes.
struct CreateEvaluationSchemes: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(EvaluationSchemeRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("source", .string, .required)
            .field("valid_from", .string, .required)
            .field("applies_to", .string, .required)
            .field("audience", .string, .required)
            .field("csv", .string, .required)
            .field("imported_by", .uuid, .required, .references(UserRecord.schema, "id"))
            .field("imported_at_seconds", .int64, .required)
            .unique(on: "code", "valid_from", "unit_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(EvaluationSchemeRecord.schema).delete()
    }
}
