import Fluent
import Foundation
import PhuongSoCore

/// A procedure of a unit's catalogue. Its content lives in immutable versions; the columns here
/// repeat the latest version's name, field and search text so the catalogue can be listed and
/// searched without decoding every version.
package final class ProcedureRecord: Model, @unchecked Sendable {
    package static let schema = "procedures"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "code") package var code: String
    @Field(key: "name") package var name: String
    @Field(key: "field") package var field: String
    /// Name, code, field, result and components, folded (no case, no diacritics).
    @Field(key: "search_text") package var searchText: String
    /// The name folded, for ranking.
    @Field(key: "folded_name") package var foldedName: String
    @Field(key: "complete") package var complete: Bool
    /// Whether the latest version takes online applications.
    @Field(key: "online") package var online: Bool
    @Field(key: "retired") package var retired: Bool
    @Field(key: "latest_version") package var latestVersion: Int
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

    package init() {}
    package init(unitID: UUID, procedure p: Procedure) {
        $unit.id = unitID
        code = p.code
        retired = false
        latestVersion = 0
        describe(p)
    }

    /// Copies the listing columns from a version's content.
    package func describe(_ p: Procedure) {
        name = p.name
        field = p.field
        complete = p.isComplete
        foldedName = SearchText.fold(p.name)
        online = p.onlineLevel != .none
        searchText = SearchText.fold(
            [p.name, p.code, p.field, p.result, p.components.map(\.name).joined(separator: " ")].joined(separator: " "))
    }
}

/// One version of a procedure: its whole content as JSON, in force from a date.
package final class ProcedureVersionRecord: Model, @unchecked Sendable {
    package static let schema = "procedure_versions"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "procedure_id") package var procedure: ProcedureRecord
    @Field(key: "version") package var version: Int
    @Field(key: "effective_from") package var effectiveFrom: String
    @Field(key: "content") package var content: String
    @Field(key: "created_by") package var createdBy: String
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

    package init() {}
    package init(procedureID: UUID, version: Int, effectiveFrom: LocalDate, procedure: Procedure, createdBy: String)
        throws
    {
        $procedure.id = procedureID
        self.version = version
        self.effectiveFrom = effectiveFrom.description
        content = try ProcedureVersionRecord.encode(procedure)
        self.createdBy = createdBy
    }

    package var procedureContent: Procedure {
        get throws { try JSONDecoder().decode(Procedure.self, from: Data(content.utf8)) }
    }

    static func encode(_ p: Procedure) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(p), as: UTF8.self)
    }
}

struct CreateProcedures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ProcedureRecord.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("field", .string, .required)
            .field("search_text", .string, .required)
            .field("folded_name", .string, .required)
            .field("complete", .bool, .required)
            .field("online", .bool, .required)
            .field("retired", .bool, .required)
            .field("latest_version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "unit_id", "code")
            .create()
    }
    func revert(on database: Database) async throws { try await database.schema(ProcedureRecord.schema).delete() }
}

struct CreateProcedureVersions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ProcedureVersionRecord.schema)
            .id()
            .field("procedure_id", .uuid, .required, .references(ProcedureRecord.schema, "id"))
            .field("version", .int, .required)
            .field("effective_from", .string, .required)
            .field("content", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "procedure_id", "version")
            .create()
    }
    func revert(on database: Database) async throws {
        try await database.schema(ProcedureVersionRecord.schema).delete()
    }
}
