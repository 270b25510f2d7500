import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of PAR Index data (issue 14): frameworks (here), a ward's self-assessment
/// (`+Assessment`), the province's appraisal (`+Appraisal`) and the follow-up of the results
/// (`+FollowUp`). Every write is one transaction with its audit line; phase changes are
/// conditional updates, so two people acting at once cannot both move the cycle.
package enum ParService {
    /// The framework's header as the province's form or the API gives it: text as typed.
    package struct FrameworkInput: Codable, Sendable {
        package var year: String = ""
        package var title: String = ""
        package var source: String = ""
        package var illustrative: Bool = false
        package var bands: [BandInput] = []
        package var selfEnds: String = ""
        package var firstRoundEnds: String = ""
        package var explanationEnds: String = ""
        package var secondRoundEnds: String = ""
        package init() {}
    }

    package struct BandInput: Codable, Sendable, Hashable {
        package var label: String
        package var minPercent: String
        package init(label: String, minPercent: String) {
            self.label = label
            self.minPercent = minPercent
        }
    }

    /// What an import would do (dry run) or did.
    package struct ImportOutcome: Sendable {
        package let framework: ParFramework
        package let applied: Bool
        /// Whether it replaces the province's framework of that year (not yet started).
        package let replaces: Bool
        package let record: ParFrameworkRecord?
    }

    /// The rating bands used when a province has not set its own: the example of DOMAIN §9
    /// (illustrative: commune thresholds vary by province, `par-bands.csv`).
    package static let exampleBands: [ParBand] = [
        ParBand(label: "Xuất sắc", minPercent: 90), ParBand(label: "Tốt", minPercent: 80),
        ParBand(label: "Khá", minPercent: 70), ParBand(label: "Trung bình", minPercent: 50),
        ParBand(label: "Yếu", minPercent: 0),
    ]

    /// Checks the header field by field.
    static func checkHeader(_ input: FrameworkInput, into p: inout ValidationProblems) -> (
        year: Int?, title: String, source: String, bands: [ParBand], schedule: ParSchedule?
    ) {
        let yearText = input.year.trimmingCharacters(in: .whitespaces)
        let year = Int(yearText)
        if year == nil || !(2020...2100).contains(year!) {
            p.add("year", "Năm đánh giá phải là một năm từ 2020 đến 2100.", "The year must be from 2020 to 2100.")
        }
        let title = Validate.text(
            input.title, field: "title", label: ("Tên bộ tiêu chí", "Framework title"), max: 300, into: &p)
        let source = Validate.text(
            input.source, field: "source", label: ("Văn bản ban hành", "Issuing document"), max: 300, into: &p)
        var bands: [ParBand] = []
        for (i, b) in input.bands.enumerated() {
            let label = b.label.trimmingCharacters(in: .whitespaces)
            let min = b.minPercent.trimmingCharacters(in: .whitespaces)
            if label.isEmpty && min.isEmpty { continue }
            guard let v = ParPoints.parse(min) else {
                p.add(
                    "band\(i)", "Ngưỡng của mức “\(label)” phải là một số phần trăm, ví dụ 90.",
                    "Band “\(label)” needs a percentage, e.g. 90.")
                continue
            }
            bands.append(ParBand(label: String(label.prefix(50)), minPercent: v))
        }
        for problem in ParFrameworkImport.checkBands(bands) { p.add("bands", problem.vi, problem.en) }
        let dates = [
            ("selfEnds", input.selfEnds, ("Hạn tự đánh giá", "Self-assessment deadline")),
            ("firstRoundEnds", input.firstRoundEnds, ("Hạn thẩm định vòng 1", "Round 1 deadline")),
            ("explanationEnds", input.explanationEnds, ("Hạn giải trình", "Explanation deadline")),
            ("secondRoundEnds", input.secondRoundEnds, ("Hạn thẩm định vòng 2", "Round 2 deadline")),
        ].map { PlanInputCheck.date($0.1, field: $0.0, label: $0.2, required: true, into: &p) }
        var schedule: ParSchedule?
        if let a = dates[0], let b = dates[1], let c = dates[2], let d = dates[3] {
            let s = ParSchedule(selfAssessmentEnds: a, firstRoundEnds: b, explanationEnds: c, secondRoundEnds: d)
            if s.isOrdered {
                schedule = s
            } else {
                p.add(
                    "schedule",
                    "Các hạn phải nối tiếp nhau: tự đánh giá, thẩm định vòng 1, giải trình, thẩm định vòng 2.",
                    "The deadlines must follow one another: self-assessment, round 1, explanations, round 2.")
            }
        }
        return (year, title, source, bands, schedule)
    }

    /// Reads a criteria table and the header; unless `dryRun`, stores the framework as the
    /// province's (the supervisor, or a ward office entering what its province published), or
    /// replaces the province's framework of that year (the supervisor, while no ward has started
    /// on it). File problems are
    /// thrown as `CatalogImport.Failure` (line and column), header problems as
    /// `ValidationProblems`; either way nothing is written.
    package static func importFramework(
        province: UnitRecord, _ input: FrameworkInput, rows: CatalogImport.Rows, file: String = "bảng tiêu chí",
        dryRun: Bool, by user: CurrentUser,
        actor: AuditActor, now: Date, on db: Database
    ) async throws -> ImportOutcome {
        var p = ValidationProblems()
        let header = checkHeader(input, into: &p)
        let criteria = try ParFrameworkImport.read(rows, figures: Set(FigureKey.allCases.map(\.rawValue)), file: file)
        try p.throwIfAny()
        guard let year = header.year, let schedule = header.schedule else { throw p }
        let framework = ParFramework(criteria: criteria, bands: header.bands)
        let provinceID = try province.requireID()
        let existing = try await ParFrameworkRecord.query(on: db).filter(\.$unit.$id == provinceID)
            .filter(\.$year == year).first()
        if let existing, existing.frozenAtSeconds != nil { throw frozen(existing) }
        if existing != nil, user.role != .supervisor {
            throw AppError.conflict(
                vi: "Tỉnh đã có bộ tiêu chí năm \(year); chỉ cán bộ giám sát của tỉnh được thay thế bộ tiêu chí.",
                en: "The province already has a \(year) framework; only the province's supervisor may replace it.")
        }
        guard !dryRun else {
            return ImportOutcome(framework: framework, applied: false, replaces: existing != nil, record: nil)
        }
        let content = String(decoding: try ParJSON.encode(framework), as: UTF8.self)
        let at = Int64(now.timeIntervalSince1970)
        let record = try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            let r: ParFrameworkRecord
            let before: FrameworkSnapshot?
            if let existingID = existing?.id, let current = try await ParFrameworkRecord.find(existingID, on: tx) {
                // checked again inside the transaction: a ward may have started meanwhile
                if current.frozenAtSeconds != nil { throw frozen(current) }
                before = try FrameworkSnapshot(current)
                r = current
                r.revision += 1
            } else {
                before = nil
                r = ParFrameworkRecord()
                r.$unit.id = provinceID
                r.year = year
                r.createdAtSeconds = at
                r.revision = 1
            }
            r.title = header.title
            r.source = header.source
            r.illustrative = input.illustrative
            r.content = content
            r.selfEnds = schedule.selfAssessmentEnds.description
            r.firstRoundEnds = schedule.firstRoundEnds.description
            r.explanationEnds = schedule.explanationEnds.description
            r.secondRoundEnds = schedule.secondRoundEnds.description
            try await r.save(on: tx)
            let change = AuditedChange(
                action: before == nil ? "par.framework.create" : "par.framework.replace", entity: "par-framework",
                entityID: "\(province.code)/\(year)", before: before, after: try FrameworkSnapshot(r),
                reason: header.source)
            return (change, r)
        }
        return ImportOutcome(framework: framework, applied: true, replaces: existing != nil, record: record)
    }

    /// Next year's framework from this one: the same criteria and bands, the dates a year later,
    /// not frozen; the province then adjusts what changed.
    package static func copy(
        _ id: UUID, toYear year: Int, province: UnitRecord, actor: AuditActor, now: Date, on db: Database
    ) async throws -> ParFrameworkRecord {
        guard let source = try await ParFrameworkRecord.find(id, on: db), source.$unit.id == province.id else {
            throw AppError.notFound
        }
        guard (2020...2100).contains(year), year != source.year else {
            throw AppError.invalid(
                field: "year", vi: "Năm của bộ tiêu chí mới phải khác năm \(source.year) và từ 2020 đến 2100.",
                en: "The new framework's year must differ from \(source.year) and lie in 2020–2100.")
        }
        if try await ParFrameworkRecord.query(on: db).filter(\.$unit.$id == source.$unit.id).filter(\.$year == year)
            .first() != nil
        {
            throw AppError.conflict(
                vi: "Tỉnh đã có bộ tiêu chí năm \(year).", en: "The province already has a framework for \(year).")
        }
        let shift = year - source.year
        func moved(_ text: String) throws -> String {
            let d = try LocalDate(parsing: text)
            let day = min(d.day, LocalDate.daysIn(month: d.month, year: d.year + shift))
            return try LocalDate(year: d.year + shift, month: d.month, day: day).description
        }
        let r = ParFrameworkRecord()
        r.$unit.id = source.$unit.id
        r.year = year
        r.title = source.title.replacingOccurrences(of: String(source.year), with: String(year))
        r.source = source.source
        r.illustrative = source.illustrative
        r.content = source.content
        r.selfEnds = try moved(source.selfEnds)
        r.firstRoundEnds = try moved(source.firstRoundEnds)
        r.explanationEnds = try moved(source.explanationEnds)
        r.secondRoundEnds = try moved(source.secondRoundEnds)
        r.createdAtSeconds = Int64(now.timeIntervalSince1970)
        r.revision = 1
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.create(on: tx)
            return (
                AuditedChange(
                    action: "par.framework.copy", entity: "par-framework", entityID: "\(province.code)/\(year)",
                    before: String?.none, after: try FrameworkSnapshot(r), reason: "\(province.code)/\(source.year)"), r
            )
        }
    }

    /// The province moves its deadlines (the only change allowed once the framework is frozen:
    /// the calendar is the province's).
    package static func setSchedule(
        _ id: UUID, _ input: FrameworkInput, province: UnitRecord, actor: AuditActor, now: Date, on db: Database
    ) async throws -> ParFrameworkRecord {
        guard let r = try await ParFrameworkRecord.find(id, on: db), r.$unit.id == province.id else {
            throw AppError.notFound
        }
        var p = ValidationProblems()
        var probe = input
        probe.year = String(r.year)
        probe.title = r.title
        probe.source = r.source
        probe.bands = try r.framework().bands.map {
            BandInput(label: $0.label, minPercent: ParPoints.text($0.minPercent))
        }
        guard let schedule = checkHeader(probe, into: &p).schedule else {
            try p.throwIfAny()
            throw p
        }
        let before = try FrameworkSnapshot(r)
        r.selfEnds = schedule.selfAssessmentEnds.description
        r.firstRoundEnds = schedule.firstRoundEnds.description
        r.explanationEnds = schedule.explanationEnds.description
        r.secondRoundEnds = schedule.secondRoundEnds.description
        r.revision += 1
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.save(on: tx)
            return (
                AuditedChange(
                    action: "par.framework.schedule", entity: "par-framework", entityID: "\(province.code)/\(r.year)",
                    before: before, after: try FrameworkSnapshot(r)), r
            )
        }
    }

    static func frozen(_ r: ParFrameworkRecord) -> AppError {
        AppError.conflict(
            vi:
                "Bộ tiêu chí năm \(r.year) đã được các phường dùng để tự đánh giá nên không thể thay "
                + "đổi tiêu chí; chỉ có thể dời các hạn. Bộ tiêu chí năm sau có thể sao chép từ bộ này.",
            en:
                "The \(r.year) framework is in use by wards' self-assessments, so its criteria "
                + "cannot change; only its deadlines can move. Next year's may copy it."
        )
    }

    /// What the audit line keeps of a framework.
    struct FrameworkSnapshot: Encodable {
        let year: Int, title: String, source: String, illustrative: Bool, criteria: Int, maximum: Double
        let selfEnds: String, firstRoundEnds: String, explanationEnds: String, secondRoundEnds: String
        init(_ r: ParFrameworkRecord) throws {
            year = r.year
            title = r.title
            source = r.source
            illustrative = r.illustrative
            let f = try r.framework()
            criteria = f.criteria.count
            maximum = f.maximum
            selfEnds = r.selfEnds
            firstRoundEnds = r.firstRoundEnds
            explanationEnds = r.explanationEnds
            secondRoundEnds = r.secondRoundEnds
        }
    }
}

/// JSON as PAR records store it: keys sorted, so the same value is the same text.
enum ParJSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return try e.encode(value)
    }
    static func text<T: Encodable>(_ value: T) throws -> String { String(decoding: try encode(value), as: UTF8.self) }
}
