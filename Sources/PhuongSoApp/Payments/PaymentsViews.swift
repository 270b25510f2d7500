import Foundation
import PhuongSoCore
import Plot

enum PaymentsViews {
    static func statusName(_ s: PaymentStatus, _ ctx: PageContext) -> String {
        switch s {
        case .pending: return ctx.t("Chờ xác nhận", "Pending")
        case .paid: return ctx.t("Đã thu", "Paid")
        case .failed: return ctx.t("Không thành công", "Failed")
        case .refunded: return ctx.t("Đã hoàn trả", "Refunded")
        }
    }

    static func channelName(_ c: PaymentChannel, _ ctx: PageContext) -> String {
        ctx.lang == .vi ? c.vietnamese : c.english
    }

    /// The fees part of the staff dossier page.
    static func section(
        _ ctx: PageContext, dossier d: DossierRecord, account: FeeService.Account, user: CurrentUser, vietQR: Bool,
        utcOffset: Int
    ) -> Node<HTML.BodyContext> {
        let dossierID = d.id!
        let canCollect = AccessPolicy.allows(user.role, .collectFees)
        // The same sentence the applicant reads on the tracking and payment pages.
        let summary: FeeSummary
        do { summary = try FeeSummary.of(d, account: account) } catch {
            return .group(
                .h2(.text(ctx.t(.fees))),
                Components.alert(
                    ctx.t("Không đọc được quy định thu phí của thủ tục.", "The procedure's fee rule cannot be read.")))
        }
        let heading: Node<HTML.BodyContext> = .group(
            .h2(.text(ctx.t(.fees))), .p(.id("fee-summary"), .strong(.text(summary.text(ctx.lang)))))
        guard let fee = account.fee, let state = account.state else { return heading }
        let demand = fee.demand
        return .group(
            heading,
            .if(
                summary.status == .toBeSet && canCollect,
                .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            """
                            Quy định không có mức thu cố định: ghi số tiền phải nộp (hoặc miễn) ở mục “Điều chỉnh \
                            hoặc miễn phí, lệ phí” bên dưới.
                            """,
                            "The rule has no fixed amount: set it (or waive it) under “Adjust or waive the fee” below.")
                    ))),
            .dl(
                .dt(.text(ctx.t("Theo quy định của thủ tục", "By the procedure's rule"))),
                .dd(.text(CatalogViews.vnd(demand.ruleAmount) + (fee.feeText.isEmpty ? "" : " — " + fee.feeText))),
                .if(
                    demand.adjustedAmount != nil,
                    .group(
                        .dt(.text(ctx.t("Điều chỉnh", "Adjusted to"))),
                        .dd(.text(CatalogViews.vnd(demand.adjustedAmount ?? 0) + " — " + demand.adjustmentReason)))),
                .if(demand.isExempt, .group(.dt(.text(ctx.t("Miễn", "Exempt"))), .dd(.text(demand.exemptionReason)))),
                .dt(.text(ctx.t("Phải nộp / đã nộp / còn thiếu", "Owed / paid / outstanding"))),
                .dd(
                    .strong(
                        .text(
                            "\(CatalogViews.vnd(demand.amount)) / \(CatalogViews.vnd(state.paid)) / \(CatalogViews.vnd(state.outstanding))"
                        )))
            ),
            account.payments.isEmpty
                ? .empty
                : Components.table(
                    caption: ctx.t("Các lần thanh toán", "Payments"),
                    headers: [
                        ctx.t(.channel), ctx.t(.amount), ctx.t(.status),
                        ctx.t(.receipt), "",
                    ],
                    rows: account.payments.map { p in
                        [
                            .text(channelName(p.channel, ctx)), .text(CatalogViews.vnd(p.amount)),
                            .text(
                                statusName(p.status, ctx) + (p.status == .refunded ? " (" + p.refundReason + ")" : "")),
                            p.receiptNumber.map {
                                .a(.href(ctx.link(PaymentPaths.receipt(p.id!))), .text($0))
                            } ?? .text("—"),
                            p.status == .paid && canCollect
                                ? Components.form(
                                    action: ctx.link(PaymentPaths.refund(p.id!)),
                                    cls: "inline",
                                    Components.csrf(ctx),
                                    Components.textField(
                                        ctx, name: "reason", label: ctx.t("Lý do hoàn trả", "Reason for refund")),
                                    Components.submit(ctx.t("Hoàn trả", "Refund"), secondary: true)) : .empty,
                        ]
                    }),
            .if(
                canCollect && state.outstanding > 0,
                .group(
                    Components.form(
                        action: ctx.link(PaymentPaths.payCash(dossierID)), Components.csrf(ctx),
                        Components.textField(
                            ctx, name: "payer", label: ctx.t("Người nộp tiền", "Paid by"),
                            value: (try? d.applicant.name) ?? ""),
                        Components.submit(
                            ctx.t(
                                "Thu tiền mặt \(CatalogViews.vnd(state.outstanding)) và in biên lai",
                                "Take \(CatalogViews.vnd(state.outstanding)) in cash and print the receipt"))),
                    .if(
                        vietQR,
                        Components.form(
                            action: ctx.link(PaymentPaths.counterVietQR(dossierID)), Components.csrf(ctx),
                            Components.submit(
                                ctx.t("Hiện mã VietQR để chuyển khoản", "Show the VietQR code for a transfer"),
                                secondary: true))))),
            .if(
                canCollect && state.paid == 0,
                .element(
                    named: "details",
                    nodes: [
                        .element(
                            named: "summary",
                            nodes: [.text(ctx.t("Điều chỉnh hoặc miễn phí, lệ phí", "Adjust or waive the fee"))]),
                        Components.form(
                            action: ctx.link(PaymentPaths.fees(dossierID)), Components.csrf(ctx),
                            Components.select(
                                ctx, name: "mode", label: ctx.t("Thao tác", "Action"),
                                options: [
                                    ("adjust", ctx.t("Điều chỉnh số tiền", "Change the amount")),
                                    ("exempt", ctx.t("Miễn (đối tượng được miễn)", "Exempt (the person is exempted)")),
                                ], selected: "adjust"),
                            Components.textField(
                                ctx, name: "amount", label: ctx.t("Số tiền mới (đồng)", "New amount (đồng)"),
                                type: .number),
                            Components.textField(
                                ctx, name: "reason", label: ctx.t("Lý do (bắt buộc)", "Reason (required)"),
                                required: true),
                            Components.submit(ctx.t(.record), secondary: true)),
                    ]))
        )
    }

    static func vietQR(_ ctx: PageContext, bill: VietQRService.Bill, account: VietQR.Account, back: String) -> HTML {
        let qr = try? QRCode(text: bill.payload)
        return Layout.page(
            ctx, title: ctx.t("Chuyển khoản bằng VietQR", "Pay by VietQR transfer"),
            .p(
                .text(
                    ctx.t(
                        "Mở ứng dụng ngân hàng, quét mã dưới đây. Giữ nguyên nội dung chuyển khoản để hồ sơ được ghi nhận.",
                        "Open your bank app and scan the code. Keep the transfer content as it is so the payment is matched."
                    ))),
            // Safe: the SVG is drawn by QRCode from module positions only, no user text.
            .unwrap(qr) {
                .div(
                    .class("qr"), .attribute(named: "aria-label", value: ctx.t("Mã VietQR", "VietQR code")),
                    .raw($0.svg(moduleSize: 5)))
            },
            .dl(
                .dt(.text(ctx.t("Ngân hàng (BIN)", "Bank (BIN)"))), .dd(.text(account.bankBIN)),
                .dt(.text(ctx.t("Số tài khoản", "Account number"))), .dd(.text(account.accountNumber)),
                .dt(.text(ctx.t("Chủ tài khoản", "Account holder"))), .dd(.text(account.accountName)),
                .dt(.text(ctx.t(.amount))), .dd(.strong(.text(CatalogViews.vnd(bill.payment.amount)))),
                .dt(.text(ctx.t("Nội dung chuyển khoản", "Transfer content"))),
                .dd(.strong(.id("vietqr-reference"), .text(bill.reference)))),
            .element(
                named: "details",
                nodes: [
                    .element(named: "summary", nodes: [.text(ctx.t("Dữ liệu mã QR (EMVCo)", "QR payload (EMVCo)"))]),
                    .code(.id("vietqr-payload"), .text(bill.payload)),
                ]),
            .p(
                .text(
                    ctx.t(
                        "Khoản nộp được ghi nhận khi đơn vị đối chiếu sao kê ngân hàng.",
                        "The payment is recorded when the unit reconciles its bank statement."))),
            .p(.a(.href(ctx.link(back)), .text(ctx.t(.back))))
        )
    }

    static func payPage(
        _ ctx: PageContext, dossier d: DossierRecord, secret: String, account: FeeService.Account, summary: FeeSummary,
        gateway: Bool, vietQR: Bool, utcOffset: Int
    ) -> HTML {
        let code = d.code ?? ""
        let hidden: Node<HTML.BodyContext> = .group(
            Components.csrf(ctx), .input(.type(.hidden), .name("code"), .value(code.attributeEscaped)),
            .input(.type(.hidden), .name("secret"), .value(secret.attributeEscaped)))
        let receipts = account.payments.filter { $0.receiptNumber != nil }
        return Layout.page(
            ctx, title: ctx.t("Phí, lệ phí hồ sơ ", "Fees of dossier ") + code,
            .p(.id("fee-summary"), .strong(.text(summary.text(ctx.lang)))),
            .if(
                summary.payable,
                .group(
                    .p(
                        .text(ctx.t("Còn phải nộp: ", "Outstanding: ")),
                        .strong(.id("outstanding"), .text(CatalogViews.vnd(summary.outstanding)))),
                    .if(
                        gateway,
                        Components.form(
                            action: ctx.link(PaymentPaths.gateway), hidden,
                            Components.submit(
                                ctx.t("Thanh toán trực tuyến (thẻ ATM, ví điện tử)", "Pay online (card, e-wallet)")))),
                    .if(
                        vietQR,
                        Components.form(
                            action: ctx.link(PaymentPaths.vietQR), hidden,
                            Components.submit(
                                ctx.t("Chuyển khoản bằng mã VietQR", "Transfer by VietQR"), secondary: true))),
                    .if(
                        !gateway && !vietQR,
                        .p(.text(ctx.t("Vui lòng nộp tại Bộ phận Một cửa.", "Please pay at the one-stop counter.")))))),
            .if(
                !receipts.isEmpty,
                .group(
                    .h2(.text(ctx.t("Biên lai", "Receipts"))),
                    .ul(
                        .forEach(receipts) { p in
                            .li(
                                .a(
                                    .href(
                                        ctx.link(
                                            PaymentPaths.citizenReceipt(code: code, secret: secret, payment: p.id!))),
                                    .text(
                                        (p.receiptNumber ?? "") + " — " + CatalogViews.vnd(p.amount) + " — "
                                            + channelName(p.channel, ctx)
                                            + (p.status == .refunded ? ctx.t(" (đã hoàn trả)", " (refunded)") : ""))))
                        }))),
            .p(
                .a(
                    .href(ctx.link(TrackingPaths.track(code: code, secret: secret))),
                    .text(ctx.t("← Về trang tra cứu hồ sơ", "← Back to tracking"))))
        )
    }

    static func returned(_ ctx: PageContext, outcome: GatewayService.Outcome?, payment: PaymentRecord?) -> HTML {
        let (title, text): (String, String)
        switch outcome {
        case .paid?, .alreadyPaid?:
            (title, text) = (
                ctx.t("Thanh toán thành công", "Payment received"),
                ctx.t(
                    "Khoản nộp đã được cổng thanh toán xác nhận và ghi nhận vào hồ sơ.",
                    "The gateway confirmed the payment; it is recorded on the dossier.")
            )
        case .declined?:
            (title, text) = (
                ctx.t("Giao dịch không thành công", "Payment declined"),
                ctx.t(
                    "Giao dịch đã bị hủy hoặc bị từ chối. Bạn có thể thử lại.",
                    "The payment was cancelled or declined. You can try again.")
            )
        case nil:
            (title, text) = (
                ctx.t("Không xác nhận được giao dịch", "Payment not confirmed"),
                ctx.t(
                    "Thông tin trả về không hợp lệ. Không có khoản nào được ghi nhận.",
                    "The gateway's answer was not valid. Nothing was recorded.")
            )
        default:
            (title, text) = (
                ctx.t("Đang chờ xác nhận", "Waiting for confirmation"),
                ctx.t(
                    "Cổng thanh toán chưa xác nhận giao dịch; hệ thống sẽ tự đối soát lại.",
                    "The gateway has not confirmed yet; the system will check again.")
            )
        }
        return Layout.page(
            ctx, title: title,
            .p(
                .class(outcome == .paid || outcome == .alreadyPaid ? "notice" : "alert"),
                .attribute(named: "role", value: "status"), .text(text)),
            .unwrap(payment) { p in
                .dl(
                    .dt(.text(ctx.t(.dossier))), .dd(.text(p.dossier.code ?? "")),
                    .dt(.text(ctx.t(.amount))), .dd(.text(CatalogViews.vnd(p.amount))),
                    .dt(.text(ctx.t(.receipt))), .dd(.text(p.receiptNumber ?? "—")))
            },
            .p(
                .a(
                    .href(ctx.link(TrackingPaths.track)),
                    .text(
                        ctx.t(
                            "Tra cứu hồ sơ (nhập mã hồ sơ và mã tra cứu để xem biên lai)",
                            "Track the dossier (code and secret) to see the receipt"))))
        )
    }

    /// What a statement line or an outside message came to, as people read it.
    static func outcomeName(_ outcome: String, _ ctx: PageContext) -> String {
        switch outcome {
        case "matched": return ctx.t("Khớp — đã ghi nhận", "Matched — recorded")
        case "amount-mismatch": return ctx.t("Sai số tiền", "Wrong amount")
        case "unknown-reference": return ctx.t("Không tìm thấy mã hồ sơ", "No dossier code found")
        case "already-paid": return ctx.t("Hồ sơ đã nộp đủ (cần hoàn trả)", "Already paid (to refund)")
        case "duplicate": return ctx.t("Đã nhập trước đó", "Imported before")
        case "ambiguous": return ctx.t("Nhiều mã hồ sơ", "Several dossier codes")
        case "bad-signature": return ctx.t("Sai chữ ký", "Bad signature")
        case "rejected": return ctx.t("Bị từ chối", "Rejected")
        case "unreachable": return ctx.t("Không liên lạc được cổng thanh toán", "Gateway unreachable")
        default: return outcome
        }
    }

    struct Flagged {
        var lines: [StatementLineRecord]
        var events: [PaymentEventRecord]
        var utcOffset: Int
    }

    static func flagged(_ ctx: PageContext, _ f: Flagged) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("Cần xử lý", "Needs a person"))),
            f.lines.isEmpty
                ? .p(.text(ctx.t("Không có dòng sao kê nào chưa khớp.", "No unmatched statement line.")))
                : Components.table(
                    caption: ctx.t(
                        "Dòng sao kê chưa khớp (mới nhất trước)", "Unmatched statement lines (newest first)"),
                    headers: [
                        ctx.t(.date), ctx.t(.transaction), ctx.t(.amount),
                        ctx.t(.content), ctx.t(.result),
                    ],
                    rows: f.lines.map {
                        [
                            .text($0.date), .text($0.transactionID), .text(CatalogViews.vnd($0.amount)),
                            .text($0.lineDescription), .text(outcomeName($0.outcome, ctx)),
                        ]
                    }),
            f.events.isEmpty
                ? .empty
                : Components.table(
                    caption: ctx.t("Thông báo từ cổng thanh toán bị từ chối", "Gateway messages refused"),
                    headers: [
                        ctx.t(.when), ctx.t(.source), ctx.t(.transaction),
                        ctx.t(.result),
                    ],
                    rows: f.events.map {
                        [
                            .text(CounterViews.when($0.atSeconds, f.utcOffset)), .text($0.source), .text($0.reference),
                            .text(outcomeName($0.outcome, ctx)),
                        ]
                    })
        )
    }

    static func statement(
        _ ctx: PageContext, outcomes: [VietQRService.LineOutcome]?, error: String?, flagged f: Flagged? = nil
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Đối chiếu sao kê ngân hàng (VietQR)", "Reconcile the bank statement (VietQR)"),
            .p(
                .text(
                    ctx.t(
                        """
                        Tệp CSV UTF-8 có dòng tiêu đề với các cột: ngày, mã giao dịch, số tiền, nội dung (hoặc date, \
                        transaction_id, amount, description). Một giao dịch đã nhập sẽ không bao giờ được tính lại.
                        """,
                        """
                        UTF-8 CSV with a header: date, transaction_id, amount, description. A transaction already \
                        imported is never counted again.
                        """
                    ))),
            Components.alert(error),
            .element(
                named: "form",
                nodes: [
                    .attribute(named: "action", value: ctx.link(PaymentPaths.statement)),
                    .attribute(named: "method", value: "post"),
                    .attribute(named: "enctype", value: "multipart/form-data"), Components.csrf(ctx),
                    .div(
                        .class("field"), .label(.for("f-file"), .text(ctx.t("Tệp sao kê", "Statement file"))),
                        .input(
                            .id("f-file"), .name("file"), .type(.file),
                            .attribute(named: "accept", value: ".csv,text/csv"))),
                    Components.submit(ctx.t("Đối chiếu", "Reconcile")),
                ]),
            .unwrap(outcomes) { list in
                Components.table(
                    caption: ctx.t(
                        "Kết quả đối chiếu (\(list.filter { $0.outcome == "matched" }.count)/\(list.count) dòng khớp)",
                        "Outcome (\(list.filter { $0.outcome == "matched" }.count)/\(list.count) lines matched)"),
                    headers: [
                        ctx.t("Dòng", "Line"), ctx.t(.transaction), ctx.t(.amount),
                        ctx.t(.dossier), ctx.t(.result), ctx.t(.note),
                    ],
                    rows: list.map { o in
                        [
                            .text(String(o.line)), .text(o.transactionID), .text(CatalogViews.vnd(o.amount)),
                            .text(o.dossierCode),
                            o.outcome == "matched"
                                ? .strong(.text(outcomeName(o.outcome, ctx)))
                                : .span(.class("error"), .text(outcomeName(o.outcome, ctx))), .text(o.detail),
                        ]
                    })
            },
            .unwrap(f) { flagged(ctx, $0) }
        )
    }

    static func report(_ ctx: PageContext, unit: UnitRecord, from: String, to: String, rows: [PaymentsReport.Row])
        -> HTML
    {
        let total = PaymentsReport.Row(
            channel: "", paidCount: rows.reduce(0) { $0 + $1.paidCount },
            paidAmount: rows.reduce(0) { $0 + $1.paidAmount },
            refundedCount: rows.reduce(0) { $0 + $1.refundedCount },
            refundedAmount: rows.reduce(0) { $0 + $1.refundedAmount })
        func cells(_ name: String, _ r: PaymentsReport.Row) -> [Node<HTML.BodyContext>] {
            [
                .text(name), .text(String(r.paidCount)), .text(CatalogViews.vnd(r.paidAmount)),
                .text(String(r.refundedCount)),
                .text(CatalogViews.vnd(r.refundedAmount)), .strong(.text(CatalogViews.vnd(r.net))),
            ]
        }
        let online = rows.filter { PaymentChannel(rawValue: $0.channel)?.isOnline == true }.reduce(0) {
            $0 + $1.paidCount
        }
        return Layout.page(
            ctx, title: ctx.t("Báo cáo thu phí, lệ phí — ", "Fees collected — ") + unit.name,
            Components.form(
                action: ctx.link(PaymentPaths.report), method: "get",
                Components.textField(ctx, name: "from", label: ctx.t(.fromDate), value: from, type: .date),
                Components.textField(ctx, name: "to", label: ctx.t(.toDate), value: to, type: .date),
                Components.submit(ctx.t(.show))),
            Components.table(
                caption: ctx.t("Theo kênh thanh toán, \(from) đến \(to)", "By channel, \(from) to \(to)"),
                headers: [
                    ctx.t(.channel), ctx.t("Số khoản thu", "Number of payments"), ctx.t("Số tiền thu", "Collected"),
                    ctx.t("Số khoản hoàn", "Number of refunds"),
                    ctx.t("Số tiền hoàn", "Amount refunded"), ctx.t("Thực thu", "Net"),
                ],
                rows: rows.map {
                    cells(PaymentChannel(rawValue: $0.channel).map { channelName($0, ctx) } ?? $0.channel, $0)
                } + [cells(ctx.t(.total), total)]),
            .p(
                .text(
                    ctx.t("Tỷ lệ khoản thu trực tuyến: ", "Share paid online: ")
                        + Format.percent(
                            total.paidCount == 0 ? nil : Double(online) * 100 / Double(total.paidCount), ctx.lang)))
        )
    }

    /// The receipt (biên lai thu phí, lệ phí), A4.
    static func receipt(
        _ p: PaymentRecord, parent: UnitRecord?, procedure: String, collector: String, utcOffset: Int, links: PrintLinks
    ) throws -> HTML {
        let d = p.dossier
        func line(_ label: String, _ value: String) -> Node<HTML.BodyContext> {
            .p(.text(label + ": "), .strong(.text(value)))
        }
        return HTML(
            .attribute(named: "lang", value: "vi"),
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "Biên lai " + (p.receiptNumber ?? "")), .style(DossierForms.styles)),
            .body(
                printBar(links, print: "In biên lai"),
                .main(
                    .div(
                        .class("header"),
                        .div(
                            .p(.text((parent?.name ?? "").uppercased())), .p(.strong(.text(p.unit.name.uppercased()))),
                            .p(.class("rule"), .text(" "))),
                        .div(
                            .p(.strong(.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))),
                            .p(.strong(.u(.text("Độc lập - Tự do - Hạnh phúc")))))),
                    .h1(.text("BIÊN LAI THU PHÍ, LỆ PHÍ")),
                    .p(
                        .style("text-align:center"), .text("Số: "),
                        .strong(.id("receipt-number"), .text(p.receiptNumber ?? ""))),
                    .if(
                        p.status == .refunded,
                        .p(.style("text-align:center;font-weight:bold"), .text("ĐÃ HOÀN TRẢ — " + p.refundReason))),
                    line("Tên người nộp", p.payer),
                    line("Hồ sơ", (d.code ?? "") + " — " + procedure),
                    line("Số tiền", CatalogViews.vnd(p.amount)),
                    line("Viết bằng chữ", VietnameseAmount.words(p.amount)),
                    line(
                        "Hình thức thanh toán",
                        p.channel.vietnamese + (p.externalID.isEmpty ? "" : " (mã giao dịch " + p.externalID + ")")),
                    line(
                        "Thời gian",
                        CounterViews.when(p.paidAt ?? p.createdAtSeconds, utcOffset, between: " ngày ")),
                    .div(
                        .class("sign"),
                        .div(
                            .p(.strong(.text("NGƯỜI NỘP TIỀN"))), .p(.em(.text("(Ký, ghi rõ họ tên)"))),
                            .p(.class("name"), .text(p.payer))),
                        .div(
                            .p(.strong(.text("NGƯỜI THU TIỀN"))), .p(.em(.text("(Ký, ghi rõ họ tên)"))),
                            .p(.class("name"), .text(p.channel == .cash ? collector : "Thu qua kênh điện tử"))))
                ))
        )
    }

    /// Where a printable document's bar leads: back to where it was opened from, and the document
    /// itself (opened alone in a tab to print).
    struct PrintLinks {
        var back: String
        var backLabel: String
        var document: String
    }

    /// The bar above a printable document (the same `.print-bar` as the intake slips: hidden when
    /// printed by `@media print` in `DossierForms.styles`). No script: printing is the browser's.
    static func printBar(_ l: PrintLinks, print: String) -> Node<HTML.BodyContext> {
        .nav(
            .class("print-bar"), .attribute(named: "aria-label", value: "Thao tác"),
            .a(.id("back-link"), .href(l.back.linkEscaped), .text(l.backLabel)),
            .a(.id("print-link"), .class("button"), .href(l.document.linkEscaped), .target(.blank), .text(print)),
            .span(.text("Mở ở thẻ riêng rồi dùng lệnh In của trình duyệt (Ctrl+P hoặc ⌘P); thanh này không được in.")))
    }
}
