import Fluent
import SQLKit

/// The fee rule of the dossier's snapshot of its procedure version (`FeeSummary.Rule`: the amount
/// and the text) as two columns the database derives from the snapshot itself, so the tracking
/// page reads them instead of parsing the snapshot's JSON on every view. On PostgreSQL that parse
/// (`::json ->>`, twice) was a fifth of the tracking statement's time, 31 µs of 150 per run
/// (`pgbench`, docs/PERFORMANCE.md, issue 18): the columns are STORED, computed once when the
/// snapshot is written. SQLite adds generated columns to a table only as VIRTUAL ones, computed
/// when read, as `json_extract` was before, so its read does the same work under one name.
/// No writer sets them: every insert of a dossier (the counter, the online application, the
/// province generator) gets them from the snapshot it writes.
struct AddFeeRuleColumns: AsyncMigration {
    func prepare(on database: Database) async throws {
        let table = DossierRecord.schema
        if database.isPostgres {
            // one statement: each STORED column added alone rewrites the table and its indexes again
            try await database.sql.raw(
                """
                ALTER TABLE \(unsafeRaw: table)
                  ADD COLUMN fee_rule_amount BIGINT
                    GENERATED ALWAYS AS (CAST(procedure_snapshot::json ->> 'feeAmount' AS BIGINT)) STORED,
                  ADD COLUMN fee_rule_text TEXT GENERATED ALWAYS AS (procedure_snapshot::json ->> 'feeText') STORED
                """
            ).run()
        } else {
            // SQLite adds one column per statement
            for column in [
                "fee_rule_amount INTEGER GENERATED ALWAYS AS (json_extract(procedure_snapshot, '$.feeAmount')) VIRTUAL",
                "fee_rule_text TEXT GENERATED ALWAYS AS (json_extract(procedure_snapshot, '$.feeText')) VIRTUAL",
            ] {
                try await database.sql.raw("ALTER TABLE \(unsafeRaw: table) ADD COLUMN \(unsafeRaw: column)").run()
            }
        }
    }

    func revert(on database: Database) async throws {
        for name in ["fee_rule_amount", "fee_rule_text"] {
            try await database.schema(DossierRecord.schema).deleteField(.string(name)).update()
        }
    }
}
