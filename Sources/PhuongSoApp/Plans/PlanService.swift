import Fluent
import Foundation
import PhuongSoCore
import SQLKit
import Vapor

/// The one writer of plans: create (with the default sections), issue. Sections, targets and
/// entries are in `PlanContentService`. Each write checks everything first, then stores the
/// change and its audit line in one transaction.
package enum PlanService {
    /// A plan as the form or the API gives it, text as typed.
    package struct PlanInput: Content, Sendable {
        package var year: String?
        package var title: String?
        package var number: String?
        package var issuedOn: String?
        package var signerName: String?
        package var signerTitle: String?
        package var provinceNumber: String?
        package var provinceDate: String?
        package var provinceTitle: String?
        package var note: String?
        package init() {}
    }

    /// The document data checked when the plan is issued.
    package struct IssueInput: Content, Sendable {
        package var number: String?
        package var issuedOn: String?
        package var signerName: String?
        package var signerTitle: String?
        package init() {}
    }

    static func defaultTitle(_ year: Int) -> String { "Kế hoạch cải cách hành chính năm \(year)" }

    package static func create(
        _ input: PlanInput, unit: UnitRecord, by user: CurrentUser, actor: AuditActor, now: Date, utcOffset: Int,
        on db: Database
    ) async throws -> PlanRecord {
        var p = ValidationProblems()
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        let allowed = PlanYears.allowed(today: today)
        let yearText = (input.year ?? "").trimmingCharacters(in: .whitespaces)
        let year = Int(yearText)
        if year == nil {
            p.add(
                "year", "Năm kế hoạch phải là một năm, ví dụ \(today.year).",
                "The year must be a year such as \(today.year).")
        } else if !allowed.contains(year!) {
            p.add(
                "year", "Năm kế hoạch phải từ \(allowed.lowerBound) đến \(allowed.upperBound).",
                "The year must be from \(allowed.lowerBound) to \(allowed.upperBound).")
        }
        let title = Validate.text(
            input.title, field: "title", label: ("Tên kế hoạch", "Plan title"), max: 300, required: false, into: &p)
        let number = Validate.text(
            input.number, field: "number", label: ("Số ký hiệu", "Number and symbol"), max: 50, required: false,
            into: &p)
        let issuedOn = PlanInputCheck.date(
            input.issuedOn, field: "issuedOn", label: ("Ngày ban hành", "Date issued"), required: false, into: &p)
        let signerName = Validate.text(
            input.signerName, field: "signerName", label: ("Người ký", "Signer"), required: false, into: &p)
        let signerTitle = Validate.text(
            input.signerTitle, field: "signerTitle", label: ("Chức vụ người ký", "Signer's title"), required: false,
            into: &p)
        let provinceNumber = Validate.text(
            input.provinceNumber, field: "provinceNumber", label: ("Số kế hoạch của tỉnh", "Province plan number"),
            max: 50, required: false, into: &p)
        let provinceDate = PlanInputCheck.date(
            input.provinceDate, field: "provinceDate", label: ("Ngày kế hoạch của tỉnh", "Province plan date"),
            required: false, into: &p)
        let provinceTitle = Validate.text(
            input.provinceTitle, field: "provinceTitle", label: ("Tên kế hoạch của tỉnh", "Province plan title"),
            max: 500, required: false, into: &p)
        let note = PlanInputCheck.longText(input.note, field: "note", label: ("Ghi chú", "Note"), max: 2000, into: &p)
        try p.throwIfAny()
        let plan = PlanRecord()
        plan.$unit.id = try unit.requireID()
        plan.year = year!
        plan.title = title.isEmpty ? defaultTitle(year!) : title
        plan.number = number
        plan.issuedOn = issuedOn?.description
        plan.signerName = signerName
        plan.signerTitle = signerTitle
        plan.provinceNumber = provinceNumber
        plan.provinceDate = provinceDate?.description
        plan.provinceTitle = provinceTitle
        plan.note = note
        plan.status = .draft
        plan.$creator.id = user.id
        plan.createdAtSeconds = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            try await plan.create(on: tx)
            for (i, area) in ReformArea.defaults.enumerated() {
                let s = PlanSectionRecord()
                s.$plan.id = try plan.requireID()
                s.areaCode = area.code
                s.areaName = area.vietnamese
                s.position = i + 1
                s.content = ""
                try await s.create(on: tx)
            }
            return (
                AuditedChange(
                    action: "plan.create", entity: "plan", entityID: try plan.requireID().uuidString,
                    before: PlansAPI.Header?.none,
                    after: PlansAPI.Header(plan, unitCode: unit.code)), plan
            )
        }
    }

    /// Issues a draft: the number, date and signer the chairman signed it with are required, and a
    /// plan without a target cannot be issued (its targets are what it is followed by).
    package static func issue(_ plan: PlanRecord, _ input: IssueInput, actor: AuditActor, now: Date, on db: Database)
        async throws -> PlanRecord
    {
        guard plan.status == .draft else { throw alreadyIssued }
        var p = ValidationProblems()
        let number = Validate.text(
            input.number ?? plan.number, field: "number", label: ("Số ký hiệu", "Number and symbol"), max: 50, into: &p)
        let date = PlanInputCheck.date(
            input.issuedOn ?? plan.issuedOn, field: "issuedOn", label: ("Ngày ban hành", "Date issued"), required: true,
            into: &p)
        if let date, !((plan.year - 1)...plan.year).contains(date.year) {
            p.add(
                "issuedOn", "Kế hoạch năm \(plan.year) được ban hành trong năm \(plan.year - 1) hoặc \(plan.year).",
                "A \(plan.year) plan is issued in \(plan.year - 1) or \(plan.year).")
        }
        let signerName = Validate.text(
            input.signerName ?? plan.signerName, field: "signerName", label: ("Người ký", "Signer"), into: &p)
        let signerTitle = Validate.text(
            input.signerTitle ?? plan.signerTitle, field: "signerTitle", label: ("Chức vụ người ký", "Signer's title"),
            into: &p)
        let planID = try plan.requireID()
        if try await PlanTargetRecord.query(on: db).filter(\.$plan.$id == planID).count() == 0 {
            p.add(
                "targets", "Kế hoạch chưa có chỉ tiêu nào: thêm chỉ tiêu trước khi ban hành.",
                "The plan has no target yet: add targets before issuing it.")
        }
        try p.throwIfAny()
        let before = PlansAPI.Header(plan, unitCode: plan.unit.code)
        let at = Int64(now.timeIntervalSince1970)
        return try await AuditLog.transaction(on: db, actor: actor, clock: { now }) { tx in
            // Only a draft is issued, even if two people press at once.
            let rows = try await tx.sql.raw(
                """
                UPDATE reform_plans SET status = 'issued', number = \(bind: number), issued_on = \(bind: date!.description),
                  signer_name = \(bind: signerName), signer_title = \(bind: signerTitle), issued_at_seconds = \(bind: at)
                WHERE id = \(bind: planID) AND status = 'draft' RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw alreadyIssued }
            plan.status = .issued
            plan.number = number
            plan.issuedOn = date!.description
            plan.signerName = signerName
            plan.signerTitle = signerTitle
            plan.issuedAtSeconds = at
            return (
                AuditedChange(
                    action: "plan.issue", entity: "plan", entityID: planID.uuidString, before: before,
                    after: PlansAPI.Header(plan, unitCode: plan.unit.code)), plan
            )
        }
    }

    static let alreadyIssued = AppError.conflict(
        vi: "Kế hoạch đã được ban hành: nội dung, chỉ tiêu không sửa được nữa (chỉ cập nhật số liệu thực hiện).",
        en: "The plan has been issued: its content and targets can no longer change (only results can be entered).")
}
