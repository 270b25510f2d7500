import Fluent
import Foundation
import PhuongSoCore
import SQLKit

/// Reading a dossier's process (its plan, the share of the step's time used) and the applicant's
/// rating. Every processing action is written by `DossierWriter`.
package enum ProcessingService {
    package static func plan(of d: DossierRecord) throws -> ProcessPlan {
        ProcessPlan(procedure: try d.procedureContent)
    }

    /// The share of the current step's time used (for the 50/80/100% warnings).
    package static func stepPercentUsed(_ d: DossierRecord, plan: ProcessPlan, now: Date, calendar: WorkingCalendar)
        throws -> Double
    {
        guard plan.steps.indices.contains(d.currentStep), let started = d.stepStartedAt ?? d.receivedAt else {
            return 0
        }
        let clock = try DeadlineClock(
            start: Instant(seconds: started), allotted: max(1, Int64(plan.steps[d.currentStep].hours * 3600)))
        return try clock.percentUsed(at: Instant(seconds: Int64(now.timeIntervalSince1970)), in: calendar)
    }

    /// Rates a returned dossier, once; an unhappy rating is put in front of the ward office.
    package static let ratingFactors = ["access", "procedure", "official", "result", "feedback"]

    package static func rate(
        _ d: DossierRecord, level: String, comment: String, factors: [String: Int] = [:], now: Date, utcOffset: Int,
        on db: Database
    ) async throws {
        guard factors.keys.allSatisfy(ratingFactors.contains), factors.values.allSatisfy((1...5).contains) else {
            throw AppError.invalid(
                field: "factors", vi: "Điểm từng tiêu chí từ 1 đến 5.", en: "Factor scores go from 1 to 5.")
        }
        guard d.state == .returned else {
            throw AppError.invalid(
                field: "level", vi: "Chỉ đánh giá sau khi đã nhận kết quả.",
                en: "Rate once the result has been returned.")
        }
        guard ["very-satisfied", "satisfied", "not-satisfied"].contains(level) else {
            throw AppError.invalid(
                field: "level", vi: "Vui lòng chọn mức độ hài lòng.", en: "Choose how satisfied you are.")
        }
        let id = try d.requireID()
        if try await RatingRecord.query(on: db).filter(\.$dossier.$id == id).first() != nil {
            throw AppError.conflict(vi: "Hồ sơ này đã được đánh giá.", en: "This dossier has already been rated.")
        }
        // The officials who handled it: every step's giver, and the clerk who received it at the
        // counter (an online dossier was created by the applicant, who is not an official).
        let receiver = d.channel == "online" ? [] : [d.createdBy]
        let officials = Set(
            try await HandoffRecord.query(on: db).filter(\.$dossier.$id == id).all().map(\.giver) + receiver
        ).sorted()
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let r = RatingRecord()
        r.$dossier.id = id
        r.level = level
        r.comment = String(comment.prefix(2000))
        r.factors = try IntakeService.json(factors)
        r.officials = officials.joined(separator: ",")
        r.atSeconds = nowSeconds
        let actor = AuditActor(username: "applicant", address: "tracking", at: now, utcOffset: utcOffset)
        try await AuditLog.transaction(
            on: db, actor: actor,
            changes: { tx in
                try await r.create(on: tx)
                try await DossierWriter.storeRating(dossier: id, on: tx)
                try await DossierEventRecord(
                    dossierID: id, at: nowSeconds, action: level == "not-satisfied" ? "rating-unhappy" : "rating",
                    actor: "applicant", state: d.state, note: r.comment
                ).create(on: tx)
                let rated = AuditedChange(
                    action: "dossier.rate", entity: "dossier", entityID: d.code ?? id.uuidString, before: String?.none,
                    after: ["level": level, "officials": r.officials], reason: r.comment)
                // An unhappy rating is answered like any feedback, on the same clock (issue 16).
                guard level == "not-satisfied" else { return ([rated], ()) }
                let feedback = try await FeedbackService.fromDossierRating(
                    d, comment: r.comment, now: now, utcOffset: utcOffset, on: tx)
                return ([rated, feedback], ())
            })
    }
}
