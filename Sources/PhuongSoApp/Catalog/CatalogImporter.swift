import Fluent
import Foundation
import PhuongSoCore

/// Imports a published catalogue into a unit: a dry run lists what would be added, changed
/// (field by field), kept or is no longer present; applying writes new versions effective on a
/// chosen date, all in one transaction with one audit line per procedure.
package enum CatalogImporter {
    package struct Outcome: Sendable {
        package var entries: [CatalogDiff.Entry]
        package var applied: Bool
        package var effectiveFrom: LocalDate
        package func count(_ kind: CatalogDiff.Kind) -> Int { entries.filter { $0.kind == kind }.count }
    }

    /// Rows of an uploaded file, told apart by content, not by name: an XLSX workbook (its first
    /// sheet) or UTF-8 CSV. Old binary XLS files are refused with a clear message.
    package static func rows(_ bytes: [UInt8], file: String) throws -> CatalogImport.Rows {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw CatalogImport.Failure(problems: [
                .init(
                    file: file, line: 1, column: "-",
                    vi: "tệp Excel đời cũ (.xls) không được hỗ trợ; hãy lưu thành .xlsx hoặc CSV UTF-8",
                    en: "old binary Excel (.xls) is not supported: save as .xlsx or CSV UTF-8")
            ])
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do { return try XLSXReader.rows(bytes) } catch let e as XLSXReader.Failure {
                throw CatalogImport.Failure(problems: [
                    .init(
                        file: file, line: 1, column: "-",
                        vi: "không đọc được bảng tính XLSX (\(e.reason))",
                        en: "cannot read the XLSX workbook (\(e.reason))")
                ])
            }
        }
        do { return try CSV.parse(CSV.text(from: bytes)) } catch {
            switch error {
            case .notUTF8:
                throw CatalogImport.Failure(problems: [
                    .init(file: file, line: 1, column: "-", vi: "tệp không phải mã UTF-8", en: "the file is not UTF-8")
                ])
            case .unterminatedQuote(let line):
                throw CatalogImport.Failure(problems: [
                    .init(
                        file: file, line: line, column: "-", vi: "dấu ngoặc kép chưa đóng",
                        en: "a quoted cell is never closed")
                ])
            }
        }
    }

    /// Reads the file, compares it with the unit's catalogue and, unless `dryRun`, writes it:
    /// new versions of what was added, changed or restored; with `scope` `.whole`, the procedures
    /// in force that the file lacks are retired (never deleted), in the same transaction.
    package static func run(
        procedures: CatalogImport.Rows, processes: CatalogImport.Rows?,
        files: (String, String) = ("procedures", "processes"),
        scope: CatalogDiff.Scope, unit: UnitRecord, effectiveFrom: LocalDate, dryRun: Bool, actor: AuditActor,
        on db: Database
    ) async throws -> Outcome {
        let incoming = try CatalogImport.read(
            procedures: procedures, processes: processes, file: files.0, processFile: files.1)
        let current = try await CatalogQueries.latest(unit: unit, on: db)
        let merged = incoming.map { $0.merged(over: current[$0.code]?.1) }
        let retired = Set(current.values.filter { $0.0.retired }.map { $0.0.code })
        let entries = CatalogDiff.compare(
            current: current.values.map(\.1).sorted { $0.code < $1.code }, retired: retired, incoming: merged,
            scope: scope)
        guard !dryRun else { return Outcome(entries: entries, applied: false, effectiveFrom: effectiveFrom) }
        let unitID = try unit.requireID()
        let kinds = Dictionary(entries.map { ($0.code, $0.kind) }, uniquingKeysWith: { a, _ in a })
        let toWrite = merged.filter { [.added, .changed, .restored].contains(kinds[$0.code]) }
        let toRetire = entries.filter { $0.kind == .retired }.compactMap { current[$0.code]?.0 }
        let existing = current.mapValues(\.0)
        let currentContent = current.mapValues(\.1)
        try await AuditLog.transaction(
            on: db, actor: actor,
            changes: { tx in
                var changes: [AuditedChange] = []
                for p in toWrite {
                    let record = existing[p.code] ?? ProcedureRecord(unitID: unitID, procedure: p)
                    let diff = currentContent[p.code].map { CatalogDiff.fieldChanges($0, p) }
                    let restored = record.retired
                    record.retired = false
                    if diff?.isEmpty != true {
                        record.describe(p)
                        record.latestVersion += 1
                    }
                    try await record.save(on: tx)
                    if diff?.isEmpty != true {
                        try await ProcedureVersionRecord(
                            procedureID: record.requireID(), version: record.latestVersion,
                            effectiveFrom: effectiveFrom,
                            procedure: p, createdBy: actor.username
                        ).create(on: tx)
                    }
                    changes.append(
                        AuditedChange(
                            action: diff == nil
                                ? "procedure.import.add"
                                : restored ? "procedure.import.restore" : "procedure.import.version",
                            entity: "procedure", entityID: unit.code + "/" + p.code,
                            before: diff.map { $0.map(\.before) },
                            after: diff.map { $0.map { "\($0.field): \($0.after)" } } ?? [p.name],
                            reason: "v\(record.latestVersion) từ \(effectiveFrom)"))
                }
                for record in toRetire {
                    record.retired = true
                    try await record.save(on: tx)
                    changes.append(
                        AuditedChange(
                            action: "procedure.import.retire", entity: "procedure",
                            entityID: unit.code + "/" + record.code,
                            before: ["retired": false], after: ["retired": true],
                            reason: "Không có trong danh mục công bố nhập ngày \(effectiveFrom)"))
                }
                return (changes, ())
            })
        return Outcome(entries: entries, applied: true, effectiveFrom: effectiveFrom)
    }
}
