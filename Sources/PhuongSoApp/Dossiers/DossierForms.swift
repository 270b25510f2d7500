import Foundation
import PhuongSoCore
import Plot

/// The printable A4 slips of intake (DOMAIN §4): BM.01 receipt and appointment, BM.02 supplement
/// request, BM.03 refusal, under the shared official header, filled from the dossier's records.
enum DossierForms {
    static func slip(_ d: DossierRecord, parent: UnitRecord?, receiver: String, utcOffset: Int, publicURL: String)
        throws -> HTML
    {
        let trackingURL = publicURL + TrackingPaths.track
        let trackingLink = publicURL + TrackingPaths.track(code: d.code ?? "", secret: d.secret)
        let qr = try? QRCode(text: trackingLink)
        let a = try d.applicant
        let received = try d.components.filter(\.submitted)
        let p = try d.procedureContent
        let created = LocalDateTime(Instant(seconds: d.createdAtSeconds), utcOffset: utcOffset)
        let place = d.unit.name
        let title: String
        let form: String
        let receipt = [.received, .inProcess, .transferred, .done, .returned].contains(d.state)
        switch d.state {
        case _ where receipt:
            title = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
            form = "Mẫu 01"
        case .refused:
            title = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
            form = "Mẫu 03"
        case .stopped:
            title = "THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ"
            form = "Thông báo"
        default:
            title = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
            form = "Mẫu 02"
        }
        func line(_ label: String, _ value: String) -> Node<HTML.BodyContext> {
            .p(.text(label + ": "), .strong(.text(value)))
        }
        return HTML(
            .attribute(named: "lang", value: "vi"),
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: form + " — " + (d.code ?? "")), .style(styles)),
            .body(
                printBar(
                    slip: DossierPaths.slip(try d.requireID()),
                    back: DossierPaths.dossier(try d.requireID())),
                .main(
                    .p(.class("form"), .text(form)),
                    .div(
                        .class("header"),
                        .div(
                            .p(.text((parent?.name ?? "ĐƠN VỊ CHỦ QUẢN").uppercased())),
                            .p(.strong(.text("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"))),
                            .p(.strong(.text(place.uppercased()))), .p(.class("rule"), .text(" ")),
                            .p(.text("Số: " + (d.code ?? "—")))),
                        .div(
                            .p(.strong(.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))),
                            .p(.strong(.u(.text("Độc lập - Tự do - Hạnh phúc")))),
                            .p(
                                .em(
                                    .text(
                                        "\(place), ngày \(pad(created.date.day)) tháng \(pad(created.date.month)) năm \(created.date.year)"
                                    ))))),
                    .h1(.text(title)),
                    receipt ? line("Mã hồ sơ", d.code ?? "") : .empty,
                    line("Bộ phận tiếp nhận và trả kết quả", place),
                    line(a.kind == .person ? "Tiếp nhận hồ sơ của ông/bà" : "Tiếp nhận hồ sơ của tổ chức", a.name),
                    line(a.kind == .person ? "Số định danh cá nhân" : "Mã số tổ chức", a.idNumber),
                    .if(!a.address.isEmpty, line("Địa chỉ", a.address)),
                    .if(
                        !a.phone.isEmpty || !a.email.isEmpty,
                        line(
                            "Số điện thoại / thư điện tử",
                            [a.phone, a.email].filter { !$0.isEmpty }.joined(separator: " / "))),
                    .if(!a.represented.isEmpty, line("Nộp thay cho (theo ủy quyền)", a.represented)),
                    line("Nội dung yêu cầu giải quyết", p.name),
                    .h2(.text(receipt ? "Thành phần hồ sơ nộp gồm:" : "Hồ sơ đã nộp gồm:")),
                    // Only what was handed in (or taken from the data store): never an item not received.
                    received.isEmpty
                        ? .p(.text("Chưa nhận giấy tờ nào."))
                        : .table(
                            .thead(
                                .tr(
                                    .th(.text("STT")), .th(.text("Tên giấy tờ")), .th(.text("Bản chính / bản sao")),
                                    .th(.text("Số lượng")))),
                            .tbody(
                                .forEach(Array(received.enumerated())) { i, c in
                                    .tr(
                                        .td(.text(String(i + 1))),
                                        .td(.text(c.name + (c.reusedDocument == nil ? "" : " (lấy từ kho dữ liệu)"))),
                                        .td(.text(c.form.isEmpty ? "Văn bản công bố không ghi" : c.form)),
                                        .td(.text(c.count < 10 ? "0\(c.count)" : String(c.count))))
                                })),
                    line("Số lượng hồ sơ", "\(d.sets) bộ"),
                    receipt
                        ? .group(
                            line("Thời hạn giải quyết theo quy định", p.timeLimit?.vietnamese ?? ""),
                            line(
                                "Thời gian nhận hồ sơ",
                                CounterViews.when(d.receivedAt, utcOffset, between: " ngày ")
                            ),
                            line(
                                "Thời gian trả kết quả giải quyết hồ sơ",
                                CounterViews.when(d.dueAt, utcOffset, between: " ngày ")),
                            line("Nhận kết quả tại", "Bộ phận tiếp nhận và trả kết quả, " + place),
                            line(
                                "Vào Sổ theo dõi hồ sơ, số",
                                d.code.flatMap { DossierCode(parsing: $0) }.map { String($0.sequence) } ?? ""),
                            .div(
                                .class("track"),
                                // Safe: the SVG is drawn by QRCode from module positions only (digits and fixed markup), no user text.
                                .unwrap(qr) { .div(.class("qr"), .raw($0.svg(moduleSize: 3))) },
                                .p(
                                    .text(
                                        "Quét mã QR hoặc vào trang " + trackingURL + ", nhập mã hồ sơ " + (d.code ?? "")
                                            + " và mã tra cứu "), .strong(.text(d.secret)),
                                    .text(" để theo dõi hồ sơ.")))
                        )
                        : d.state == .stopped
                            ? .group(
                                .h2(.text("Theo đề nghị của người nộp hồ sơ:")), .p(.text(d.decisionNote)),
                                .p(
                                    .text(
                                        """
                                        Cơ quan giải quyết dừng giải quyết hồ sơ nêu trên kể từ ngày ký thông báo \
                                        này và trả lại hồ sơ cho người nộp.
                                        """
                                    ))
                            )
                            : d.state == .refused
                                ? .group(
                                    .h2(.text("Lý do từ chối:")), .p(.text(d.decisionNote)),
                                    .p(.text("Xin thông báo để ông/bà (tổ chức) được biết và thực hiện."))
                                )
                                : .group(
                                    .h2(.text("Yêu cầu bổ sung, hoàn thiện các nội dung sau (tất cả trong một lần):")),
                                    .ol(
                                        .forEach(d.decisionNote.split(separator: "\n").map(String.init)) {
                                            .li(.text($0))
                                        }),
                                    .p(
                                        .text(
                                            "Lý do: hồ sơ chưa đủ thành phần theo thủ tục đã công bố. Xin lỗi vì sự bất tiện."
                                        ))
                                ),
                    .div(
                        .class("sign"),
                        .div(.p(.strong(.text("NGƯỜI NỘP HỒ SƠ"))), .p(.em(.text("(Ký và ghi rõ họ tên)")))),
                        .div(
                            .p(.strong(.text("NGƯỜI TIẾP NHẬN HỒ SƠ"))), .p(.em(.text("(Ký và ghi rõ họ tên)"))),
                            .p(.class("name"), .text(receiver))))
                ))
        )
    }

    /// The bar above a printable document: open it alone to print, and the way back. Hidden when
    /// printed (`@media print` in `styles`); no script: printing is the browser's own command.
    static func printBar(slip: String, back: String) -> Node<HTML.BodyContext> {
        .nav(
            .class("print-bar"),
            .a(.href(back), .text("← Quay lại hồ sơ")),
            .a(.class("button"), .href(slip), .target(.blank), .text("In phiếu")),
            .span(
                .text(
                    "Mở phiếu ở thẻ riêng rồi dùng lệnh In của trình duyệt (Ctrl+P hoặc ⌘P); thanh này không được in."))
        )
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static let styles = """
        @page{size:A4 portrait;margin:20mm 20mm 20mm 30mm}
        body{font-family:"Times New Roman","Liberation Serif",serif;font-size:13pt;color:#000;margin:0}
        main{max-width:190mm;margin:0 auto;padding:6mm}.form{text-align:right;font-style:italic;margin:0}
        .header{display:flex;justify-content:space-between;text-align:center;gap:8mm}
        .header p{margin:0}.rule{border-top:1px solid #000;width:40%;margin:2px auto!important}
        h1{font-size:14pt;text-align:center;margin:14px 0}
        h2{font-size:13pt;margin:8px 0 4px}p{margin:4px 0}table{border-collapse:collapse;width:100%}
        th,td{border:1px solid #000;padding:2px 4px;font-size:12pt;vertical-align:top}
        .print-bar{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:8px;border-bottom:1px solid #888;
            font-family:sans-serif;font-size:11pt}
        .print-bar .button{border:1px solid #000;padding:4px 12px;text-decoration:none;color:#000;border-radius:4px}
        @media print{.print-bar{display:none}}
        .sign{display:flex;justify-content:space-around;text-align:center;margin-top:14px}.sign .name{margin-top:60px}
        .track{border:1px dashed #000;padding:4px;display:flex;gap:8px;align-items:center}
        .qr svg{width:30mm;height:30mm}
        """
}
