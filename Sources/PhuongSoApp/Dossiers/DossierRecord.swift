import Fluent
import Foundation
import PhuongSoCore

/// A dossier (hồ sơ): what was submitted, under which procedure version, by whom, and where it
/// stands. The procedure's content, the applicant and the component list are kept as they were
/// at intake, so later changes never rewrite it.
package final class DossierRecord: Model, @unchecked Sendable {
    package static let schema = "dossiers"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Parent(key: "procedure_id") package var procedure: ProcedureRecord
    @Field(key: "procedure_version") package var procedureVersion: Int
    @Field(key: "procedure_snapshot") package var procedureSnapshot: String
    /// Set when the dossier is received; a supplement request or refusal at intake has none.
    @OptionalField(key: "code") package var code: String?
    @Field(key: "secret") package var secret: String
    @Field(key: "state") package var state: DossierState
    @Field(key: "channel") package var channel: String
    @Field(key: "applicant") package var applicantJSON: String
    @Field(key: "applicant_id_number") package var applicantIDNumber: String
    @Field(key: "components") package var componentsJSON: String
    @Field(key: "sets") package var sets: Int
    @Field(key: "decision_note") package var decisionNote: String
    @OptionalField(key: "received_at") package var receivedAt: Int64?
    @OptionalField(key: "due_at") package var dueAt: Int64?
    /// Position in the internal process (index of the current step) and who has taken it.
    @Field(key: "current_step") package var currentStep: Int
    @OptionalField(key: "assignee") package var assignee: String?
    @OptionalField(key: "step_started_at") package var stepStartedAt: Int64?
    @OptionalField(key: "done_at") package var doneAt: Int64?
    /// When a supplement was requested during processing (the clock stands still since).
    @OptionalField(key: "paused_at") package var pausedAt: Int64?
    @OptionalField(key: "returned_at") package var returnedAt: Int64?
    @Field(key: "return_note") package var returnNote: String
    /// Bumped by every transition: a transition only applies to the revision it was decided on.
    @Field(key: "revision") package var revision: Int
    /// The citizen account that applied online, if any.
    @OptionalField(key: "citizen_id") package var citizenID: UUID?
    /// Files attached online, per component name.
    @Field(key: "attachments") package var attachmentsJSON: String
    @Field(key: "created_by") package var createdBy: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    /// Whether the counter checked the applicant against the national population database.
    @Field(key: "population_checked") package var populationChecked: Bool
    /// Facts stored when they happen (DOMAIN §8), written only by `DossierWriter`: how processing
    /// ended against the appointment, the working time paused, the supplements asked during
    /// processing, how and to whom the result was returned, and the one apology.
    @OptionalField(key: "verdict") package var verdict: Timeliness?
    @Field(key: "paused_seconds") package var pausedWorkingSeconds: Int64
    @Field(key: "supplements_in_process") package var supplementsInProcess: Int
    @OptionalField(key: "return_method") package var returnMethod: ReturnMethod?
    @OptionalField(key: "return_recipient") package var returnRecipient: String?
    @OptionalField(key: "apology_reason") package var apologyReason: String?
    @OptionalField(key: "apology_at") package var apologyAt: Int64?
    @OptionalField(key: "apology_previous_due") package var apologyPreviousDue: Int64?
    /// DOMAIN §6 facts for the 766 index, also written only by `DossierWriter`: a fee paid through
    /// the gateway or by VietQR transfer (not cash), an electronic result issued, and how many
    /// components are digitized and how many were taken from the citizen's data store.
    @Field(key: "paid_online") package var paidOnline: Bool
    @Field(key: "electronic_result") package var electronicResult: Bool
    @Field(key: "components_digitized") package var componentsDigitized: Int
    @Field(key: "components_reused") package var componentsReused: Int
    /// How many components were handed in (`submitted`), the denominator of 4.2's digitization:
    /// stored so the index does not count it out of the JSON text for every dossier.
    @Field(key: "components_submitted") package var componentsSubmitted: Int

    package init() {
        pausedWorkingSeconds = 0
        supplementsInProcess = 0
        paidOnline = false
        electronicResult = false
        componentsDigitized = 0
        componentsReused = 0
        componentsSubmitted = 0
    }

    package var applicant: Applicant {
        get throws { try JSONDecoder().decode(Applicant.self, from: Data(applicantJSON.utf8)) }
    }
    package var components: [SubmittedComponent] {
        get throws { try JSONDecoder().decode([SubmittedComponent].self, from: Data(componentsJSON.utf8)) }
    }
    package var procedureContent: Procedure {
        get throws { try JSONDecoder().decode(Procedure.self, from: Data(procedureSnapshot.utf8)) }
    }
    package var attachments: [Attachment] {
        get throws { try JSONDecoder().decode([Attachment].self, from: Data(attachmentsJSON.utf8)) }
    }
}

/// A component of the procedure's checklist and what the applicant handed in.
package struct SubmittedComponent: Codable, Sendable, Hashable {
    package var name: String
    package var form: String
    package var count: Int
    package var submitted: Bool
    /// DOMAIN §6 flags: the scan made at the counter (who, when, pages against the original's),
    /// or the stored document reused instead of asking again.
    package var scan: Scan?
    package var reusedDocument: UUID?

    package struct Scan: Codable, Sendable, Hashable {
        package var file: FileStore.Stored
        package var pages: Int
        package var originalPages: Int
        package var by: String
        package var at: Int64
        package var pagesMatch: Bool { pages == originalPages }
    }

    package init(
        name: String, form: String, count: Int, submitted: Bool, scan: Scan? = nil, reusedDocument: UUID? = nil
    ) {
        self.name = name
        self.form = form
        self.count = count
        self.submitted = submitted
        self.scan = scan
        self.reusedDocument = reusedDocument
    }
    package var digitized: Bool { scan != nil || reusedDocument != nil }

    /// Digitized as DOMAIN §6 counts it: scanned at the counter, taken from the data store, or
    /// sent as a file with an online application (`attached`: the components that have one).
    package func digitized(online: Bool, attached: Set<String>) -> Bool {
        digitized || (online && attached.contains(name))
    }
}

extension DossierRecord {
    /// The component counts of DOMAIN §6 from the stored lists: digitized, and reused from the
    /// citizen's data store.
    package var componentCounts: (digitized: Int, reused: Int, submitted: Int) {
        get throws {
            let attached = Set(try attachments.map(\.component))
            let list = try components
            return (
                list.filter { $0.digitized(online: channel == "online", attached: attached) }.count,
                list.filter { $0.reusedDocument != nil }.count, list.filter(\.submitted).count
            )
        }
    }
}

/// A file attached to a component when applying online.
package struct Attachment: Codable, Sendable, Hashable {
    package var component: String
    package var file: FileStore.Stored
    /// The document of the applicant's data store this file was taken from, if reused.
    package var storedDocument: UUID?
    package init(component: String, file: FileStore.Stored, storedDocument: UUID? = nil) {
        self.component = component
        self.file = file
        self.storedDocument = storedDocument
    }
}

/// One line of a dossier's timeline.
package final class DossierEventRecord: Model, @unchecked Sendable {
    package static let schema = "dossier_events"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "dossier_id") package var dossier: DossierRecord
    @Field(key: "at_seconds") package var atSeconds: Int64
    @Field(key: "action") package var action: String
    @Field(key: "actor") package var actor: String
    @Field(key: "state") package var state: DossierState
    @Field(key: "note") package var note: String

    package init() {}
    package init(dossierID: UUID, at: Int64, action: String, actor: String, state: DossierState, note: String) {
        $dossier.id = dossierID
        atSeconds = at
        self.action = action
        self.actor = actor
        self.state = state
        self.note = note
    }
}
