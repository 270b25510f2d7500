import Fluent
import Foundation
import PhuongSoCore

/// The demo ward's 2026 CCHC plan, written through the same services as the pages (so audited):
/// the eight sections with one line each, targets bound to live figures and one entered by hand.
/// No published plan of Phường Thành Sen exists: its number, date and the province plan it
/// implements are illustrative and say so.
package enum DemoPlans {
    package static func load(ward: UnitRecord, on db: Database, now: Date, utcOffset: Int = 7 * 3600) async throws
        -> PlanRecord
    {
        let office = try CurrentUser(try await AccountQueries.find(username: "vanphong", on: db))
        let chairman = try await AccountQueries.find(username: "chutich", on: db)
        let actor = AuditActor.system("demo", at: now)
        var input = PlanService.PlanInput()
        input.year = "2026"
        input.title = "Kế hoạch cải cách hành chính năm 2026"
        input.provinceNumber = "…/KH-UBND (minh họa)"
        input.provinceDate = "2025-12-20"
        input.provinceTitle = "Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2026 (minh họa: số và ngày là giả định)"
        input.note =
            """
            Dữ liệu minh họa: số, ngày ban hành và kế hoạch của tỉnh là giả định; chưa có kế hoạch CCHC năm 2026 \
            được công bố của Phường Thành Sen.
            """
        let plan = try await PlanService.create(
            input, unit: ward, by: office, actor: actor, now: now, utcOffset: utcOffset, on: db)
        let planID = try plan.requireID()
        let lines: [String: String] = [
            "direction":
                "Ban hành và tổ chức thực hiện kế hoạch CCHC; kiểm tra CCHC ít nhất một lần; tuyên truyền CCHC hằng quý.",
            "institutions":
                "Rà soát văn bản quy phạm pháp luật do HĐND, UBND phường ban hành; công khai kết quả rà soát.",
            "procedures":
                "Công khai đầy đủ TTHC tại Bộ phận Một cửa; giải quyết hồ sơ trước và đúng hạn; xin lỗi khi trễ hạn.",
            "organisation":
                "Sắp xếp công chức theo vị trí việc làm sau hợp nhất; rà soát chức năng, nhiệm vụ các bộ phận.",
            "civil-service": "Đánh giá cán bộ, công chức theo kết quả nhiệm vụ; bồi dưỡng kỹ năng số cho công chức.",
            "public-finance":
                "Thực hiện cơ chế tự chủ kinh phí hành chính; đẩy mạnh thu phí, lệ phí không dùng tiền mặt.",
            "digital-government":
                "Tiếp nhận hồ sơ trực tuyến, số hóa hồ sơ và trả kết quả điện tử; dùng dữ liệu dân cư.",
            "impact":
                "Theo dõi mức độ hài lòng của người dân và tác động của CCHC đến phát triển kinh tế - xã hội của phường.",
        ]
        let sections = try await PlanSectionRecord.query(on: db).filter(\.$plan.$id == planID).all()
        for s in sections {
            var edit = PlanContentService.SectionInput()
            edit.content = lines[s.areaCode]
            _ = try await PlanContentService.editSection(s, edit, plan: plan, actor: actor, now: now, on: db)
        }
        func section(_ code: String) -> String { sections.first { $0.areaCode == code }!.id!.uuidString }
        let targets: [(String, String, String, String, FigureKey?)] = [
            ("procedures", "Tỷ lệ hồ sơ TTHC giải quyết trước và đúng hạn", "98", "%", .dossiersOnTime),
            ("digital-government", "Tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến", "80", "%", .dossiersOnline),
            ("direction", "Tỷ lệ nhiệm vụ CCHC hoàn thành đúng tiến độ", "100", "%", .tasksOnSchedule),
            ("direction", "Số cuộc tuyên truyền về CCHC", "4", "cuộc", nil),
        ]
        var manual: PlanTargetRecord?
        for (code, measure, goal, unit, key) in targets {
            var t = PlanContentService.TargetInput()
            t.section = section(code)
            t.measure = measure
            t.goal = goal
            t.unitOfMeasure = unit
            t.direction = TargetDirection.atLeast.rawValue
            t.due = "2026-12-31"
            t.binding = key?.rawValue ?? PlanTargetRecord.manual
            let record = try await PlanContentService.addTarget(t, to: plan, actor: actor, now: now, on: db)
            if key == nil { manual = record }
        }
        var issue = PlanService.IssueInput()
        issue.number = "05/KH-UBND (minh họa)"
        issue.issuedOn = "2026-01-05"
        issue.signerName = chairman.displayName
        issue.signerTitle = "Chủ tịch UBND phường"
        let fresh = try await PlanQueries.find(planID, on: db)
        let issued = try await PlanService.issue(fresh, issue, actor: actor, now: now, on: db)
        // One communication event held, once the year has begun on the ward's clock.
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        if today.year >= 2026, let manual {
            let asOf = min(today, try LocalDate(year: 2026, month: 3, day: 16))
            var e = PlanContentService.EntryInput()
            e.value = "1"
            e.asOf = asOf.description
            e.docNumber = "01/BC-UBND (minh họa)"
            e.docDate = asOf.description
            e.note = "Hội nghị tuyên truyền dịch vụ công trực tuyến tại các tổ dân phố (minh họa)."
            _ = try await PlanContentService.addEntry(
                e, file: nil, to: manual, by: office, actor: actor, files: nil,
                now: now, utcOffset: utcOffset, on: db)
        }
        return issued
    }
}
