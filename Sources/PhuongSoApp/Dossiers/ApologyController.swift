import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// BM.04: the leader's apology and new appointment, once per dossier, at the latest one working
/// day before the appointment; the applicant sees it on tracking and the counter on the dossier.
enum ApologyController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(DossierPaths.routeDossier + ["apology"], use: letter).requires(.viewDossiers)
        routes.get(TrackingPaths.apology.pathComponents, use: citizensLetter)
    }

    /// The same letter for the applicant, by the code and secret on their receipt.
    @Sendable static func citizensLetter(req: Request) async throws -> Response {
        let q = try req.query.decode(TrackingController.Query.self)
        guard
            let found = try await TrackingController.lookup(
                code: q.code ?? "", secret: q.secret ?? "", address: req.auditActor.address, now: req.now, on: req.db),
            let d = try await DossierRecord.query(on: req.db).filter(\.$id == found.requireID()).with(\.$unit).with(
                \.$procedure
            ).first()
        else { throw AppError.notFound }
        return try render(
            req, d, back: PageContext.of(req).link(TrackingPaths.track(code: q.code ?? "", secret: q.secret ?? "")),
            backText: "← Quay lại tra cứu hồ sơ")
    }

    /// The printable letter (BM.04).
    @Sendable static func letter(req: Request) async throws -> Response {
        let d = try await CounterController.dossier(req)
        return try render(
            req, d, back: PageContext.of(req).link(DossierPaths.dossier(try d.requireID())),
            backText: "← Quay lại hồ sơ")
    }

    static func render(_ req: Request, _ d: DossierRecord, back: String, backText: String) throws -> Response {
        guard let given = d.apologyAt, let reason = d.apologyReason else { throw AppError.notFound }
        let a = try d.applicant
        let newDue = d.dueAt.map { TrackingController.readable($0, .vi, req.config.utcOffset) } ?? ""
        let day = LocalDateTime(Instant(seconds: given), utcOffset: req.config.utcOffset).date
        let received =
            d.receivedAt.map { LocalDateTime(Instant(seconds: $0), utcOffset: req.config.utcOffset).date.vietnamese }
            ?? "…"
        let html = HTML(
            .attribute(named: "lang", value: "vi"),
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "Mẫu 04 — " + (d.code ?? "")),
                .style(DossierForms.styles + Self.printBar)),
            .body(
                .nav(
                    .class("printbar"),
                    .a(.href(back), .text(backText)),
                    .span(
                        .text(
                            " · Để in phiếu: chọn In trong trình duyệt (Ctrl+P; trên điện thoại: menu ⋮ → Chia sẻ → In)."
                        ))),
                .main(
                    .p(.class("form"), .text("Mẫu 04")),
                    .div(
                        .class("header"),
                        .div(
                            .p(.text("ỦY BAN NHÂN DÂN")), .p(.strong(.text(d.unit.name.uppercased()))),
                            .p(.class("rule"), .text(" ")), .p(.text("Số: …/UBND"))),
                        .div(
                            .p(.strong(.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))),
                            .p(.strong(.u(.text("Độc lập - Tự do - Hạnh phúc")))),
                            .p(
                                .em(
                                    .text(
                                        """
                                        \(d.unit.name), ngày \(DossierForms.pad(day.day)) tháng \
                                        \(DossierForms.pad(day.month)) năm \(day.year)
                                        """
                                    ))))),
                    .h1(.text("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")),
                    .p(.text("Kính gửi: " + a.name)),
                    .p(
                        .text(
                            "Ngày " + received + ", " + d.unit.name
                                + " tiếp nhận hồ sơ " + (d.code ?? "") + " đề nghị giải quyết thủ tục "
                                + d.procedure.name + ".")),
                    .p(.text("Hồ sơ của ông/bà chưa giải quyết được đúng hạn. Lý do: " + reason)),
                    .p(
                        .text("Chúng tôi thành thật xin lỗi ông/bà và xin hẹn lại thời gian trả kết quả là "),
                        .strong(.text(newDue)), .text(".")),
                    .p(.text("Mong ông/bà thông cảm vì sự chậm trễ này.")),
                    .div(
                        .class("sign"), .div(),
                        .div(.p(.strong(.text("TM. ỦY BAN NHÂN DÂN"))), .p(.em(.text("(Ký, ghi rõ họ tên, đóng dấu)"))))
                    )
                ))
        )
        return html.response()
    }

    /// The bar above a printable document: a way back and how to print; hidden on paper.
    static let printBar = """
        .printbar{font-family:sans-serif;font-size:12pt;padding:8px;background:#eef;border-bottom:1px solid #99c}
        .printbar a{font-weight:bold}
        @media print{.printbar{display:none}}
        """
}
