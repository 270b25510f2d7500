import Fluent
import Foundation
import PhuongSoCore

/// Imports a scheme from a CSV or XLSX table (`EvaluationSchemeImport`'s columns) with the
/// identity typed beside it: a dry run says what would be created, or every problem; applying
/// stores it and its audit line in one transaction. Anything wrong stores nothing.
package enum EvaluationSchemeImporter {
    /// The identity as typed (form or JSON).
    package struct Input: Sendable, Codable {
        package var code = ""
        package var title = ""
        package var source = ""
        /// dd/MM/yyyy or YYYY-MM-DD.
        package var validFrom = ""
        package var appliesTo = ""
        package var audience = ""
        package init() {}
    }

    /// Everything wrong with one attempt: the typed fields by name, the table by line and column.
    package struct Refusal: Error, Sendable {
        package var fields = ValidationProblems()
        package var file: [CatalogImport.Problem] = []
    }

    package struct Outcome: Sendable {
        package let scheme: EvaluationScheme
        package let audience: EvaluationAudience
        /// The stored record when applied; nil for a dry run.
        package let record: EvaluationSchemeRecord?
    }

    /// Upload limit: the real sheets are a few kilobytes.
    package static let maxBytes = 1_048_576

    /// The table's rows from an uploaded file (XLSX, or UTF-8 CSV, told apart by content). Rows
    /// above the header (a sheet's title block) are left out.
    package static func rows(_ bytes: [UInt8], file: String) throws -> [CSV.Record] {
        guard bytes.count <= maxBytes else {
            throw CatalogImport.Failure(problems: [
                .init(
                    file: file, line: 1, column: "-", vi: "tệp lớn hơn 1 MB", en: "the file is larger than 1 MB")
            ])
        }
        let rows = try CatalogImporter.rows(bytes, file: file)
        guard
            let header = rows.firstIndex(where: { row in
                let names = Set(row.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
                return names.contains("code") && names.contains("kind")
            })
        else { return rows }
        return Array(rows[header...])
    }

    /// The rows written back as CSV (RFC 4180), as a scheme is stored.
    package static func csv(_ rows: [CSV.Record]) -> String {
        func field(_ s: String) -> String {
            guard s.contains(where: { ",\"\n\r".contains($0) }) || s != s.trimmingCharacters(in: .whitespaces)
            else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var fields = rows.map { $0.fields }
        // A spreadsheet row may stop at its last filled cell: pad to the header's width.
        let width = fields.map(\.count).max() ?? 0
        for i in fields.indices where fields[i].count < width {
            fields[i] += Array(repeating: "", count: width - fields[i].count)
        }
        return fields.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Checks the typed identity; the problems go to `refusal.fields`.
    static func identity(_ input: Input, into p: inout ValidationProblems) -> (
        EvaluationScheme.Identity?, EvaluationAudience?
    ) {
        let code = Validate.code(input.code, field: "code", label: ("Mã bảng điểm", "Scheme code"), max: 60, into: &p)
        let title = Validate.text(
            input.title, field: "title", label: ("Tên bảng điểm", "Scheme title"), max: 300, into: &p)
        let source = Validate.text(
            input.source, field: "source", label: ("Văn bản ban hành", "Issuing document"), max: 500, into: &p)
        let appliesTo = Validate.text(
            input.appliesTo, field: "appliesTo", label: ("Đối tượng áp dụng", "Applies to"), max: 500, into: &p)
        var day: LocalDate?
        let typed = input.validFrom.trimmingCharacters(in: .whitespaces)
        if typed.isEmpty {
            p.add("validFrom", "Vui lòng nhập ngày áp dụng (ngày/tháng/năm).", "The first day is required.")
        } else {
            do { day = try LocalDate(typed: typed) } catch {
                p.add(
                    "validFrom", "Ngày áp dụng “\(typed.prefix(30))” không phải là một ngày có thật (dd/mm/yyyy).",
                    "“\(typed.prefix(30))” is not a real date (dd/mm/yyyy).")
            }
        }
        let audience = EvaluationAudience(rawValue: input.audience)
        if audience == nil {
            p.add(
                "audience", "Vui lòng chọn đối tượng đánh giá (công chức hoặc Chủ tịch UBND cấp xã).",
                "Choose whom the scheme rates.")
        }
        guard let day, p.isEmpty else { return (nil, audience) }
        return (
            EvaluationScheme.Identity(id: code, title: title, source: source, validFrom: day, appliesTo: appliesTo),
            audience
        )
    }

    /// Checks `input` and `rows` together and, unless `dryRun`, stores the scheme as issued by
    /// `unit`. Throws `Refusal` with every problem; nothing is stored then.
    package static func run(
        _ input: Input, rows: [CSV.Record], file: String, unit: UnitRecord, dryRun: Bool, by user: CurrentUser,
        actor: AuditActor, now: Date, on db: Database
    ) async throws -> Outcome {
        var refusal = Refusal()
        let (identity, audience) = self.identity(input, into: &refusal.fields)
        // The table is checked even when the typed fields are wrong, so one attempt shows everything.
        let placeholder = EvaluationScheme.Identity(
            id: "-", title: "-", source: "-",
            validFrom: try identity?.validFrom ?? LocalDate(year: 2026, month: 1, day: 1),
            appliesTo: "-")
        let run = EvaluationSchemeImport.dryRun(rows, identity: identity ?? placeholder, file: file)
        refusal.file = run.problems
        let unitID = try unit.requireID()
        if let identity,
            try await EvaluationSchemeRecord.query(on: db).filter(\.$unit.$id == unitID)
                .filter(\.$code == identity.id).filter(\.$validFrom == identity.validFrom.description).first() != nil
        {
            refusal.fields.add(
                "validFrom",
                "Đơn vị đã có bảng điểm mã “\(identity.id)” áp dụng từ \(identity.validFrom.vietnamese); "
                    + "một phiên bản mới cần ngày áp dụng sau đó.",
                "The unit already has \(identity.id) from that day; a new version needs a later day.")
        }
        guard refusal.fields.isEmpty, refusal.file.isEmpty, let identity, let audience, let scheme = run.scheme else {
            throw refusal
        }
        guard !dryRun else { return Outcome(scheme: scheme, audience: audience, record: nil) }
        let text = csv(rows)
        let record = try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let r = EvaluationSchemeRecord()
            r.$unit.id = unitID
            r.code = identity.id
            r.title = identity.title
            r.source = identity.source
            r.validFrom = identity.validFrom.description
            r.appliesTo = identity.appliesTo
            r.audience = audience
            r.csv = text
            r.$importedBy.id = user.id
            r.importedAtSeconds = Int64(now.timeIntervalSince1970)
            try await r.save(on: tx)
            return (
                AuditedChange(
                    action: "evaluation.scheme.import", entity: "evaluation-scheme",
                    entityID: try r.requireID().uuidString,
                    before: String?.none, after: Snapshot(r, scheme: scheme), reason: identity.source), r
            )
        }
        return Outcome(scheme: scheme, audience: audience, record: record)
    }

    /// What the audit line records: the identity and the size of the tree (the CSV is in the row).
    struct Snapshot: Encodable {
        let unit: String
        let code, title, source, validFrom, appliesTo, audience: String
        let criteria: Int
        let maximum: String
        let bands: [String]
        init(_ r: EvaluationSchemeRecord, scheme: EvaluationScheme) {
            unit = r.$unit.id.uuidString
            code = r.code
            title = r.title
            source = r.source
            validFrom = r.validFrom
            appliesTo = r.appliesTo
            audience = r.audience.rawValue
            criteria = scheme.criteria.count
            maximum = scheme.maximum.text
            bands = scheme.bands.map { "\($0.title) \($0.range)" }
        }
    }
}
