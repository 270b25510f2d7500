import Fluent
import Foundation
import PhuongSoCore

/// Two initiatives of the demo ward, written through the same service as the pages (so audited),
/// each step on its own day: one recognized, replicated and followed by a task; one the council is
/// still scoring. They are illustrative and say so: no published initiative of Phường Thành Sen
/// exists, and the scores follow the illustrative grid of `InitiativeScheme.standard`.
package enum DemoInitiatives {
    static let note = "Dữ liệu minh họa của bản trình diễn: sáng kiến, điểm và số quyết định là giả định."

    /// Loads them unless the ward already has an initiative; returns whether it did.
    @discardableResult
    package static func load(ward: UnitRecord, on db: Database, now: Date, utcOffset: Int = 7 * 3600) async throws
        -> Bool
    {
        guard try await InitiativeRecord.query(on: db).filter(\.$unit.$id == ward.requireID()).count() == 0 else {
            return false
        }
        let clerk = try await AccountQueries.find(username: "motcua", on: db)
        let office = try CurrentUser(try await AccountQueries.find(username: "vanphong", on: db))
        let chairman = try CurrentUser(try await AccountQueries.find(username: "chutich", on: db))
        let justice = try await AccountQueries.find(username: "tuphap", on: db)
        let actor = AuditActor.system("demo", at: now)
        func daysAgo(_ n: Int) -> Date { now.addingTimeInterval(-Double(n) * 86_400) }
        func day(_ n: Int) -> String { InitiativeService.today(daysAgo(n), utcOffset).description }
        func author(_ u: UserRecord, _ title: String, _ degree: String, _ share: String) -> InitiativeInput.Author {
            InitiativeInput.Author(
                name: u.displayName, workplace: ward.name, title: title, degree: degree, share: share, account: u.id)
        }

        // 1. Recognized: the QR code on the receipt that opens the dossier's status at the counter.
        var qr = InitiativeInput.Application()
        qr.title = "Tra cứu tình trạng hồ sơ bằng mã QR trên phiếu tiếp nhận tại Bộ phận Một cửa"
        qr.field = "Cải cách thủ tục hành chính; chuyển đổi số"
        qr.firstApplied = day(150)
        qr.currentState =
            "Người dân phải gọi điện hoặc quay lại Bộ phận Một cửa để hỏi hồ sơ đã giải quyết đến đâu. " + note
        qr.solution =
            """
            In mã QR trên phiếu tiếp nhận; người dân quét mã bằng điện thoại để xem ngay bước xử lý, hạn trả kết quả \
            và khoản phí còn phải nộp, không cần đăng nhập.
            """
        qr.conditions = "Máy in phiếu tiếp nhận in được mã QR; đường truyền Internet tại Bộ phận Một cửa."
        qr.authorBenefits = "Giảm khoảng một nửa số cuộc gọi hỏi tình trạng hồ sơ; người dân chủ động theo dõi hồ sơ."
        qr.trialBenefits =
            "Bộ phận Một cửa áp dụng thử 30 ngày: 212 lượt tra cứu bằng mã QR, không có phản ánh về việc không tìm thấy hồ sơ."
        qr.firstAppliers = "Công chức Bộ phận Một cửa phường Thành Sen."
        qr.authors = [
            author(clerk, "Công chức Bộ phận Một cửa", "Cử nhân Luật", "60"),
            author(
                try await AccountQueries.find(username: "vanphong", on: db), "Chánh Văn phòng HĐND-UBND",
                "Cử nhân Hành chính", "40"),
        ]
        qr.submit = true
        let recognized = try await InitiativeService.create(
            qr, unit: ward, by: try CurrentUser(clerk), actor: actor, now: daysAgo(120),
            utcOffset: utcOffset, on: db)
        let qrID = try recognized.requireID()
        for (member, scores, comment) in [
            (
                "Nguyễn Văn Hùng", ["novelty": 34, "effectiveness": 35, "scope": 16],
                "Có tính mới tại đơn vị, hiệu quả rõ."
            ),
            ("Đặng Văn Đức", ["novelty": 30, "effectiveness": 32, "scope": 15], "Nên nhân rộng sang các xã."),
        ] {
            var a = InitiativeInput.Assessment()
            a.member = member
            a.scores = scores.mapValues(String.init)
            a.comment = comment
            a.date = day(105)
            _ = try await InitiativeService.assess(
                qrID, a, by: office, actor: actor, now: daysAgo(105), utcOffset: utcOffset, on: db)
        }
        var decision = InitiativeInput.Decision()
        decision.number = "15/QĐ-UBND (minh họa)"
        decision.date = day(100)
        decision.signer = chairman.displayName
        _ = try await InitiativeService.recognize(
            qrID, decision, by: chairman, actor: actor, now: daysAgo(100), utcOffset: utcOffset, on: db)
        var replication = InitiativeInput.Replication()
        replication.place = "UBND xã Thạch Khê"
        replication.date = day(60)
        replication.note = "Áp dụng tại Bộ phận Một cửa của xã. " + note
        _ = try await InitiativeService.replicate(
            qrID, replication, by: office, actor: actor, now: daysAgo(60), utcOffset: utcOffset, on: db)
        var task = TaskService.Draft()
        task.title = "Nhân rộng tra cứu hồ sơ bằng mã QR cho hồ sơ nộp trực tuyến"
        task.product = "Mã QR trên thông báo tiếp nhận hồ sơ trực tuyến; báo cáo kết quả áp dụng"
        task.leadID = clerk.id
        task.start = day(0)
        task.deadlineDays = 30
        _ = try await InitiativeService.spawnTask(
            qrID, task, by: chairman, actor: actor, now: now, utcOffset: utcOffset, on: db)

        // 2. Under assessment: one member has scored it.
        var guide = InitiativeInput.Application()
        guide.title = "Sổ tay điện tử hướng dẫn thành phần hồ sơ hộ tịch"
        guide.field = "Hộ tịch"
        guide.firstApplied = day(40)
        guide.currentState = "Nhiều hồ sơ hộ tịch phải bổ sung vì người dân không rõ giấy tờ cần mang theo. " + note
        guide.solution =
            "Một trang hướng dẫn cho từng thủ tục hộ tịch, có ảnh mẫu giấy tờ, gắn mã QR tại quầy và trên trang thông tin của phường."
        guide.conditions = "Cập nhật khi thủ tục thay đổi."
        guide.authorBenefits = "Dự kiến giảm số hồ sơ hộ tịch phải bổ sung."
        guide.authors = [author(justice, "Công chức Tư pháp - Hộ tịch", "Cử nhân Luật", "100")]
        guide.submit = true
        let pending = try await InitiativeService.create(
            guide, unit: ward, by: try CurrentUser(justice), actor: actor, now: daysAgo(20),
            utcOffset: utcOffset, on: db)
        var a = InitiativeInput.Assessment()
        a.member = "Nguyễn Văn Hùng"
        a.scores = ["novelty": "28", "effectiveness": "30", "scope": "12"]
        a.comment = "Chờ số liệu sau 3 tháng áp dụng."
        a.date = day(5)
        _ = try await InitiativeService.assess(
            try pending.requireID(), a, by: office, actor: actor, now: daysAgo(5), utcOffset: utcOffset, on: db)
        return true
    }
}
