import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Online applications: a citizen submits (the dossier gets its code and waits for the counter,
/// which must act within 8 working hours), then the counter receives, asks for a supplement or
/// refuses it — exactly once, even when two clerks act at the same moment.
package enum OnlineIntake {
    /// The counter has 8 working hours to act on an online dossier (DOMAIN §4).
    package static let counterAllowance: Int64 = 8 * 3600

    package static func submit(
        procedure record: ProcedureRecord, unit: UnitRecord, citizen: CurrentUser, applicant raw: Applicant,
        attachments: [Attachment], cases: Set<String> = [], actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> DossierRecord {
        var problems = ValidationProblems()
        let (applicant, applicantProblems) = raw.validated()
        for p in applicantProblems { problems.add(p.field, p.vi, p.en) }
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        guard !record.retired, let version = try await CatalogQueries.version(of: record, inForceOn: today, on: db)
        else {
            throw AppError.invalid(
                field: "procedure", vi: "Thủ tục này không còn áp dụng.", en: "This procedure is not in force.")
        }
        let procedure = try version.procedureContent
        guard procedure.isComplete, procedure.onlineLevel != .none else {
            throw AppError.invalid(
                field: "procedure", vi: "Thủ tục này chưa nhận hồ sơ trực tuyến.",
                en: "This procedure does not take online applications.")
        }
        let attached = Set(attachments.map(\.component))
        let unknownCases = cases.subtracting(procedure.components.cases)
        if !unknownCases.isEmpty {
            problems.add(
                "cases", "Trường hợp không có trong thủ tục: " + unknownCases.sorted().joined(separator: "; "),
                "Cases not in the procedure: " + unknownCases.sorted().joined(separator: "; "))
        }
        let missing = procedure.components.missing(submitted: attached, cases: cases)
        if !missing.isEmpty {
            problems.add(
                "documents", "Còn thiếu tệp đính kèm: " + missing.joined(separator: "; "),
                "Files missing for: " + missing.joined(separator: "; "))
        }
        try problems.throwIfAny()
        let nowSeconds = Int64(now.timeIntervalSince1970)
        var rng = SystemRandomNumberGenerator()
        let d = DossierRecord()
        d.$unit.id = try unit.requireID()
        d.$procedure.id = try record.requireID()
        d.procedureVersion = version.version
        d.procedureSnapshot = version.content
        d.secret = LookupSecret.make(using: &rng)
        d.state = .submittedOnline
        d.channel = "online"
        d.applicantJSON = try IntakeService.json(applicant)
        d.applicantIDNumber = applicant.idNumber
        // A file taken from the data store must be the applicant's, and the account linked to them.
        let reusedIDs = attachments.compactMap(\.storedDocument)
        var reusedDocs: [UUID: StoredDocumentRecord] = [:]
        if !reusedIDs.isEmpty {
            let owners = try await CitizenStore.owners(of: citizen.id, on: db)
            for doc in try await StoredDocumentRecord.query(on: db).filter(\.$id ~~ reusedIDs).all()
            where doc.owner == applicant.idNumber && owners.contains(doc.owner) {
                reusedDocs[try doc.requireID()] = doc
            }
            guard reusedDocs.count == Set(reusedIDs).count else {
                throw AppError.invalid(
                    field: "documents", vi: "Giấy tờ lấy từ kho dữ liệu không thuộc người nộp.",
                    en: "A stored document does not belong to the applicant.")
            }
        }
        let reusedFinal = reusedDocs
        let reusedByComponent = Dictionary(
            attachments.compactMap { a in a.storedDocument.map { (a.component, $0) } }, uniquingKeysWith: { a, _ in a })
        d.componentsJSON = try IntakeService.json(
            procedure.components.applying(cases: cases).map {
                SubmittedComponent(
                    name: $0.name, form: $0.form, count: $0.count, submitted: attached.contains($0.name),
                    reusedDocument: reusedByComponent[$0.name])
            })
        d.sets = 1
        d.decisionNote = ""
        d.citizenID = citizen.id
        d.attachmentsJSON = try IntakeService.json(attachments)
        d.currentStep = 0
        d.returnNote = ""
        d.revision = 0
        d.createdBy = citizen.username
        d.createdAtSeconds = nowSeconds
        d.populationChecked = false
        try DossierWriter.countComponents(of: d)
        let agency = unit.code
        return try await AuditLog.transaction(on: db, actor: actor) { tx in
            let seq = try await IntakeService.nextSequence(agency: agency, day: today, on: tx)
            d.code = DossierCode(agency: agency, date: today, sequence: seq).description
            try await d.create(on: tx)
            try await DossierEventRecord(
                dossierID: d.requireID(), at: nowSeconds, action: "submit-online", actor: citizen.username,
                state: .submittedOnline, note: ""
            ).create(on: tx)
            for (component, id) in reusedByComponent {
                if let doc = reusedFinal[id] {
                    try await CitizenStore.use(
                        doc, for: component, dossierCode: d.code ?? "", by: citizen.username, now: nowSeconds, on: tx)
                }
            }
            return (
                AuditedChange(
                    action: "dossier.submit-online", entity: "dossier", entityID: d.code ?? "", before: String?.none,
                    after: ["state": "submitted-online", "procedure": record.code, "files": String(attachments.count)]),
                d
            )
        }
    }

    /// The counter's decision on an online dossier. The state changes only if it is still
    /// waiting: a second clerk acting at the same moment is told, and nothing is written twice.
    package static func decide(
        _ d: DossierRecord, decision: IntakeDecision, clerk: String, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws {
        let procedure = try d.procedureContent
        let submitted = Set(try d.components.filter(\.submitted).map(\.name))
        let (checklist, cases) = try checklist(of: d)
        let state: DossierState
        do {
            state = try decision.outcome(from: d.state, checklist: checklist, cases: cases, submitted: submitted)
        } catch {
            var problems = ValidationProblems()
            problems.add("decision", error.vi, error.en)
            throw problems
        }
        let nowSeconds = Int64(now.timeIntervalSince1970)
        var due: Int64?
        if state == .received, let limit = procedure.timeLimit {
            let unit = try await d.$unit.get(on: db)
            let calendar = try await UnitCalendars.calendar(for: unit, utcOffset: utcOffset, on: db)
            due = try Appointment.due(for: limit, receivedAt: Instant(seconds: nowSeconds), calendar: calendar).seconds
        }
        let note: String
        switch decision {
        case .receive: note = ""
        case .requestSupplement(let missing, let text):
            note = (missing + (text.isEmpty ? [] : [text])).joined(separator: "\n")
        case .refuse(let reason): note = reason
        }
        let id = try d.requireID()
        let from = d.state
        let dueAt = due
        try await AuditLog.transaction(on: db, actor: actor) { tx in
            try await DossierWriter.storeIntakeDecision(
                id: id, from: from, to: state, note: note, at: nowSeconds, due: dueAt, on: tx)
            let action = state == .received ? "receive" : state == .refused ? "refuse" : "request-supplement"
            try await DossierEventRecord(
                dossierID: id, at: nowSeconds, action: action, actor: clerk, state: state, note: note
            ).create(on: tx)
            if state == .received {
                try await FeeService.openDemand(for: d, procedure: procedure, now: nowSeconds, on: tx)
                try await CitizenStore.keepAttachments(of: d, by: clerk, now: nowSeconds, on: tx)
            }
            return (
                AuditedChange(
                    action: "dossier." + action, entity: "dossier", entityID: d.code ?? id.uuidString,
                    before: ["state": from.rawValue], after: ["state": state.rawValue], reason: note), ()
            )
        }
    }

    /// The dossier's checklist (the components listed for it: required ones, those of the cases
    /// the applicant said apply, optional ones) and the cases it names.
    package static func checklist(of d: DossierRecord) throws -> (components: [Component], cases: Set<String>) {
        let listed = Set(try d.components.map(\.name))
        let checklist = try d.procedureContent.components.filter { listed.contains($0.name) }
        return (checklist, Set(checklist.compactMap(\.condition)))
    }

    /// The needed components the dossier lacks, each named.
    package static func missing(in d: DossierRecord) throws -> [String] {
        let (checklist, cases) = try checklist(of: d)
        return checklist.missing(submitted: Set(try d.components.filter(\.submitted).map(\.name)), cases: cases)
    }

    /// Working time the counter has used on an online dossier, and whether it is late.
    package static func counterClock(_ d: DossierRecord, now: Date, calendar: WorkingCalendar) throws -> (
        used: Int64, late: Bool
    ) {
        let used = try calendar.workingSeconds(
            from: Instant(seconds: d.createdAtSeconds), to: Instant(seconds: Int64(now.timeIntervalSince1970)))
        return (used, used >= counterAllowance)
    }
}
