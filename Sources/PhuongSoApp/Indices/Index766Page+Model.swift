import Fluent
import Foundation
import PhuongSoCore

/// Every Decision 766 URL, declared once: the routes are registered from these and links built with them.
package enum Index766Paths {
    package static let page = "/reform/index766"
    package static let gaps = "/reform/index766/gaps"
    package static let entries = "/reform/index766/entries"

    package static func page(unit: String?, from: LocalDate, to: LocalDate) -> String {
        page + "?" + query(unit: unit, from: from, to: to)
    }
    package static func gaps(code: String, unit: String?, from: LocalDate, to: LocalDate) -> String {
        gaps + "?code=" + code + "&" + query(unit: unit, from: from, to: to)
    }
    static func query(unit: String?, from: LocalDate, to: LocalDate) -> String {
        (unit.map { "unit=\($0)&" } ?? "") + "from=\(from)&to=\(to)"
    }
}

/// The Decision 766 index of one unit for a period: the counts from the records (`Index766Measures`),
/// the figures the office entered, scored by the version in force, with what would move each figure.
struct Index766Model {
    let unit: UnitRecord
    let choices: [UnitRecord]
    let from: LocalDate
    let to: LocalDate
    let version: Index766.Version
    let score: Index766.Score
    /// The entry each entered figure comes from, with the name of who entered it.
    let entries: [String: (record: Index766EntryRecord, by: String)]
    /// Indicators PhuongSo does not count yet, with the reason shown instead of a number.
    let notCounted: [String: (vi: String, en: String)]

    /// A period the page and the API accept: `from` not after `to`, at most five years.
    static func period(from: String?, to: String?, today: LocalDate) throws -> (LocalDate, LocalDate) {
        func day(_ text: String?, field: String, _ fallback: LocalDate) throws -> LocalDate {
            guard let text, !text.isEmpty else { return fallback }
            do { return try LocalDate(typed: text) } catch {
                throw AppError.invalid(
                    field: field, vi: "Ngày '\(text)' không hợp lệ: ghi theo dạng ngày/tháng/năm.",
                    en: "Invalid date '\(text)': use dd/mm/yyyy or YYYY-MM-DD.")
            }
        }
        let from = try day(from, field: "from", try LocalDate(year: today.year, month: 1, day: 1))
        let to = try day(to, field: "to", today)
        guard from <= to else {
            throw AppError.invalid(
                field: "to", vi: "Đến ngày phải từ ngày bắt đầu trở đi.", en: "The period cannot end before it starts.")
        }
        guard to.epochDay - from.epochDay <= 5 * 366 else {
            throw AppError.invalid(
                field: "to", vi: "Kỳ tính chỉ số dài tối đa 5 năm.", en: "A period can span at most five years.")
        }
        return (from, to)
    }

    static func build(
        unit: UnitRecord, choices: [UnitRecord], from: LocalDate, to: LocalDate, onlinePaymentOffered: Bool,
        entries selection: Index766Entries.Selection = .within, now: Date, utcOffset: Int, on db: Database
    ) async throws -> Index766Model {
        let models = try await build(
            units: [unit], choices: choices, from: from, to: to, onlinePaymentOffered: onlinePaymentOffered,
            entries: selection, now: now, utcOffset: utcOffset, on: db)
        return models[0]
    }

    /// The index of each of `units` for the same period, in their order: the dossier measures of
    /// all of them in one aggregate query, and their catalogues, feedback and entries in one query
    /// each (a province's ranking).
    static func build(
        units: [UnitRecord], choices: [UnitRecord], from: LocalDate, to: LocalDate, onlinePaymentOffered: Bool,
        entries selection: Index766Entries.Selection = .within, now: Date, utcOffset: Int, on db: Database
    ) async throws -> [Index766Model] {
        let version = Index766.Version.portal2025
        let period = Index766Measures.Period(from: from, to: to, now: now, utcOffset: utcOffset)
        let unitIDs = try units.map { try $0.requireID() }
        let dossiers = try await Index766Measures.dossierCounts(
            unitIDs: unitIDs, period: period, utcOffset: utcOffset, on: db)
        let catalogues = try await CatalogQueries.entries(unitIDs: unitIDs, on: db)
        let entered = try await Index766Entries.current(
            unitIDs: unitIDs, from: from, to: to, selection: selection, on: db)
        let usernames = Set(entered.values.flatMap { $0.values.map(\.enteredBy) })
        let names = usernames.isEmpty ? [] : try await UserRecord.query(on: db).filter(\.$username ~~ usernames).all()
        let feedback = try await FeedbackMeasures.counts(
            units: units, from: from, to: to, now: now, utcOffset: utcOffset, on: db)
        var models: [Index766Model] = []
        for unit in units {
            let unitID = try unit.requireID()
            let measured = dossiers[unitID] ?? Index766Measures.UnitCounts()
            var counts = measured.counts
            let catalogue = Index766Measures.procedureCounts(
                catalogue: catalogues[unitID] ?? [], dossiers: measured, onlinePaymentOffered: onlinePaymentOffered)
            counts.merge(catalogue.counts) { a, _ in a }
            counts.merge(feedback[unitID] ?? [:]) { a, _ in a }
            var entries: [String: (record: Index766EntryRecord, by: String)] = [:]
            for (code, r) in entered[unitID] ?? [:] {
                counts[code] = .init(r.numerator, of: r.denominator)
                entries[code] = (r, names.first { $0.username == r.enteredBy }?.displayName ?? "—")
            }
            models.append(
                Index766Model(
                    unit: unit, choices: choices, from: from, to: to, version: version,
                    score: Index766.score(version, counts: counts), entries: entries, notCounted: [:]))
        }
        return models
    }

    /// The indicators whose drill-down lists records (the dossiers or procedures that do not score).
    static let drillable: Set<String> = Set(
        Index766Measures.dossierMeasures(cutoff: 0, utcOffset: 0).map(\.code) + ["3.1", "3.5b"])
}
