import Fluent
import Foundation
import PhuongSoCore

/// The one writer of the training and discipline records: every entry, correction and removal is
/// checked here and stored with its audit line in one transaction.
package enum StaffRecordService {
    /// Which list an entry belongs to.
    package enum Kind: String, Sendable, CaseIterable {
        case training, discipline
        var entity: String { self == .training ? "staff-training" : "staff-discipline" }
    }

    package static func addTraining(
        _ input: TrainingInput, person: UUID, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> StaffTrainingRecord {
        let p = try await keeper(person, user, on: db)
        try check(input, today: today(now, utcOffset))
        let r = StaffTrainingRecord()
        r.id = UUID()
        r.$unit.id = try unit(of: p)
        r.$person.id = try p.requireID()
        r.store(input)
        r.$recordedBy.id = user.id
        r.recordedAtSeconds = seconds(now)
        r.removalReason = ""
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.create(on: tx)
            return (
                AuditedChange(
                    action: "staff-training.add", entity: Kind.training.entity, entityID: r.id!.uuidString,
                    before: String?.none, after: r.snapshot), r
            )
        }
    }

    package static func addDiscipline(
        _ input: DisciplineInput, person: UUID, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> StaffDisciplineRecord {
        let p = try await keeper(person, user, on: db, discipline: true)
        try check(input, today: today(now, utcOffset))
        let r = StaffDisciplineRecord()
        r.id = UUID()
        r.$unit.id = try unit(of: p)
        r.$person.id = try p.requireID()
        r.store(input)
        r.$recordedBy.id = user.id
        r.recordedAtSeconds = seconds(now)
        r.removalReason = ""
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.create(on: tx)
            return (
                AuditedChange(
                    action: "staff-discipline.add", entity: Kind.discipline.entity, entityID: r.id!.uuidString,
                    before: String?.none, after: r.snapshot), r
            )
        }
    }

    /// Replaces a wrong course entry with `input`, saying why.
    package static func correctTraining(
        _ id: UUID, person: UUID, with input: TrainingInput, reason: String, by user: CurrentUser,
        actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> StaffTrainingRecord {
        _ = try await keeper(person, user, on: db)
        try check(input, today: today(now, utcOffset), reason: reason)
        let r = try await training(id, of: person, on: db)
        let before = r.snapshot
        r.store(input)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.update(on: tx)
            return (
                AuditedChange(
                    action: "staff-training.correct", entity: Kind.training.entity, entityID: id.uuidString,
                    before: before, after: r.snapshot, reason: reason.trimmed), r
            )
        }
    }

    /// Replaces a wrong disciplinary entry with `input`, saying why.
    package static func correctDiscipline(
        _ id: UUID, person: UUID, with input: DisciplineInput, reason: String, by user: CurrentUser,
        actor: AuditActor, now: Date, utcOffset: Int, on db: Database
    ) async throws -> StaffDisciplineRecord {
        _ = try await keeper(person, user, on: db, discipline: true)
        try check(input, today: today(now, utcOffset), reason: reason)
        let r = try await discipline(id, of: person, on: db)
        let before = r.snapshot
        r.store(input)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await r.update(on: tx)
            return (
                AuditedChange(
                    action: "staff-discipline.correct", entity: Kind.discipline.entity, entityID: id.uuidString,
                    before: before, after: r.snapshot, reason: reason.trimmed), r
            )
        }
    }

    /// Takes an entry made in error off the record; it is kept, marked removed, with the reason.
    package static func remove(
        _ kind: Kind, _ id: UUID, person: UUID, reason: String, by user: CurrentUser, actor: AuditActor, now: Date,
        on db: Database
    ) async throws {
        _ = try await keeper(person, user, on: db, discipline: kind == .discipline)
        var problems = ValidationProblems()
        addReasonProblem(reason, into: &problems)
        try problems.throwIfAny()
        let at = seconds(now)
        let text = reason.trimmed
        switch kind {
        case .training:
            let r = try await training(id, of: person, on: db)
            try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
                r.removedAtSeconds = at
                r.removalReason = text
                try await r.update(on: tx)
                return (
                    AuditedChange(
                        action: "staff-training.remove", entity: kind.entity, entityID: id.uuidString,
                        before: r.snapshot, after: String?.none, reason: text), ()
                )
            }
        case .discipline:
            let r = try await discipline(id, of: person, on: db)
            try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
                r.removedAtSeconds = at
                r.removalReason = text
                try await r.update(on: tx)
                return (
                    AuditedChange(
                        action: "staff-discipline.remove", entity: kind.entity, entityID: id.uuidString,
                        before: r.snapshot, after: String?.none, reason: text), ()
                )
            }
        }
    }

    // MARK: - Checks

    /// The person whose record `user` may keep; 404 for an unknown account, 403 otherwise.
    static func keeper(_ personID: UUID, _ user: CurrentUser, on db: Database, discipline: Bool = false) async throws
        -> UserRecord
    {
        guard let person = try await UserRecord.find(personID, on: db) else { throw AppError.notFound }
        guard StaffRecordAccess.mayKeep(person, by: user) else { throw AppError.forbidden }
        if discipline, personID == user.id {
            throw AppError.invalid(
                field: nil, vi: "Quyết định kỷ luật của chính bạn do người khác trong đơn vị ghi vào hồ sơ.",
                en: "A disciplinary decision about yourself is recorded by someone else in the unit.")
        }
        return person
    }

    static func check(_ input: TrainingInput, today: LocalDate, reason: String? = nil) throws {
        var p = ValidationProblems()
        for problem in input.problems(today: today) { p.add(problem.field, problem.vietnamese, problem.english) }
        length(input.courseName, "course", ("Tên khóa bồi dưỡng", "Course name"), max: 300, &p)
        length(input.organiser, "organiser", ("Cơ sở tổ chức", "The organiser"), max: 300, &p)
        length(input.certificate, "certificate", ("Chứng chỉ", "The certificate"), max: 200, &p)
        if let reason { addReasonProblem(reason, into: &p) }
        try p.throwIfAny()
    }

    static func check(_ input: DisciplineInput, today: LocalDate, reason: String? = nil) throws {
        var p = ValidationProblems()
        for problem in input.problems(today: today) { p.add(problem.field, problem.vietnamese, problem.english) }
        length(input.decisionNumber, "decisionNumber", ("Số quyết định", "Decision number"), max: 60, &p)
        length(input.signerName, "signerName", ("Họ tên người ký", "The signer's name"), max: 200, &p)
        length(input.signerTitle, "signerTitle", ("Chức vụ người ký", "The signer's title"), max: 200, &p)
        length(input.reason, "reason", ("Lý do kỷ luật", "Reason for the discipline"), max: 2000, &p)
        if let reason { addReasonProblem(reason, into: &p) }
        try p.throwIfAny()
    }

    /// The reason for a correction or removal (field `why`).
    static func addReasonProblem(_ reason: String, into p: inout ValidationProblems) {
        if reason.trimmed.isEmpty {
            p.add("why", "Vui lòng ghi lý do sửa hoặc xóa.", "Say why the entry is corrected or removed.")
        } else {
            length(reason, "why", ("Lý do", "The reason"), max: 1000, &p)
        }
    }

    static func length(
        _ text: String, _ field: String, _ label: (String, String), max: Int, _ p: inout ValidationProblems
    ) {
        let t = text.trimmed
        if t.count > max {
            p.add(field, "\(label.0) dài quá \(max) ký tự.", "\(label.1) is longer than \(max) characters.")
        } else if t.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\n" }) {
            p.add(field, "\(label.0) chứa ký tự không hợp lệ.", "\(label.1) contains invalid characters.")
        }
    }

    static func training(_ id: UUID, of person: UUID, on db: Database) async throws -> StaffTrainingRecord {
        guard let r = try await StaffTrainingRecord.find(id, on: db), r.$person.id == person, r.removedAtSeconds == nil
        else { throw AppError.notFound }
        return r
    }

    static func discipline(_ id: UUID, of person: UUID, on db: Database) async throws -> StaffDisciplineRecord {
        guard let r = try await StaffDisciplineRecord.find(id, on: db), r.$person.id == person,
            r.removedAtSeconds == nil
        else { throw AppError.notFound }
        return r
    }

    static func unit(of person: UserRecord) throws -> UUID {
        guard let unit = person.$unit.id else { throw AppError.forbidden }
        return unit
    }

    static func today(_ now: Date, _ utcOffset: Int) -> LocalDate {
        LocalDateTime(Instant(seconds: seconds(now)), utcOffset: utcOffset).date
    }

    static func seconds(_ now: Date) -> Int64 { Int64(now.timeIntervalSince1970.rounded(.down)) }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
