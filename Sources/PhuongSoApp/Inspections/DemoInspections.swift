import Fluent
import Foundation
import PhuongSoCore

/// Illustrative demo records: the ward's 2026 inspection plan with one held inspection of its
/// civil-status (hộ tịch) field, one finding and its corrective task led by the justice official,
/// and one inspection still to come. Built through the same service as the pages.
package enum DemoInspections {
    package static func load(ward: UnitRecord, on db: Database, now: Date) async throws {
        let actor = AuditActor.system("demo", at: now)
        let utcOffset = 7 * 3600
        let wardID = try ward.requireID()
        let staff = try await TaskService.owners(of: wardID, on: db)
        guard let office = staff.first(where: { $0.username == "vanphong" }),
            let justice = staff.first(where: { $0.username == "tuphap" }),
            let land = staff.first(where: { $0.username == "diachinh" })
        else { return }
        var plan = InspectionService.PlanInput()
        plan.year = "2026"
        plan.number = "05/KH-UBND"
        plan.date = "2026-01-12"
        plan.title = "Kế hoạch kiểm tra công tác cải cách hành chính năm 2026 (dữ liệu minh họa)"
        _ = try await InspectionService.createPlan(plan, unit: ward, actor: actor, now: now, on: db)

        var held = InspectionService.InspectionInput()
        held.subjectUnit = ward.code
        held.field = "HT"
        held.date = "2026-03-10"
        held.team = [try office.requireID(), try land.requireID()]
        held.outsideMembers = "Đại diện Sở Nội vụ tỉnh (thành viên minh họa)"
        held.scope =
            """
            Kiểm tra việc tiếp nhận, giải quyết thủ tục hành chính lĩnh vực hộ tịch; cập nhật sổ và cơ sở dữ liệu hộ \
            tịch; số hóa hồ sơ, kết quả.
            (Cuộc kiểm tra minh họa của dữ liệu mẫu.)
            """
        let inspection = try await InspectionService.createInspection(held, unit: ward, actor: actor, now: now, on: db)
        var done = InspectionService.HeldInput()
        done.heldOn = "2026-03-10"
        done.conclusionNumber = "18/TB-UBND"
        done.conclusionDate = "2026-03-13"
        // Demo records are dated 2026 whatever the clock says: "today" is at least their date.
        let today = max(
            LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date,
            try LocalDate(parsing: "2026-03-13"))
        let id = try inspection.requireID()
        _ = try await InspectionService.markHeld(
            id, done, unitCode: ward.code, actor: actor, now: now, today: today, on: db)

        var finding = InspectionService.FindingInput()
        finding.description =
            "Một số hồ sơ đăng ký khai sinh, kết hôn đã giải quyết chưa được số hóa kết quả và chưa cập nhật kịp thời "
            + "vào cơ sở dữ liệu hộ tịch điện tử (kết luận minh họa)."
        finding.severity = FindingSeverity.moderate.rawValue
        finding.title = "Số hóa và cập nhật đầy đủ kết quả hồ sơ hộ tịch vào cơ sở dữ liệu (nhiệm vụ minh họa)"
        finding.product = "Báo cáo kết quả khắc phục kèm danh sách hồ sơ đã số hóa"
        finding.leadID = try justice.requireID().uuidString
        finding.start = "2026-03-16"
        finding.deadlineDays = "20"
        finding.priority = TaskPriority.high.rawValue
        _ = try await InspectionService.addFinding(
            id, finding, assigner: try CurrentUser(office), actor: actor, now: now, utcOffset: utcOffset, on: db)

        var planned = InspectionService.InspectionInput()
        planned.subjectUnit = ward.code
        planned.field = "CT"
        planned.date = "2026-09-15"
        planned.team = [try office.requireID()]
        planned.scope =
            "Kiểm tra việc chứng thực bản sao từ bản chính, chứng thực chữ ký và việc niêm yết, công khai thủ tục (cuộc kiểm tra minh họa)."
        _ = try await InspectionService.createInspection(planned, unit: ward, actor: actor, now: now, on: db)
    }
}
