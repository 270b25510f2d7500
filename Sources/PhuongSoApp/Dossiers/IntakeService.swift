import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Counter intake: the clerk receives a dossier, requests a supplement, or refuses it. One
/// transaction writes the dossier, its first timeline line and the audit line; a received dossier
/// gets its code from the day's sequence and its appointment from the unit's calendar.
package enum IntakeService {
    package struct Input: Sendable {
        package var applicant: Applicant
        /// Names of the checklist components handed in.
        package var submitted: Set<String>
        /// The conditional cases of the procedure that apply to this dossier (their components
        /// become required).
        package var cases: Set<String> = []
        package var sets: Int
        package var decision: IntakeDecision
        /// Components taken from the applicant's data store instead of paper: name → stored document.
        package var reused: [String: UUID] = [:]
        package var populationChecked = false
        package init(
            applicant: Applicant, submitted: Set<String>, cases: Set<String> = [], sets: Int, decision: IntakeDecision,
            reused: [String: UUID] = [:],
            populationChecked: Bool = false
        ) {
            self.applicant = applicant
            self.submitted = submitted
            self.cases = cases
            self.sets = sets
            self.decision = decision
            self.reused = reused
            self.populationChecked = populationChecked
        }
    }

    package static func intake(
        _ input: Input, procedure record: ProcedureRecord, unit: UnitRecord, clerk: String, actor: AuditActor,
        now: Date, utcOffset: Int, on db: Database
    ) async throws -> DossierRecord {
        var problems = ValidationProblems()
        let (applicant, applicantProblems) = input.applicant.validated()
        for p in applicantProblems { problems.add(p.field, p.vi, p.en) }
        if !(1...20).contains(input.sets) { problems.add("sets", "Số bộ hồ sơ từ 1 đến 20.", "Between 1 and 20 sets.") }
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        guard !record.retired, let version = try await CatalogQueries.version(of: record, inForceOn: today, on: db)
        else {
            throw AppError.invalid(
                field: "procedure", vi: "Thủ tục này không còn áp dụng.", en: "This procedure is not in force.")
        }
        let procedure = try version.procedureContent
        guard procedure.isComplete, let limit = procedure.timeLimit else {
            throw AppError.invalid(
                field: "procedure",
                vi:
                    "Thủ tục chưa đủ thông tin (\(procedure.missingParts.joined(separator: ", "))): chưa thể tiếp nhận hồ sơ.",
                en:
                    "The procedure is incomplete (\(procedure.missingParts.joined(separator: ", "))): dossiers cannot be received yet."
            )
        }
        let unknownCases = input.cases.subtracting(procedure.components.cases)
        if !unknownCases.isEmpty {
            problems.add(
                "cases", "Trường hợp không có trong thủ tục: " + unknownCases.sorted().joined(separator: "; "),
                "Cases not in the procedure: " + unknownCases.sorted().joined(separator: "; "))
        }
        let state: DossierState
        do {
            state = try input.decision.outcome(
                from: nil, checklist: procedure.components, cases: input.cases,
                submitted: input.submitted.union(input.reused.keys))
        } catch {
            problems.add("decision", error.vi, error.en)
            state = .refused
        }
        try problems.throwIfAny()

        let received = state == .received
        let nowSeconds = Int64(now.timeIntervalSince1970)
        var due: Int64?
        if received {
            let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
            due = try Appointment.due(for: limit, receivedAt: Instant(seconds: nowSeconds), calendar: calendar).seconds
        }
        var rng = SystemRandomNumberGenerator()
        let dossier = DossierRecord()
        dossier.$unit.id = try unit.requireID()
        dossier.$procedure.id = try record.requireID()
        dossier.procedureVersion = version.version
        dossier.procedureSnapshot = version.content
        dossier.secret = LookupSecret.make(using: &rng)
        dossier.state = state
        dossier.channel = "counter"
        dossier.applicantJSON = try json(applicant)
        dossier.applicantIDNumber = applicant.idNumber
        // Documents reused from the applicant's data store: theirs, and still valid.
        var reusedDocs: [String: StoredDocumentRecord] = [:]
        if !input.reused.isEmpty {
            let valid = try await CitizenStore.valid(owner: applicant.idNumber, today: today.description, on: db)
            for (component, id) in input.reused {
                guard let doc = valid.first(where: { $0.id == id }) else {
                    throw AppError.invalid(
                        field: "reuse", vi: "Giấy tờ trong kho dữ liệu không thuộc người nộp hoặc đã hết hiệu lực.",
                        en: "A stored document does not belong to the applicant or is no longer valid.")
                }
                reusedDocs[component] = doc
            }
        }
        // The dossier's own checklist: the other cases' components are not part of it, so Mẫu 01
        // and the supplement request never name them.
        dossier.componentsJSON = try json(
            procedure.components.applying(cases: input.cases).map {
                SubmittedComponent(
                    name: $0.name, form: $0.form, count: $0.count,
                    submitted: input.submitted.contains($0.name) || reusedDocs[$0.name] != nil,
                    reusedDocument: reusedDocs[$0.name]?.id)
            })
        dossier.sets = input.sets
        switch input.decision {
        case .receive: dossier.decisionNote = ""
        case .requestSupplement(let missing, let note):
            dossier.decisionNote = (missing + (note.isEmpty ? [] : [note])).joined(separator: "\n")
        case .refuse(let reason): dossier.decisionNote = reason
        }
        dossier.receivedAt = received ? nowSeconds : nil
        dossier.dueAt = due
        let dueText = due.map(String.init) ?? ""
        dossier.attachmentsJSON = "[]"
        dossier.currentStep = 0
        dossier.returnNote = ""
        dossier.revision = 0
        dossier.stepStartedAt = received ? nowSeconds : nil
        dossier.createdBy = clerk
        dossier.createdAtSeconds = nowSeconds
        dossier.populationChecked = input.populationChecked
        try DossierWriter.countComponents(of: dossier)
        let agency = unit.code
        let reusedFinal = reusedDocs
        return try await AuditLog.transaction(on: db, actor: actor) { tx in
            if received {
                let sequence = try await nextSequence(agency: agency, day: today, on: tx)
                dossier.code = DossierCode(agency: agency, date: today, sequence: sequence).description
            }
            try await dossier.create(on: tx)
            if received { try await FeeService.openDemand(for: dossier, procedure: procedure, now: nowSeconds, on: tx) }
            for (component, doc) in reusedFinal {
                try await CitizenStore.use(
                    doc, for: component, dossierCode: dossier.code ?? "", by: clerk, now: nowSeconds, on: tx)
            }
            let action = received ? "receive" : state == .refused ? "refuse" : "request-supplement"
            try await DossierEventRecord(
                dossierID: dossier.requireID(), at: nowSeconds, action: action, actor: clerk, state: state,
                note: dossier.decisionNote
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "dossier." + action, entity: "dossier",
                    entityID: dossier.code ?? dossier.id?.uuidString ?? "",
                    before: String?.none,
                    after: [
                        "state": state.rawValue, "procedure": record.code, "version": String(version.version),
                        "applicant": applicant.idNumber, "due": dueText,
                    ],
                    reason: dossier.decisionNote), dossier
            )
        }
    }

    /// The next number of the agency's day: one atomic upsert, safe under concurrent intake on
    /// both databases.
    static func nextSequence(agency: String, day: LocalDate, on db: Database) async throws -> Int {
        struct Row: Decodable { let last: Int }
        let row = try await db.sql.raw(
            """
            INSERT INTO dossier_sequences (agency, day, last) VALUES (\(bind: agency), \(bind: day.description), 1)
            ON CONFLICT (agency, day) DO UPDATE SET last = dossier_sequences.last + 1 RETURNING last
            """
        ).first(decoding: Row.self)
        guard let row else {
            throw AppError.conflict(vi: "Không cấp được số hồ sơ.", en: "Could not allocate a dossier number.")
        }
        return row.last
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    /// The applicant of the latest dossier with this ID number, to prefill a repeat applicant.
    package static func knownApplicant(idNumber: String, unitID: UUID, on db: Database) async throws -> Applicant? {
        let digits = idNumber.filter(\.isNumber)
        guard !digits.isEmpty else { return nil }
        return try await DossierRecord.query(on: db).filter(\.$applicantIDNumber == digits).filter(
            \.$unit.$id == unitID
        )
        .sort(\.$createdAtSeconds, .descending).first()?.applicant
    }
}
