import Fluent
import Foundation
import PhuongSoCore

/// The audit page as a person reads it: who by name, what in words, when as dd/mm/yyyy HH:mm,
/// which record by its code or title, the changed values labelled, the reason; and whether the
/// chain is intact.
struct AuditPageModel {
    struct Row {
        var sequence: Int64
        var when: String
        var who: String
        var address: String
        var what: String
        var record: String
        var changes: [AuditChanges.Line]
        var reason: String
    }

    var filter: AuditController.Filter
    var page: Int
    var rows: [Row]
    var hasNext: Bool
    /// People who appear in the trail, for the filter: username and name.
    var people: [(username: String, name: String)]
    var checked: Int
    var problem: AuditChain.Problem?

    static func build(_ filter: AuditController.Filter, utcOffset: Int, lang: Language, on db: Database) async throws
        -> AuditPageModel
    {
        let entries = try await AuditController.records(filter, utcOffset: utcOffset, on: db)
        let users = try await UserRecord.query(on: db).sort(\.$displayName).all()
        let names = Dictionary(users.map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        for e in entries {
            rows.append(
                Row(
                    sequence: e.sequence, when: AuditChanges.when(e.atSeconds, utcOffset),
                    who: names[e.actor] ?? AuditWords.systemActor(e.actor, lang) ?? e.actor, address: e.address,
                    what: AuditWords.action(e.action, lang),
                    record: try await record(e.entity, e.entityID, names: names, lang: lang, on: db),
                    changes: AuditChanges.lines(before: e.before, after: e.after, utcOffset: utcOffset, lang),
                    reason: e.reason))
        }
        let (checked, problem) = try await AuditLog.verify(on: db)
        return AuditPageModel(
            filter: filter, page: max(1, filter.page ?? 1), rows: rows,
            hasNext: entries.count == AuditController.pageSize,
            people: users.map { ($0.username, $0.displayName) }, checked: checked, problem: problem)
    }

    /// The record a line is about, as people cite it: a dossier's code, a task's or plan's title,
    /// an account holder's name.
    static func record(_ entity: String, _ id: String, names: [String: String], lang: Language, on db: Database)
        async throws -> String
    {
        let kind = AuditWords.kind(entity, lang)
        switch entity {
        case "user": return kind + " " + (names[id] ?? id)
        case "task":
            let parts = id.split(separator: "/")
            if parts.count == 2, let n = Int(parts[1].dropFirst(2)),
                let t = try await TaskRecord.query(on: db).join(
                    UnitRecord.self, on: \TaskRecord.$unit.$id == \UnitRecord.$id
                )
                .filter(UnitRecord.self, \.$code == String(parts[0])).filter(\.$number == n).first()
            {
                return kind + " số \(n): " + t.title
            }
            return kind + " " + id
        case "plan":
            if let uuid = UUID(uuidString: id), let plan = try await PlanRecord.find(uuid, on: db) {
                return kind + ": " + plan.title
            }
            return kind
        default: return kind + " " + id
        }
    }
}
