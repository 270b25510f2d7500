import Fluent
import Foundation
import PhuongSoCore

/// What a dossier owes (the demand; one per dossier), written at intake from the fee rule of the
/// procedure version, then adjusted or exempted by the clerk with a reason.
package final class FeeRecord: Model, @unchecked Sendable {
    package static let schema = "dossier_fees"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "dossier_id") package var dossier: DossierRecord
    @Field(key: "rule_amount") package var ruleAmount: Int
    @OptionalField(key: "adjusted_amount") package var adjustedAmount: Int?
    @Field(key: "adjustment_reason") package var adjustmentReason: String
    @Field(key: "exemption_reason") package var exemptionReason: String
    /// The fee rule's text as the procedure version had it ("50.000 đồng/bản"...).
    @Field(key: "fee_text") package var feeText: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}

    package var demand: FeeDemand {
        FeeDemand(
            ruleAmount: ruleAmount, adjustedAmount: adjustedAmount, adjustmentReason: adjustmentReason,
            exemptionReason: exemptionReason)
    }
}

/// One payment (a transaction) against a dossier's demand, by one channel. Its reference is what
/// the gateway or the bank carries back; a paid payment has a numbered receipt (biên lai).
package final class PaymentRecord: Model, @unchecked Sendable {
    package static let schema = "payments"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "dossier_id") package var dossier: DossierRecord
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "channel") package var channel: PaymentChannel
    @Field(key: "amount") package var amount: Int
    @Field(key: "status") package var status: PaymentStatus
    @Field(key: "reference") package var reference: String
    @OptionalField(key: "receipt_number") package var receiptNumber: String?
    @Field(key: "payer") package var payer: String
    @Field(key: "created_by") package var createdBy: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @OptionalField(key: "paid_at") package var paidAt: Int64?
    /// The gateway's or the bank's own transaction id.
    @Field(key: "external_id") package var externalID: String
    @Field(key: "refund_reason") package var refundReason: String
    @OptionalField(key: "refunded_at") package var refundedAt: Int64?
    @Field(key: "refunded_by") package var refundedBy: String
    package init() {}
}

/// Everything that arrived from outside about payments (gateway notifications and returns, our
/// queries' answers, statement lines) and what was made of it: accepted, duplicate, bad
/// signature, amount mismatch, unknown reference. Append-only.
package final class PaymentEventRecord: Model, @unchecked Sendable {
    package static let schema = "payment_events"
    @ID(key: .id) package var id: UUID?
    @Field(key: "source") package var source: String
    @Field(key: "reference") package var reference: String
    @Field(key: "outcome") package var outcome: String
    @Field(key: "detail") package var detail: String
    @Field(key: "at_seconds") package var atSeconds: Int64
    package init() {}
    package init(source: String, reference: String, outcome: String, detail: String, at: Int64) {
        self.source = source
        self.reference = String(reference.prefix(120))
        self.outcome = outcome
        self.detail = String(detail.prefix(2000))
        atSeconds = at
    }
}

/// A bank statement line already imported, by the bank's transaction id (unique per unit's
/// account: never counted twice).
package final class StatementLineRecord: Model, @unchecked Sendable {
    package static let schema = "bank_statement_lines"
    @ID(key: .id) package var id: UUID?
    /// The unit whose account the statement is from.
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "transaction_id") package var transactionID: String
    @Field(key: "date") package var date: String
    @Field(key: "amount") package var amount: Int
    @Field(key: "description") package var lineDescription: String
    @Field(key: "outcome") package var outcome: String
    @OptionalField(key: "payment_id") package var paymentID: UUID?
    @Field(key: "imported_by") package var importedBy: String
    @Field(key: "imported_at") package var importedAt: Int64
    package init() {}
}

/// A unit's signing key: the certificate (public) is kept here so results stay verifiable after
/// a rotation; the private key stays in a file under the data directory.
package final class SigningKeyRecord: Model, @unchecked Sendable {
    package static let schema = "signing_keys"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "key_id") package var keyID: String
    @Field(key: "certificate") package var certificatePEM: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    @OptionalField(key: "retired_at") package var retiredAt: Int64?
    package init() {}
}

/// An electronic result: the signed file of a dossier's result, with its public code.
package final class ResultRecord: Model, @unchecked Sendable {
    package static let schema = "electronic_results"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "dossier_id") package var dossier: DossierRecord
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "code") package var code: String
    @Field(key: "title") package var title: String
    @Field(key: "file") package var fileJSON: String
    @Field(key: "sha256") package var sha256: String
    @Field(key: "signature") package var signature: String
    @Field(key: "key_id") package var keyID: String
    @Field(key: "signed_at") package var signedAt: Int64
    @Field(key: "signed_by") package var signedBy: String
    package init() {}
    package var file: FileStore.Stored {
        get throws { try JSONDecoder().decode(FileStore.Stored.self, from: Data(fileJSON.utf8)) }
    }
}

/// The citizen/organisation data store (DOMAIN §6): a valid digitized document or result, kept
/// under its owner's ID number so a later dossier reuses it instead of asking again.
package final class StoredDocumentRecord: Model, @unchecked Sendable {
    package static let schema = "citizen_documents"
    @ID(key: .id) package var id: UUID?
    @Field(key: "owner") package var owner: String
    @Field(key: "name") package var name: String
    @Field(key: "kind") package var kind: String
    @Field(key: "file") package var fileJSON: String
    @Field(key: "pages") package var pages: Int
    @OptionalField(key: "valid_until") package var validUntil: String?
    @Field(key: "source") package var source: String
    @Field(key: "created_by") package var createdBy: String
    @Field(key: "created_at_seconds") package var createdAtSeconds: Int64
    package init() {}
    package var file: FileStore.Stored {
        get throws { try JSONDecoder().decode(FileStore.Stored.self, from: Data(fileJSON.utf8)) }
    }
}

/// Who used which stored document, for which dossier, when: the owner sees this log.
package final class DocumentUseRecord: Model, @unchecked Sendable {
    package static let schema = "citizen_document_uses"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "document_id") package var document: StoredDocumentRecord
    @Field(key: "dossier_code") package var dossierCode: String
    @Field(key: "component") package var component: String
    @Field(key: "used_by") package var usedBy: String
    @Field(key: "at_seconds") package var atSeconds: Int64
    package init() {}
}

struct CreatePaymentsResultsStore: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(FeeRecord.schema).id()
            .field("dossier_id", .uuid, .required, .references(DossierRecord.schema, "id"))
            .field("rule_amount", .int, .required).field("adjusted_amount", .int)
            .field("adjustment_reason", .string, .required).field("exemption_reason", .string, .required)
            .field("fee_text", .string, .required).field("created_at_seconds", .int64, .required)
            .unique(on: "dossier_id").create()
        try await db.schema(PaymentRecord.schema).id()
            .field("dossier_id", .uuid, .required, .references(DossierRecord.schema, "id"))
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("channel", .string, .required).field("amount", .int, .required).field("status", .string, .required)
            .field("reference", .string, .required).field("receipt_number", .string).field("payer", .string, .required)
            .field("created_by", .string, .required).field("created_at_seconds", .int64, .required).field(
                "paid_at", .int64
            )
            .field("external_id", .string, .required).field("refund_reason", .string, .required).field(
                "refunded_at", .int64
            )
            .field("refunded_by", .string, .required)
            .unique(on: "reference").unique(on: "receipt_number").create()
        try await db.schema(PaymentEventRecord.schema).id()
            .field("source", .string, .required).field("reference", .string, .required).field(
                "outcome", .string, .required
            )
            .field("detail", .string, .required).field("at_seconds", .int64, .required).create()
        try await db.schema(StatementLineRecord.schema).id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("transaction_id", .string, .required).field("date", .string, .required).field(
                "amount", .int, .required
            )
            .field("description", .string, .required).field("outcome", .string, .required).field("payment_id", .uuid)
            .field("imported_by", .string, .required).field("imported_at", .int64, .required)
            .unique(on: "unit_id", "transaction_id").create()
        try await db.schema(SigningKeyRecord.schema).id()
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("key_id", .string, .required).field("certificate", .string, .required)
            .field("created_at_seconds", .int64, .required).field("retired_at", .int64)
            .unique(on: "key_id").create()
        try await db.schema(ResultRecord.schema).id()
            .field("dossier_id", .uuid, .required, .references(DossierRecord.schema, "id"))
            .field("unit_id", .uuid, .required, .references(UnitRecord.schema, "id"))
            .field("code", .string, .required).field("title", .string, .required).field("file", .string, .required)
            .field("sha256", .string, .required).field("signature", .string, .required).field(
                "key_id", .string, .required
            )
            .field("signed_at", .int64, .required).field("signed_by", .string, .required)
            .unique(on: "code").create()
        try await db.schema(StoredDocumentRecord.schema).id()
            .field("owner", .string, .required).field("name", .string, .required).field("kind", .string, .required)
            .field("file", .string, .required).field("pages", .int, .required).field("valid_until", .string)
            .field("source", .string, .required).field("created_by", .string, .required).field(
                "created_at_seconds", .int64, .required
            )
            .create()
        try await db.schema(DocumentUseRecord.schema).id()
            .field("document_id", .uuid, .required, .references(StoredDocumentRecord.schema, "id"))
            .field("dossier_code", .string, .required).field("component", .string, .required)
            .field("used_by", .string, .required).field("at_seconds", .int64, .required).create()
        // Checked against the national population database (VNeID) at intake: a flag for the 766 index.
        try await db.schema(DossierRecord.schema).field("population_checked", .bool, .required, .sql(.default(false)))
            .update()
    }

    func revert(on db: Database) async throws {
        for s in [
            DocumentUseRecord.schema, StoredDocumentRecord.schema, ResultRecord.schema, SigningKeyRecord.schema,
            StatementLineRecord.schema,
            PaymentEventRecord.schema, PaymentRecord.schema, FeeRecord.schema,
        ] { try await db.schema(s).delete() }
        try await db.schema(DossierRecord.schema).deleteField("population_checked").update()
    }
}
