import Fluent
import PhuongSoCore
import Plot
import Vapor

/// The public home page: what the ward offers and where to start.
enum HomeController {
    static func register(_ routes: RoutesBuilder) {
        routes.get(use: home)
        routes.get(HomePaths.admin.pathComponents, use: admin).requires(.useStaffPages)
    }

    @Sendable static func home(req: Request) async throws -> Response {
        let ctx = PageContext.of(req)
        let ward = try await UnitRecord.query(on: req.db).filter(\.$kind ~~ [.ward, .commune, .specialZone]).sort(
            \.$name
        ).first()
        let title = ward.map { ctx.t("Ủy ban nhân dân ", "People's Committee of ") + $0.name } ?? "PhuongSo"
        return Layout.page(
            ctx, title: title,
            .p(
                .text(
                    ctx.t(
                        "Tra cứu thủ tục hành chính, nộp và theo dõi hồ sơ, góp ý về chất lượng phục vụ — tại một cửa.",
                        "Find administrative procedures, apply and track your dossier, and rate the service — through one door."
                    ))),
            Components.form(
                action: CatalogPaths.list, method: "get",
                .if(ctx.lang == .en, .input(.type(.hidden), .name("lang"), .value("en"))),
                Components.textField(
                    ctx, name: "q", label: ctx.t("Tìm thủ tục hành chính", "Find an administrative procedure"),
                    type: .search,
                    hint: ctx.t("Ví dụ: khai sinh, kết hôn, chứng thực bản sao", "e.g. khai sinh, ket hon, chung thuc")),
                Components.submit(ctx.t(.search))),
            .div(
                .class("cards"),
                card(
                    ctx.t(.administrativeProcedures),
                    ctx.t(
                        "Thành phần hồ sơ, thời hạn, lệ phí và căn cứ pháp lý của từng thủ tục; bảng niêm yết theo lĩnh vực.",
                        "Documents, time limits, fees and legal basis of each procedure; posting sheets by field."),
                    link: (ctx.link(CatalogPaths.list), ctx.t("Xem danh mục", "Browse the catalogue"))),
                card(
                    ctx.t(.applyOnline),
                    ctx.t(
                        "Công dân đăng nhập để nộp hồ sơ các thủ tục có dịch vụ công trực tuyến và theo dõi hồ sơ của mình.",
                        "Citizens log in to apply for procedures offered online and follow their dossiers."),
                    link: (ctx.link(ApplyPaths.start), ctx.t(.applyOnline))),
                card(
                    ctx.t(.trackDossier),
                    ctx.t(
                        "Nhập mã hồ sơ và mã tra cứu in trên giấy tiếp nhận để xem tình trạng và ngày hẹn trả.",
                        "Enter the dossier code and the lookup secret from your receipt to see its status and appointment."
                    ),
                    link: (ctx.link(TrackingPaths.track), ctx.t(.lookUp))),
                card(
                    ctx.t("Xác thực kết quả điện tử", "Verify an electronic result"),
                    ctx.t(
                        """
                        Kiểm tra một kết quả giải quyết thủ tục bằng mã in trên giấy hoặc bằng chính tệp: ai phát \
                        hành, khi nào, tệp có bị sửa đổi không.
                        """,
                        """
                        Check a result by the code on the paper or by the file itself: who issued it, when, and \
                        whether the file was changed.
                        """
                    ),
                    link: (ctx.link(ResultPaths.verify), ctx.t("Xác thực", "Verify"))),
                // staff already logged in go to their workspace, not to the login page
                ctx.user.map { user in
                    user.role != .citizen
                        ? card(
                            ctx.t(.myWorkspace),
                            ctx.t(
                                "Hồ sơ, nhiệm vụ và đánh giá đang chờ bạn, với số lượng và việc gấp nhất.",
                                "Dossiers, tasks and ratings waiting for you, counted, most urgent first."),
                            link: (ctx.link(WorkspacePaths.workspace), ctx.t("Vào bàn làm việc", "Open my workspace")))
                        : .empty
                }
                    ?? card(
                        ctx.t("Cán bộ đăng nhập", "Staff log in"),
                        ctx.t(
                            "Cán bộ một cửa, công chức chuyên môn, lãnh đạo và quản trị đăng nhập để làm việc.",
                            "Counter clerks, officials, leaders and administrators log in here."),
                        link: (ctx.link(AccountPaths.login), ctx.t(.logIn)))),
            .h2(.text(ctx.t(.workingHours))),
            .p(
                .text(
                    ward?.workingHours.replacingOccurrences(of: ",", with: ctx.t(" và ", " and "))
                        ?? "07:30-11:30, 13:30-17:30"),
                .text(ctx.t(", thứ Hai đến thứ Sáu, trừ ngày lễ, Tết.", ", Monday to Friday, except public holidays.")))
        ).response()
    }

    static func card(_ title: String, _ text: String, link: (String, String)?) -> Node<HTML.BodyContext> {
        .div(
            .class("card"), .h2(.text(title)), .p(.text(text)),
            .unwrap(link) { .a(.class("button"), .href($0.0), .text($0.1)) })
    }

    @Sendable static func admin(req: Request) async throws -> Response {
        let ctx = PageContext.of(req)
        let user = try req.require(.useStaffPages)
        var items: [(String, String, Action)] = [
            (DossierPaths.inbox, ctx.t(.myInbox), .viewDossiers),
            (
                DossierPaths.counter, ctx.t("Quầy tiếp nhận hồ sơ (Một cửa)", "One-stop counter: receive dossiers"),
                .receiveDossiers
            ),
            (DossierPaths.register, ctx.t("Sổ theo dõi hồ sơ", "Dossier register"), .viewDossiers),
            (ReportPaths.matrix, ctx.t(.dossierStatistics), .viewDossiers),
            (PaymentPaths.report, ctx.t("Báo cáo thu phí, lệ phí", "Fees collected"), .viewPaymentReports),
            (
                PaymentPaths.statement,
                ctx.t("Đối chiếu sao kê ngân hàng (VietQR)", "Reconcile the bank statement (VietQR)"),
                .reconcilePayments
            ),
            (ResultPaths.keys, ctx.t("Khóa ký số kết quả điện tử", "Result-signing keys"), .manageSigningKeys),
            (Open311Paths.keys, ctx.t("Khóa ứng dụng Open311", "Open311 app keys"), .manageOpen311Keys),
            (UnitPaths.list, ctx.t("Đơn vị và lĩnh vực", "Units and fields"), .viewUnits),
            (AccountPaths.users, ctx.t(.accounts), .viewAccounts),
            (AuditPaths.audit, ctx.t(.auditTrail), .viewAudit),
            (CatalogPaths.admin, ctx.t("Danh mục thủ tục hành chính", "Procedure catalogue"), .manageCatalog),
            (CatalogPaths.importForm, ctx.t("Nhập danh mục thủ tục", "Import a catalogue"), .manageCatalog),
        ]
        if let unitID = user.unitID, let unit = try await UnitRecord.find(unitID, on: req.db) {
            items.append(
                (UnitPaths.calendar(unit.code), ctx.t(.workingCalendar), .viewCalendar))
        }
        let allowed = items.filter { AccessPolicy.allows(user.role, $0.2) }
        return Layout.page(
            ctx, title: ctx.t(.administration),
            .ul(.forEach(allowed) { .li(.a(.href(ctx.link($0.0)), .text($0.1))) })
        ).response()
    }
}
