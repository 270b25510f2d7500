import Fluent
import Foundation
import PhuongSoCore

/// Illustrative demo records for the communication log: three activities of the ward in 2026,
/// one of them a thematic CCHC conference. Built through the same service as the page.
package enum DemoCommunication {
    package static func load(ward: UnitRecord, on db: Database, now: Date) async throws {
        let actor = AuditActor.system("demo", at: now)
        guard let office = try await UserRecord.query(on: db).filter(\.$username == "vanphong").first() else { return }
        let user = try CurrentUser(office)
        let realToday = LocalDateTime(Instant(seconds: Int64(now.timeIntervalSince1970)), utcOffset: 7 * 3600).date
        let entries:
            [(
                date: String, form: CommunicationForm, title: String, audience: String, participants: String,
                content: String,
                number: String, numberDate: String, link: String, label: String
            )] = [
                (
                    "2026-01-20", .loudspeaker,
                    "Tuyên truyền về cải cách hành chính và dịch vụ công trực tuyến trên hệ thống truyền thanh phường (minh họa)",
                    "Nhân dân trên địa bàn phường", "",
                    "Phát 3 buổi/tuần trong tháng 01/2026 về nộp hồ sơ, thanh toán phí trực tuyến. (Hoạt động minh họa của dữ liệu mẫu.)",
                    "03/KH-UBND", "2026-01-08", "", ""
                ),
                (
                    "2026-03-25", .thematicConference,
                    "Hội nghị chuyên đề cải cách hành chính quý I/2026 (hoạt động minh họa)",
                    "Cán bộ, công chức phường; bí thư chi bộ, tổ trưởng tổ dân phố", "65",
                    """
                    Quán triệt nhiệm vụ CCHC năm 2026; thông báo kết luận kiểm tra lĩnh vực hộ tịch; giải đáp vướng \
                    mắc. (Hoạt động minh họa của dữ liệu mẫu.)
                    """,
                    "21/GM-UBND", "2026-03-18", InspectionPaths.list(year: 2026), "Kết quả kiểm tra CCHC năm 2026"
                ),
                (
                    "2026-05-12", .website,
                    "Đăng tin hướng dẫn nộp hồ sơ trực tuyến trên trang thông tin điện tử phường (minh họa)",
                    "Người dân, doanh nghiệp", "",
                    "Bài viết hướng dẫn tra cứu thủ tục và theo dõi hồ sơ. (Hoạt động minh họa của dữ liệu mẫu.)",
                    "", "", CatalogPaths.list, "Danh mục thủ tục hành chính"
                ),
            ]
        for e in entries {
            var input = CommunicationService.Input()
            input.date = e.date
            input.form = e.form.rawValue
            input.title = e.title
            input.audience = e.audience
            input.participants = e.participants
            input.content = e.content
            input.documentNumber = e.number
            input.documentDate = e.numberDate
            input.link = e.link
            input.linkLabel = e.label
            // Demo records are dated 2026 whatever the clock says: "today" is at least their date.
            let today = max(realToday, try LocalDate(parsing: e.date))
            _ = try await CommunicationService.create(
                input, file: nil, unit: ward, by: user, today: today, actor: actor, now: now, on: db)
        }
    }
}
