import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// The schemes over JSON: the ones the caller may read, one scheme's tree, and the import with
/// its dry run (the CSV text and the identity in one JSON body).
enum EvaluationSchemeAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("evaluation", "schemes", use: list).requires(.viewEvaluations)
        api.get("evaluation", "schemes", ":scheme", use: show).requires(.viewEvaluations)
        api.on(.POST, "evaluation", "schemes", body: .collect(maxSize: "3mb"), use: importScheme)
            .requires(.manageEvaluationSchemes)
    }

    @Sendable static func list(req: Request) async throws -> [Summary] {
        let user = try req.require(.viewEvaluations)
        return try await EvaluationSchemeStore.readable(by: user, db: req.db).map(Summary.init)
    }

    @Sendable static func show(req: Request) async throws -> Detail {
        let user = try req.require(.viewEvaluations)
        guard let id = req.parameters.get("scheme").flatMap(UUID.init(uuidString:)),
            let record = try await EvaluationSchemeRecord.query(on: req.db).filter(\.$id == id).with(\.$unit)
                .with(\.$importedBy).first(),
            EvaluationSchemeStore.canSee(record, user: user, scope: try await UnitQueries.scope(on: req.db))
        else { throw AppError.notFound }
        return Detail(scheme: try Summary(record), tree: Tree(try EvaluationSchemeStore.scheme(record)))
    }

    struct ImportRequest: Content {
        var code: String?
        var title: String?
        var source: String?
        /// YYYY-MM-DD or dd/MM/yyyy.
        var validFrom: String?
        var appliesTo: String?
        var audience: String?
        /// The table as CSV text (`EvaluationSchemeImport.columns`)…
        var csv: String?
        /// …or as an XLSX workbook in base64 (its first sheet, as the import page reads it).
        var xlsx: String?
        /// true (the default): only check; false: store.
        var dryRun: Bool?
    }

    @Sendable static func importScheme(req: Request) async throws -> Response {
        let user = try req.require(.manageEvaluationSchemes)
        let body = try req.content.decode(ImportRequest.self)
        var input = EvaluationSchemeImporter.Input()
        input.code = body.code ?? ""
        input.title = body.title ?? ""
        input.source = body.source ?? ""
        input.validFrom = body.validFrom ?? ""
        input.appliesTo = body.appliesTo ?? ""
        input.audience = body.audience ?? ""
        let (bytes, file) = try table(body)
        do {
            let outcome = try await EvaluationSchemeImporter.run(
                input, rows: try EvaluationSchemeImporter.rows(bytes, file: file), file: file,
                unit: try await EvaluationSchemePages.issuer(user, on: req.db), dryRun: body.dryRun ?? true, by: user,
                actor: req.auditActor, now: req.now, on: req.db)
            var summary: Summary?
            if let id = outcome.record?.id,
                let stored = try await EvaluationSchemeRecord.query(on: req.db).filter(\.$id == id).with(\.$unit)
                    .with(\.$importedBy).first()
            {
                summary = try Summary(stored)
            }
            let result = ImportResult(
                applied: summary != nil, scheme: summary, audience: outcome.audience, tree: Tree(outcome.scheme))
            return try await result.encodeResponse(status: summary != nil ? .created : .ok, for: req)
        } catch let failure as CatalogImport.Failure {
            var refusal = EvaluationSchemeImporter.Refusal()
            refusal.file = failure.problems
            return try refused(req, refusal)
        } catch let refusal as EvaluationSchemeImporter.Refusal {
            return try refused(req, refusal)
        }
    }

    /// The table's bytes: exactly one of `csv` (text) and `xlsx` (base64), each checked as the page
    /// checks an upload.
    static func table(_ body: ImportRequest) throws -> (bytes: [UInt8], file: String) {
        func given(_ s: String?) -> String? {
            s.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        }
        switch (given(body.csv), given(body.xlsx)) {
        case (let csv?, nil): return (Array(csv.utf8), "csv")
        case (nil, let xlsx?):
            guard let data = Data(base64Encoded: xlsx, options: .ignoreUnknownCharacters) else {
                throw AppError.invalid(
                    field: "xlsx", vi: "Tệp XLSX phải gửi dưới dạng base64.", en: "xlsx must be base64.")
            }
            return (Array(data), "xlsx")
        case (nil, nil):
            throw AppError.invalid(
                field: "csv", vi: "Thiếu bảng điểm: gửi csv (nội dung tệp CSV) hoặc xlsx (tệp XLSX, base64).",
                en: "The table is required: csv (CSV text) or xlsx (an XLSX file in base64).")
        case (_?, _?):
            throw AppError.invalid(
                field: "xlsx", vi: "Chỉ gửi một bảng điểm: csv hoặc xlsx, không gửi cả hai.",
                en: "Send one table: csv or xlsx, not both.")
        }
    }

    /// 422 with every problem: the identity's by field, the table's by line and column.
    static func refused(_ req: Request, _ r: EvaluationSchemeImporter.Refusal) throws -> Response {
        let lang = Language.of(req)
        let problems = r.file.map {
            ImportFailure.Problem(line: $0.line, column: $0.column, message: lang.t($0.vi, $0.en))
        }
        let fields = r.fields.messages.mapValues { lang.t($0.vi, $0.en) }
        let first = (fields.values.sorted() + r.file.prefix(3).map { $0.message(lang.rawValue) }).prefix(3)
            .joined(separator: "; ")
        let message = lang.t(
            "Bảng điểm chưa được nhập, chưa có gì được lưu: \(first)",
            "The scheme was not imported; nothing was stored: \(first)")
        let res = Response(status: .unprocessableEntity)
        try res.content.encode(
            ImportFailure(
                error: .init(code: "invalid", message: message, fields: fields.isEmpty ? nil : fields),
                problems: problems), as: .json)
        return res
    }
}
