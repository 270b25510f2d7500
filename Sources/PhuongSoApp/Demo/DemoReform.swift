import Fluent
import Foundation
import PhuongSoCore

/// The demo ward's reform work, so the chairman's view is not empty: the 2026 CCHC plan with its
/// targets, tasks in every state (one overdue), an inspection, initiatives and communication.
/// Dates are set relative to the ward's clock at load time; every record says it is illustrative.
package enum DemoReform {
    /// Loads once (when the ward has no task yet); returns whether it loaded.
    @discardableResult
    package static func loadIfEmpty(now: Date, utcOffset: Int, on db: Database) async throws -> Bool {
        let ward = try await UnitQueries.find(code: "000.00.31.H42", on: db)
        guard try await TaskRecord.query(on: db).filter(\.$unit.$id == ward.requireID()).count() == 0 else {
            return false
        }
        let plan = try await DemoPlans.load(ward: ward, on: db, now: now, utcOffset: utcOffset)
        try await tasks(ward: ward, now: now, utcOffset: utcOffset, planID: try plan.requireID(), on: db)
        try await DemoInspections.load(ward: ward, on: db, now: now)
        try await DemoCommunication.load(ward: ward, on: db, now: now)
        _ = try await DemoInitiatives.load(ward: ward, on: db, now: now, utcOffset: utcOffset)
        try await DemoDialogue.load(ward: ward, on: db, now: now, utcOffset: utcOffset)
        try await DemoFeedback.load(ward: ward, on: db, now: now, utcOffset: utcOffset)
        if let provinceID = ward.$parent.id, let province = try await UnitRecord.find(provinceID, on: db) {
            try await DemoPar.load(province: province, ward: ward, now: now, on: db)
            try await DemoEvaluation.loadSchemes(province: province, ward: ward, now: now, on: db)
        }
        return true
    }

    static func person(_ username: String, on db: Database) async throws -> CurrentUser {
        try CurrentUser(try await AccountQueries.find(username: username, on: db))
    }

    /// Tasks in every state: accepted early and late, overdue, in progress, submitted, waiting for
    /// an extension, not started, cancelled.
    static func tasks(ward: UnitRecord, now: Date, utcOffset: Int, planID: UUID? = nil, on db: Database) async throws {
        let chair = try await person("chutich", on: db)
        let today = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: utcOffset).date
        func at(_ daysAgo: Int, hour: Int = 9) -> Date {
            Date(
                timeIntervalSince1970: TimeInterval(
                    LocalDateTime(date: today.adding(days: -daysAgo), secondOfDay: hour * 3600, utcOffset: utcOffset)
                        .instant.seconds))
        }
        struct Spec {
            let title, product, lead: String
            let area: String?
            let startDaysAgo, workingDays: Int
            let steps: [(daysAgo: Int, who: String, command: TaskCommand)]
        }
        let note = " (dữ liệu minh họa)"
        let specs: [Spec] = [
            Spec(
                title: "Rà soát, công khai danh mục thủ tục hành chính của phường" + note,
                product: "Danh mục TTHC niêm yết tại Bộ phận Một cửa",
                lead: "vanphong", area: "procedures", startDaysAgo: 60, workingDays: 20,
                steps: [
                    (45, "vanphong", .reportProgress(percent: 60, note: "Đã rà soát 26 thủ tục")),
                    (40, "vanphong", .submit(note: "Đã niêm yết")),
                    (38, "chutich", .accept(.meets, note: "Đạt")),
                ]),
            Spec(
                title: "Số hóa sổ đăng ký khai sinh năm 2015" + note, product: "Dữ liệu hộ tịch số hóa", lead: "tuphap",
                area: "digital-government",
                startDaysAgo: 60, workingDays: 10,
                steps: [
                    (50, "tuphap", .reportProgress(percent: 50, note: "Đã quét 600 trang")),
                    (35, "tuphap", .submit(note: "Hoàn thành")),
                    (34, "chutich", .accept(.fails, note: "Còn thiếu 40 trang, cần bổ sung trong đợt sau")),
                ]),
            Spec(
                title: "Cập nhật quy trình nội bộ lĩnh vực đất đai" + note,
                product: "Dự thảo quy trình nội bộ trình Chủ tịch", lead: "diachinh", area: "procedures",
                startDaysAgo: 40, workingDays: 10,
                steps: [
                    (30, "diachinh", .reportProgress(percent: 40, note: "Đang chờ ý kiến Sở Nông nghiệp và Môi trường"))
                ]),
            Spec(
                title: "Tuyên truyền dịch vụ công trực tuyến tại các tổ dân phố" + note,
                product: "Báo cáo kết quả tuyên truyền", lead: "vanhoa", area: "direction",
                startDaysAgo: 12, workingDays: 25,
                steps: [(5, "vanhoa", .reportProgress(percent: 30, note: "Đã tổ chức tại 4/12 tổ dân phố"))]),
            Spec(
                title: "Báo cáo tình hình giải quyết hồ sơ quý" + note, product: "Báo cáo", lead: "motcua",
                area: "procedures", startDaysAgo: 15, workingDays: 15,
                steps: [(2, "motcua", .submit(note: "Đã gửi báo cáo"))]),
            Spec(
                title: "Lập danh sách hồ sơ cần số hóa lĩnh vực chứng thực" + note, product: "Danh sách",
                lead: "tuphap", area: "digital-government",
                startDaysAgo: 20, workingDays: 18,
                steps: [
                    (4, "tuphap", .reportProgress(percent: 50, note: "")),
                    (
                        3, "tuphap",
                        .requestExtension(
                            to: try TaskDeadline.resolve(
                                .workingDays(10), start: today,
                                calendar: try await UnitCalendars.calendar(for: ward, utcOffset: utcOffset, on: db)),
                            reason: "Chờ bàn giao sổ từ lưu trữ")
                    ),
                ]),
            Spec(
                title: "Kiểm tra việc niêm yết thủ tục tại trụ sở" + note, product: "Biên bản kiểm tra",
                lead: "diachinh", area: "procedures", startDaysAgo: 1, workingDays: 15,
                steps: []),
            Spec(
                title: "Xây dựng trang thông tin của phường" + note, product: "Trang thông tin", lead: "vanhoa",
                area: "digital-government", startDaysAgo: 30, workingDays: 20,
                steps: [(10, "chutich", .cancel(reason: "Tỉnh triển khai cổng thông tin dùng chung"))]),
        ]
        for s in specs {
            var d = TaskService.Draft()
            d.title = s.title
            d.product = s.product
            d.sourceKind = planID == nil ? .direction : .planSection
            d.sourceRef = planID == nil ? "Thông báo kết luận số 01/TB-UBND (minh họa)" : ""
            d.planID = planID
            d.area = s.area
            d.leadID = try await person(s.lead, on: db).id
            d.start = today.adding(days: -s.startDaysAgo).description
            d.deadlineDays = s.workingDays
            let t = try await TaskService.create(
                d, unit: ward, assigner: chair, actor: .system("demo", at: at(s.startDaysAgo, hour: 8)),
                now: at(s.startDaysAgo, hour: 8),
                utcOffset: utcOffset, on: db)
            for step in s.steps {
                _ = try await TaskService.apply(
                    step.command, to: try t.requireID(), revision: nil, by: try await person(step.who, on: db),
                    actor: .system("demo", at: at(step.daysAgo)),
                    now: at(step.daysAgo), utcOffset: utcOffset, on: db)
            }
        }
    }
}
