import Foundation
import PhuongSoCore
import Plot

enum ResultsViews {
    /// The results part of the staff dossier page: results issued, and the form to issue one.
    static func section(_ ctx: PageContext, dossier d: DossierRecord, results: [ResultRecord], user: CurrentUser)
        -> Node<HTML.BodyContext>
    {
        let canIssue =
            AccessPolicy.allows(user.role, .issueResults)
            && [.received, .inProcess, .done, .returned].contains(d.state)
        guard canIssue || !results.isEmpty else { return .empty }
        return .group(
            .h2(.text(ctx.t("Kết quả điện tử", "Electronic results"))),
            .if(
                !results.isEmpty,
                .ul(
                    .forEach(results) { r in
                        .li(
                            .a(.href(ctx.link(ResultPaths.result(r.code))), .text(r.code)),
                            .text(" — " + r.title + " ("),
                            .a(
                                .href(ctx.link(ResultPaths.file(r.code))),
                                .text(ctx.t("tải tệp về", "download the file"))),
                            .text(")"))
                    })),
            .if(
                canIssue,
                .element(
                    named: "form",
                    nodes: [
                        .attribute(named: "action", value: ctx.link(DossierPaths.result(d.id!))),
                        .attribute(named: "method", value: "post"),
                        .attribute(named: "enctype", value: "multipart/form-data"), Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "title", label: ctx.t("Tên giấy tờ kết quả", "Result document"),
                            value: d.procedure.name, required: true),
                        .div(
                            .class("field"),
                            .label(
                                .for("f-result-file"),
                                .text(ctx.t("Tệp kết quả (PDF, JPEG, PNG)", "Result file (PDF, JPEG, PNG)"))),
                            .input(
                                .id("f-result-file"), .name("file"), .type(.file),
                                .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png"))),
                        Components.submit(
                            ctx.t("Ký số và phát hành kết quả điện tử", "Sign and issue the electronic result"),
                            secondary: true),
                    ]))
        )
    }

    static func verify(
        _ ctx: PageContext, code: String, verdict: ResultService.Verdict?, byFile: Bool, utcOffset: Int,
        error: String? = nil
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Xác thực kết quả giải quyết thủ tục hành chính", "Verify an administrative result"),
            .p(
                .text(
                    ctx.t(
                        """
                        Nhập mã kết quả in trên giấy, hoặc tải lên tệp kết quả để kiểm tra tệp có đúng là tệp do cơ \
                        quan phát hành và chưa bị sửa đổi.
                        """,
                        "Enter the result code printed on the paper, or upload the result file to check it is the one issued, unchanged."
                    ))),
            Components.alert(error),
            .unwrap(verdict) { v in verdictNode(ctx, v, byFile: byFile, utcOffset: utcOffset) },
            Components.form(
                action: ctx.link(ResultPaths.verify), method: "get",
                Components.textField(ctx, name: "code", label: ctx.t("Mã kết quả", "Result code"), value: code),
                Components.submit(ctx.t("Tra theo mã", "Check the code"))),
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(ResultPaths.verify)),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"), Components.csrf(ctx),
                    Components.textField(
                        ctx, name: "code", label: ctx.t("Mã kết quả (không bắt buộc)", "Result code (optional)"),
                        value: code, id: "f-file-code"),
                    .div(
                        .class("field"), .label(.for("f-verify-file"), .text(ctx.t("Tệp kết quả", "Result file"))),
                        .input(.id("f-verify-file"), .name("file"), .type(.file))),
                    Components.submit(ctx.t("Kiểm tra tệp", "Check the file"), secondary: true),
                ])
        )
    }

    static func verdictNode(_ ctx: PageContext, _ v: ResultService.Verdict, byFile: Bool, utcOffset: Int) -> Node<
        HTML.BodyContext
    > {
        let details: Node<HTML.BodyContext> = .dl(
            .dt(.text(ctx.t("Mã kết quả", "Result code"))), .dd(.text(v.code ?? "")),
            .dt(.text(ctx.t(.document))), .dd(.text(v.title ?? "")),
            .dt(.text(ctx.t("Cơ quan phát hành", "Issued by"))),
            .dd(.text((v.issuer ?? "") + " (" + (v.issuerCode ?? "") + ")")),
            .dt(.text(ctx.t("Thời điểm ký", "Signed at"))),
            .dd(
                .text(
                    CounterViews.when(v.signedAt, utcOffset, between: ctx.t(" ngày ", " on ")))),
            .dt(.text(ctx.t("Mã băm SHA-256 của tệp", "SHA-256 of the file"))), .dd(.code(.text(v.sha256 ?? ""))),
            .dt(.text(ctx.t("Khóa ký (chứng thư)", "Signing key (certificate)"))),
            .dd(.text((v.keyID ?? "") + " — " + (v.certificateSubject ?? ""))))
        switch v.status {
        case .valid:
            return .div(
                .id("verdict"), .class("verdict-valid"),
                .p(
                    .class("notice"), .attribute(named: "role", value: "status"),
                    .strong(
                        .text(
                            byFile
                                ? ctx.t(
                                    "HỢP LỆ: tệp đúng là kết quả đã phát hành, chữ ký số hợp lệ, nội dung không bị sửa đổi.",
                                    "VALID: this file is the result issued; the signature is valid and the content unchanged."
                                )
                                : ctx.t(
                                    "HỢP LỆ: kết quả có thật, chữ ký số của cơ quan phát hành hợp lệ.",
                                    "VALID: the result exists and its issuer's signature is valid.")))),
                details)
        case .altered:
            return .div(
                .id("verdict"), .class("verdict-altered"),
                .p(
                    .class("alert"), .attribute(named: "role", value: "alert"),
                    .strong(
                        .text(
                            ctx.t(
                                """
                                KHÔNG HỢP LỆ: tệp này KHÔNG trùng với kết quả đã phát hành theo mã trên (nội dung đã \
                                bị thay đổi hoặc là tệp khác).
                                """,
                                "NOT VALID: this file does NOT match the result issued under this code (changed, or another file)."
                            )))),
                details)
        case .unknown:
            return .div(
                .id("verdict"), .class("verdict-unknown"),
                .p(
                    .class("alert"), .attribute(named: "role", value: "alert"),
                    .strong(
                        .text(
                            ctx.t(
                                "KHÔNG TÌM THẤY: không có kết quả nào được phát hành với mã hoặc nội dung này.",
                                "NOT FOUND: no result was issued with this code or content.")))))
        }
    }

    /// The printable sheet of an electronic result (A4), with a QR code to the verify page.
    static func sheet(
        _ r: ResultRecord, parent: UnitRecord?, signer: String, publicURL: String, utcOffset: Int,
        links: PaymentsViews.PrintLinks
    ) throws -> HTML {
        let link = publicURL + ResultPaths.verify(code: r.code)
        let qr = try? QRCode(text: link)
        let d = r.dossier
        func line(_ label: String, _ value: String) -> Node<HTML.BodyContext> {
            .p(.text(label + ": "), .strong(.text(value)))
        }
        return HTML(
            .attribute(named: "lang", value: "vi"),
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "Kết quả điện tử " + r.code),
                .style(DossierForms.styles + ".sig{word-break:break-all;font-family:monospace;font-size:9pt}")),
            .body(
                PaymentsViews.printBar(links, print: "In phiếu"),
                .main(
                    .div(
                        .class("header"),
                        .div(
                            .p(.text((parent?.name ?? "").uppercased())), .p(.strong(.text(r.unit.name.uppercased()))),
                            .p(.class("rule"), .text(" "))),
                        .div(
                            .p(.strong(.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))),
                            .p(.strong(.u(.text("Độc lập - Tự do - Hạnh phúc")))))),
                    .h1(.text("PHIẾU THÔNG TIN KẾT QUẢ ĐIỆN TỬ")),
                    line("Mã kết quả", r.code),
                    line("Giấy tờ kết quả", r.title),
                    line("Hồ sơ", d.code ?? ""),
                    line("Người được cấp", (try? d.applicant.name) ?? ""),
                    line("Cơ quan phát hành", r.unit.name + " (" + r.unit.code + ")"),
                    line(
                        "Ký số lúc",
                        CounterViews.when(r.signedAt, utcOffset, between: " ngày ")),
                    line("Người phát hành", signer),
                    line("Mã băm SHA-256 của tệp", r.sha256),
                    line("Khóa ký", r.keyID + " (ECDSA P-256)"),
                    .p(.text("Chữ ký số: "), .span(.class("sig"), .text(r.signature))),
                    .div(
                        .class("track"),
                        // Safe: the SVG is drawn by QRCode from module positions only, no user text.
                        .unwrap(qr) { .div(.class("qr"), .raw($0.svg(moduleSize: 3))) },
                        .div(
                            .p(
                                .text(
                                    "Quét mã hoặc truy cập " + publicURL + ResultPaths.verify
                                        + " và nhập mã kết quả để xác thực;")),
                            .p(.text("tải tệp kết quả lên cùng trang để kiểm tra tệp không bị sửa đổi."))))
                ))
        )
    }

    static func keys(_ ctx: PageContext, keys: [SigningKeyRecord], units: [UnitRecord], utcOffset: Int) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Khóa ký số kết quả của đơn vị", "Units' result-signing keys"),
            .p(
                .text(
                    ctx.t(
                        """
                        Mỗi đơn vị có một khóa ECDSA P-256 tạo trên máy chủ (khóa bí mật không rời máy chủ). Đổi \
                        khóa: khóa cũ ngừng ký nhưng các kết quả đã ký vẫn xác thực được.
                        """,
                        """
                        Each unit has an ECDSA P-256 key created on the server (the private key never leaves it). \
                        Rotating retires the key; results it signed still verify.
                        """
                    ))),
            Components.table(
                caption: ctx.t("Khóa ký số", "Signing keys"),
                headers: [
                    ctx.t(.unit), ctx.t("Mã khóa", "Key ID"), ctx.t("Tạo lúc", "Created at"),
                    ctx.t(.status),
                ],
                rows: keys.map { k in
                    [
                        .text(k.unit.name), .code(.text(k.keyID)),
                        .text(CounterViews.when(k.createdAtSeconds, utcOffset)),
                        .text(
                            k.retiredAt == nil
                                ? ctx.t("Đang dùng", "In use")
                                : ctx.t("Đã thay ", "Replaced ") + CounterViews.when(k.retiredAt, utcOffset)),
                    ]
                }),
            .h2(.text(ctx.t("Đổi khóa", "Rotate"))),
            .ul(
                .forEach(units) { u in
                    .li(
                        Components.form(
                            action: ctx.link(ResultPaths.rotate(unit: u.code)), cls: "inline", Components.csrf(ctx),
                            Components.submit(ctx.t("Tạo khóa mới cho ", "New key for ") + u.name, secondary: true)))
                })
        )
    }
}
