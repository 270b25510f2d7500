import Fluent
import Foundation
import PhuongSoCore

/// `phuongso catalog import FILE --scope whole|some [--processes FILE] [--unit UNITCODE] [--dry-run] [--effective YYYY-MM-DD]`
/// (`whole`: the file is the unit's whole published catalogue, procedures it lacks are retired;
/// `some`: it adds or updates some procedures and leaves the others alone).
enum CatalogCommand {
    static func run(_ args: Arguments, lang: Language) async throws -> Int32 {
        let words = args.positional
        guard words.first == "import", words.count >= 2 else {
            throw UsageError(
                """
                usage: phuongso catalog import FILE --scope whole|some [--processes FILE] [--unit UNITCODE] \
                [--dry-run] [--effective YYYY-MM-DD]
                """
            )
        }
        guard let scope = args.value("--scope").flatMap(CatalogDiff.Scope.init(rawValue:)) else {
            throw UsageError(
                """
                --scope whole (the whole published catalogue: procedures absent from the file are retired) or \
                --scope some (add or update some; the others are untouched)
                """
            )
        }
        func read(_ path: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path)") }
            return Array(data)
        }
        let file = words[1]
        let given = try args.value("--effective").map { try LocalDate(parsing: $0) }
        return try await CommandLineTool.withApp { app in
            let effective =
                given
                ?? LocalDateTime(
                    Instant(seconds: Int64(app.now.timeIntervalSince1970)), utcOffset: app.config.utcOffset
                ).date
            try await app.autoMigrate()
            let unit: UnitRecord
            if let code = args.value("--unit") {
                unit = try await UnitQueries.find(code: code, on: app.db)
            } else if let ward = try await UnitRecord.query(on: app.db).filter(
                \.$kind ~~ [.ward, .commune, .specialZone]
            ).sort(\.$code).first() {
                unit = ward
            } else {
                throw UsageError("no ward or commune in the database: give --unit")
            }
            do {
                let outcome = try await CatalogImporter.run(
                    procedures: CatalogImporter.rows(read(file), file: file),
                    processes: try args.value("--processes").map { try CatalogImporter.rows(read($0), file: $0) },
                    files: (file, args.value("--processes") ?? "processes"), scope: scope, unit: unit,
                    effectiveFrom: effective, dryRun: args.flag("--dry-run"), actor: .system("cli", at: app.now),
                    on: app.db)
                for e in outcome.entries where e.kind != .unchanged {
                    print("\(e.kind.rawValue)\t\(e.code)\t\(e.name)")
                    for c in e.changes { print("\t\(c.field): \(c.before) → \(c.after)") }
                }
                print(
                    """
                    \(outcome.applied ? "applied" : "dry run"): \(outcome.count(.added)) added, \
                    \(outcome.count(.changed)) changed, \(outcome.count(.unchanged)) unchanged, \
                    \(outcome.count(.retired)) retired, \(outcome.count(.restored)) restored (unit \(unit.code), in \
                    force from \(effective))
                    """
                )
                return 0
            } catch let failure as CatalogImport.Failure {
                for p in failure.problems {
                    FileHandle.standardError.write(Data((p.message(lang.rawValue) + "\n").utf8))
                }
                FileHandle.standardError.write(
                    Data("phuongso: \(failure.problems.count) problem(s); nothing imported\n".utf8))
                return 1
            }
        }
    }
}
