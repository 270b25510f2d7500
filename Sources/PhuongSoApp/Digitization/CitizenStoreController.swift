import Fluent
import Foundation
import PhuongSoCore
import Plot
import Vapor

/// Digitizing at the counter (a scan per paper component, with its page count checked against
/// the original's) and the citizen's own view of their data store and who used what.
enum CitizenStoreController {
    static func register(_ routes: RoutesBuilder) {
        routes.upload(DossierPaths.routeDossier + ["scan"], max: "25mb", use: scan).requires(.receiveDossiers)
        routes.get(CitizenStorePaths.mine.pathComponents, use: mine).requires(.applyOnline)
        routes.get(DossierPaths.routeDossier + ["files", ":sha"], use: file).requires(.viewDossiers)
    }

    /// A file of a dossier (online attachment, scan, step file), for staff who may open the
    /// dossier: only hashes the dossier itself refers to are served.
    @Sendable static func file(req: Request) async throws -> Response {
        let d = try await CounterController.dossier(req)
        let sha = req.parameters.get("sha") ?? ""
        var files = try d.attachments.map(\.file) + d.components.compactMap(\.scan?.file)
        files += try await HandoffRecord.query(on: req.db).filter(\.$dossier.$id == d.requireID()).all()
            .compactMap {
                $0.attachment.isEmpty
                    ? nil : try? JSONDecoder().decode(FileStore.Stored.self, from: Data($0.attachment.utf8))
            }
        guard let stored = files.first(where: { $0.sha256 == sha }) else { throw AppError.notFound }
        return try await ResultsController.send(stored, name: (d.code ?? "ho-so") + "-" + String(sha.prefix(8)), req)
    }

    struct ScanForm: Content {
        var component: Int?
        var originalPages: String?
        var validUntil: String?
        var file: File?
    }

    @Sendable static func scan(req: Request) async throws -> Response {
        let user = try req.require(.receiveDossiers)
        let d = try await CounterController.dossier(req)
        _ = try await req.require(.receiveDossiers, unit: d.$unit.id)
        let f = try req.content.decode(ScanForm.self)
        var components = try d.components
        guard let i = f.component, components.indices.contains(i), components[i].submitted else {
            throw AppError.invalid(
                field: "component", vi: "Chọn một giấy tờ đã nhận.", en: "Choose a document that was handed in.")
        }
        guard let original = Int(f.originalPages ?? ""), (1...2000).contains(original) else {
            throw AppError.invalid(
                field: "originalPages", vi: "Ghi số trang của bản giấy (1–2000).",
                en: "Give the paper original's page count (1–2000).")
        }
        var validUntil: String?
        if let v = f.validUntil, !v.isEmpty {
            guard (try? LocalDate(parsing: v)) != nil else {
                throw AppError.invalid(
                    field: "validUntil", vi: "Ngày hết hiệu lực không hợp lệ (YYYY-MM-DD).", en: "Invalid expiry date.")
            }
            validUntil = v
        }
        guard let upload = f.file, upload.data.readableBytes > 0 else {
            throw AppError.invalid(field: "file", vi: "Chọn tệp bản quét (PDF).", en: "Choose the scan (PDF).")
        }
        let stored: FileStore.Stored
        do {
            stored = try await req.files.store(
                Array(upload.data.readableBytesView), originalName: upload.filename)
        } catch let e as FileStore.Problem { throw AppError.invalid(field: "file", vi: e.vi, en: e.en) }
        let nowSeconds = Int64(req.now.timeIntervalSince1970)
        let scanned = SubmittedComponent.Scan(
            file: stored, pages: stored.pages ?? 1, originalPages: original, by: user.username, at: nowSeconds)
        components[i].scan = scanned
        let list = components
        let id = try d.requireID()
        let revision = d.revision
        let name = components[i].name
        let owner = d.applicantIDNumber
        let code = d.code ?? id.uuidString
        let state = d.state
        let until = validUntil
        try await AuditLog.transaction(on: req.db, actor: req.auditActor) { tx in
            try await DossierWriter.storeComponents(list, id: id, revision: revision, on: tx)
            try await CitizenStore.keep(
                owner: owner, name: name, kind: "component", file: stored, pages: scanned.pages, validUntil: until,
                source: code,
                by: user.username, now: nowSeconds, on: tx)
            try await DossierEventRecord(
                dossierID: id, at: nowSeconds, action: "digitized", actor: user.username, state: state,
                note: "\(name): \(scanned.pages)/\(original) trang"
            ).create(on: tx)
            return (
                AuditedChange(
                    action: "dossier.digitize", entity: "dossier", entityID: code, before: String?.none,
                    after: [
                        "component": name, "sha256": stored.sha256, "pages": String(scanned.pages),
                        "originalPages": String(original),
                    ]), ()
            )
        }
        return req.redirect(to: Language.of(req).link(DossierPaths.dossier(id)))
    }

    @Sendable static func mine(req: Request) async throws -> Response {
        let user = try req.require(.applyOnline)
        let owners = try await CitizenStore.owners(of: user.id, on: req.db)
        let docs =
            owners.isEmpty
            ? []
            : try await StoredDocumentRecord.query(on: req.db).filter(\.$owner ~~ owners).sort(
                \.$createdAtSeconds, .descending
            ).all()
        let uses =
            docs.isEmpty
            ? []
            : try await DocumentUseRecord.query(on: req.db).filter(\.$document.$id ~~ docs.compactMap(\.id)).sort(
                \.$atSeconds, .descending
            ).all()
        return DigitizationViews.mine(
            PageContext.of(req), owners: owners, documents: docs, uses: uses,
            today: CatalogPublicController.today(req).description,
            utcOffset: req.config.utcOffset
        ).response()
    }
}

enum DigitizationViews {
    static func section(_ ctx: PageContext, dossier d: DossierRecord, user: CurrentUser) -> Node<HTML.BodyContext> {
        guard let components = try? d.components, d.code != nil else { return .empty }
        let canScan = user.role == .clerk && ![.refused, .submittedOnline].contains(d.state)
        let online = d.channel == "online"
        return .group(
            .h2(.text(ctx.t("Số hóa thành phần hồ sơ", "Digitize dossier components"))),
            .p(
                .text(
                    ctx.t("Đối chiếu CSDL quốc gia về dân cư: ", "Checked against the population database: ")
                        + (d.populationChecked ? ctx.t("có", "yes") : ctx.t("chưa", "not yet")))),
            Components.table(
                caption: ctx.t("Tình trạng số hóa", "Digitization status"),
                headers: [ctx.t(.document), ctx.t(.dateReceived), ctx.t("Số hóa", "Digitized")],
                rows: components.map { c in
                    let status: String
                    if let s = c.scan {
                        status =
                            ctx.t(
                                "Bản quét \(s.pages)/\(s.originalPages) trang",
                                "Scan \(s.pages)/\(s.originalPages) pages")
                            + (s.pagesMatch ? "" : ctx.t(" — SỐ TRANG KHÔNG KHỚP", " — PAGE COUNT MISMATCH"))
                            + " (\(s.by))"
                    } else if c.reusedDocument != nil {
                        status = ctx.t("Lấy từ kho dữ liệu", "From the data store")
                    } else if online {
                        status = ctx.t("Nộp trực tuyến (tệp điện tử)", "Filed online (electronic file)")
                    } else {
                        status = c.submitted ? ctx.t("Chưa số hóa", "Not digitized") : "—"
                    }
                    return [
                        .text(c.name), .text(c.submitted ? ctx.t("Có", "Yes") : ctx.t("Không", "No")),
                        .group(
                            .text(status),
                            .unwrap(c.scan) { s in
                                .group(
                                    .text(" "),
                                    .a(
                                        .href(
                                            ctx.link(
                                                DossierPaths.file(d.id!, sha: s.file.sha256))),
                                        .text(ctx.t("(xem)", "(open)"))))
                            }),
                    ]
                }),
            .if(
                canScan && !online && components.contains { $0.submitted && !$0.digitized },
                .element(
                    named: "form",
                    nodes: [
                        .attribute(
                            named: "action", value: ctx.link(DossierPaths.scan(d.id!))),
                        .attribute(named: "method", value: "post"),
                        .attribute(named: "enctype", value: "multipart/form-data"), Components.csrf(ctx),
                        Components.select(
                            ctx, name: "component", label: ctx.t(.document),
                            options: components.enumerated().filter { $0.element.submitted && !$0.element.digitized }
                                .map { (String($0.offset), $0.element.name) }, selected: nil),
                        Components.textField(
                            ctx, name: "originalPages",
                            label: ctx.t("Số trang bản giấy", "Pages of the paper original"), type: .number,
                            required: true),
                        Components.textField(
                            ctx, name: "validUntil", label: ctx.t("Hiệu lực đến (nếu có)", "Valid until (if any)"),
                            type: .date),
                        .div(
                            .class("field"),
                            .label(
                                .for("f-scan-file"),
                                .text(ctx.t("Bản quét (PDF màu, ≥ 200 dpi)", "Scan (colour PDF, ≥ 200 dpi)"))),
                            .input(
                                .id("f-scan-file"), .name("file"), .type(.file),
                                .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png"))),
                        Components.submit(ctx.t("Lưu bản quét", "Save the scan"), secondary: true),
                    ]))
        )
    }

    static func mine(
        _ ctx: PageContext, owners: [String], documents: [StoredDocumentRecord], uses: [DocumentUseRecord],
        today: String, utcOffset: Int
    ) -> HTML {
        Layout.page(
            ctx, title: ctx.t("Kho dữ liệu của tôi", "My data store"),
            .p(
                .text(
                    ctx.t(
                        """
                        Giấy tờ đã số hóa và kết quả được lưu để lần sau không phải nộp lại. Tài khoản được liên kết \
                        với số định danh sau khi Bộ phận Một cửa tiếp nhận hồ sơ trực tuyến của bạn.
                        """,
                        """
                        Digitized documents and results are kept so you are not asked again. Your account is linked \
                        to an ID number once the counter has received an online dossier of yours.
                        """
                    ))),
            owners.isEmpty
                ? .p(.text(ctx.t("Chưa có giấy tờ nào.", "Nothing yet.")))
                : Components.table(
                    caption: ctx.t("Giấy tờ (số định danh: ", "Documents (ID: ") + owners.joined(separator: ", ") + ")",
                    headers: [
                        ctx.t(.document), ctx.t(.kind), ctx.t("Từ hồ sơ", "From dossier"),
                        ctx.t("Hiệu lực", "Validity"), ctx.t("Số trang", "Pages"),
                    ],
                    rows: documents.map { d in
                        [
                            .text(d.name),
                            .text(
                                d.kind == "result" ? ctx.t(.result) : ctx.t("Thành phần hồ sơ", "Dossier component")
                            ), .text(d.source),
                            .text(
                                (d.validUntil ?? "9999-12-31") >= today
                                    ? ctx.t("Còn hiệu lực", "Valid") + (d.validUntil.map { " → " + $0 } ?? "")
                                    : ctx.t("Hết hiệu lực ", "Expired ") + (d.validUntil ?? "")),
                            .text(String(d.pages)),
                        ]
                    }),
            .h2(.text(ctx.t("Nhật ký sử dụng", "Who used what"))),
            uses.isEmpty
                ? .p(.text(ctx.t("Chưa có lần sử dụng nào.", "No use yet.")))
                : Components.table(
                    caption: ctx.t("Lần sử dụng giấy tờ của bạn", "Uses of your documents"),
                    headers: [
                        ctx.t(.when), ctx.t("Cán bộ", "Official"), ctx.t(.dossier),
                        ctx.t("Dùng cho", "Used for"),
                    ],
                    rows: uses.map { u in
                        [
                            .text(CounterViews.when(u.atSeconds, utcOffset)), .text(u.usedBy), .text(u.dossierCode),
                            .text(u.component),
                        ]
                    })
        )
    }
}
