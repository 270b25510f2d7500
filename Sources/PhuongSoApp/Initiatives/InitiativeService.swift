import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// The one writer of initiatives: the application, then every command on it. Each write is one
/// transaction with its audit line, guarded by the initiative's revision.
package enum InitiativeService {
    /// The grid councils score on: illustrative and configurable (see `InitiativeScheme`).
    package static let scheme = InitiativeScheme.standard
    /// Authors on one application (the form shows five rows; the API takes up to this many).
    static let maximumAuthors = 20

    static func today(_ now: Date, _ utcOffset: Int) -> LocalDate {
        LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
    }

    /// Whoever may run the council, decide, record replications and assign tasks.
    static func actor(_ user: CurrentUser) -> InitiativeActor {
        InitiativeActor(id: user.id.uuidString, mayDecide: user.role == .office || user.role == .leader)
    }

    /// Checks and stores an application of `user`'s unit, as a draft or filed at once.
    package static func create(
        _ a: InitiativeInput.Application, unit: UnitRecord, by user: CurrentUser, actor: AuditActor, now: Date,
        utcOffset: Int, on db: Database
    ) async throws -> InitiativeRecord {
        let unitID = try unit.requireID()
        guard user.unitID == unitID else { throw AppError.forbidden }
        let today = today(now, utcOffset)
        var p = ValidationProblems()
        let r = InitiativeRecord()
        r.title = Validate.text(
            a.title, field: "title", label: ("Tên sáng kiến", "Initiative title"), max: 500, into: &p)
        r.investor = Validate.text(
            a.investor, field: "investor", label: ("Chủ đầu tư tạo ra sáng kiến", "Investor"), max: 500,
            required: false, into: &p)
        r.fieldOfApplication = Validate.text(
            a.field, field: "field", label: ("Lĩnh vực áp dụng", "Field of application"), max: 500, into: &p)
        let firstApplied = InitiativeText.date(
            a.firstApplied, field: "firstApplied",
            label: ("Ngày áp dụng lần đầu hoặc áp dụng thử", "The date first applied"),
            required: true, into: &p)
        r.currentState = InitiativeText.long(
            a.currentState, field: "currentState",
            label: ("Tình trạng trước khi có sáng kiến", "The situation before the initiative"),
            required: false, into: &p)
        r.solution = InitiativeText.long(
            a.solution, field: "solution", label: ("Mô tả bản chất của sáng kiến", "The description of the solution"),
            required: true, into: &p)
        r.conditions = InitiativeText.long(
            a.conditions, field: "conditions", label: ("Điều kiện cần thiết để áp dụng", "Conditions for applying it"),
            required: false,
            into: &p)
        r.authorBenefits = InitiativeText.long(
            a.authorBenefits, field: "authorBenefits", label: ("Lợi ích theo ý kiến tác giả", "Benefits (author)"),
            required: false, into: &p)
        r.trialBenefits = InitiativeText.long(
            a.trialBenefits, field: "trialBenefits", label: ("Lợi ích theo ý kiến nơi áp dụng thử", "Benefits (trial)"),
            required: false, into: &p)
        r.firstAppliers = InitiativeText.long(
            a.firstAppliers, field: "firstAppliers", label: ("Người tham gia áp dụng lần đầu", "First appliers"),
            required: false, max: 4000, into: &p)
        r.confidential = InitiativeText.long(
            a.confidential, field: "confidential", label: ("Thông tin cần bảo mật", "Confidential information"),
            required: false, max: 4000, into: &p)
        let authors = try await authorRows(a.authors, unit: unit, today: today, on: db, into: &p)
        if let firstApplied, firstApplied > today {
            let problem = InitiativeProblem.dateInFuture(.firstApplied, firstApplied)
            p.add(problem.field, problem.vietnamese, problem.english)
        }
        try p.throwIfAny()

        var value = Initiative(
            proposer: user.id.uuidString, authorAccounts: authors.compactMap { $0.$account.id?.uuidString })
        if a.submit == true { value = try value.applying(.submit, by: Self.actor(user), on: today, scheme: scheme) }
        r.$unit.id = unitID
        r.firstApplied = firstApplied?.description ?? ""
        r.state = value.state
        r.submittedOn = value.submittedOn?.description
        r.$proposer.id = user.id
        r.createdOn = today.description
        r.createdAtSeconds = Int64(now.timeIntervalSince1970)
        r.revision = 1
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            // numbers are per unit: two applications filed at once must not take the same one
            if tx.isPostgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(13201213)").run() }
            let last = try await InitiativeRecord.query(on: tx).filter(\.$unit.$id == unitID).sort(
                \.$number, .descending
            ).first()
            r.number = (last?.number ?? 0) + 1
            try await r.create(on: tx)
            for author in authors {
                author.$initiative.id = try r.requireID()
                try await author.create(on: tx)
            }
            return (
                AuditedChange(
                    action: "initiative.create", entity: "initiative", entityID: "\(unit.code)/\(r.reference)",
                    before: String?.none,
                    after: Snapshot(r, authors: authors)), r
            )
        }
    }

    /// The author rows that are not blank, checked; problems are keyed by the row the form showed.
    static func authorRows(
        _ inputs: [InitiativeInput.Author], unit: UnitRecord, today: LocalDate, on db: Database,
        into p: inout ValidationProblems
    ) async throws -> [InitiativeAuthorRecord] {
        let owners = try await TaskService.owners(of: unit.requireID(), on: db)
        var rows: [Int] = []
        var records: [InitiativeAuthorRecord] = []
        var core: [InitiativeAuthor] = []
        var sharesRead = true
        let given = inputs.enumerated().filter { !$0.element.isBlank }
        if given.count > maximumAuthors {
            p.add("authors", "Đơn có quá \(maximumAuthors) tác giả.", "More than \(maximumAuthors) authors.")
        }
        for (index, input) in given.prefix(maximumAuthors) {
            let row = index + 1
            let a = InitiativeAuthorRecord()
            let account = input.account.flatMap { id in owners.first { $0.id == id } }
            if input.account != nil && account == nil {
                p.add(
                    "author\(row)Account", "Tài khoản liên kết phải là cán bộ, công chức của \(unit.name).",
                    "The linked account must be the unit's staff.")
            }
            a.$account.id = account?.id
            a.name = Validate.text(
                input.name, field: "author\(row)Name", label: ("Họ và tên", "Full name"), max: 200, required: false,
                into: &p
            )
            if a.name.isEmpty, let account { a.name = account.displayName }
            let birth = InitiativeText.date(
                input.birthDate, field: "author\(row)BirthDate", label: ("Ngày sinh", "The date of birth"),
                required: false, into: &p)
            if let birth, birth >= today {
                p.add(
                    "author\(row)BirthDate", "Ngày sinh (\(birth.vietnamese)) phải trước ngày hôm nay.",
                    "The date of birth must be before today.")
            }
            a.birthDate = birth?.description
            a.workplace = Validate.text(
                input.workplace, field: "author\(row)Workplace", label: ("Nơi công tác", "Workplace"), max: 300,
                required: false, into: &p)
            a.positionTitle = Validate.text(
                input.title, field: "author\(row)Title", label: ("Chức danh", "Job title"), max: 200, required: false,
                into: &p)
            a.degree = Validate.text(
                input.degree, field: "author\(row)Degree", label: ("Trình độ chuyên môn", "Degree"), max: 200,
                required: false, into: &p)
            let rawShare = (input.share ?? "").trimmingCharacters(in: .whitespaces)
            let share = Share(parsing: rawShare)
            if share == nil {
                sharesRead = false
                p.add(
                    "author\(row)Share",
                    rawShare.isEmpty
                        ? "Cần ghi tỷ lệ đóng góp (%) của tác giả."
                        : "Tỷ lệ đóng góp “\(rawShare)” không hợp lệ (ví dụ 50 hoặc 33,5).",
                    "Give the author's share as a percentage (e.g. 50 or 33.5).")
            }
            a.position = rows.count + 1
            a.shareHundredths = share?.hundredths ?? 0
            rows.append(row)
            records.append(a)
            core.append(InitiativeAuthor(name: a.name, share: share ?? Share(hundredths: 0)))
        }
        for problem in InitiativeAuthor.problems(core) {
            // an unreadable share was already reported: neither its sign nor the sum means anything
            if !sharesRead, case .sharesDoNotAddUp = problem { continue }
            let shown = problem.onFormRows(rows)
            p.add(shown.field, shown.vietnamese, shown.english)
        }
        return records
    }

    static let stale = AppError.conflict(
        vi: "Sáng kiến vừa được người khác cập nhật. Vui lòng tải lại trang rồi thử lại.",
        en: "Someone else has just updated this initiative. Reload the page and try again.")

    /// What the audit trail keeps of an initiative.
    struct Snapshot: Encodable, Sendable {
        let number: Int, title: String, state: String, submittedOn: String?, revision: Int
        let authors: [String]?
        init(_ r: InitiativeRecord, authors: [InitiativeAuthorRecord]? = nil) {
            number = r.number
            title = r.title
            state = r.state.rawValue
            submittedOn = r.submittedOn
            revision = r.revision
            self.authors = authors?.map { "\($0.name) (\($0.share)%)" }
        }
    }
}
