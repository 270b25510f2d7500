import Fluent
import Foundation
import PhuongSoCore
import Vapor

@testable import PhuongSoApp

/// A small valid scheme table and the calls the scheme tests share.
enum EvaluationSchemeFixture {
    static let province = "000.00.00.H42"
    static let ward = "000.00.31.H42"

    static let header = "code,parent,title,max_points,scoring,evidence,source,kind,step,formula"
    /// 40 judged + 60 (two computed halves), two bands.
    static let valid = """
        \(header)
        A,,Tiêu chí chung,40,Chấm theo 4 ý,,https://example.vn/nghi-dinh,judged,0.25,
        B,,Kết quả thực hiện nhiệm vụ,60,Tổng B.1–B.2,,QĐ 1/2026/QĐ-UBND,sum,,
        B.1,B,Hoàn thành,30,,Báo cáo,như trên,computed,,ratio:tasks-completed/tasks-assigned
        B.2,B,Đúng tiến độ,30,,,như trên,computed,,ratio:tasks-on-schedule/tasks-assigned
        TOTAL,,Tổng cộng,100,,,,total,,
        BAND.T,,Hoàn thành tốt,,,,,band,,"[70,100]"
        BAND.HT,,Hoàn thành,,,,,band,,"[0,70)"

        """

    static func input(
        code: String = "thu-2026", validFrom: String = "01/01/2026", audience: EvaluationAudience = .civilServants
    ) -> EvaluationSchemeImporter.Input {
        var i = EvaluationSchemeImporter.Input()
        i.code = code
        i.title = "Bảng điểm thử"
        i.source = "QĐ 1/2026/QĐ-UBND"
        i.validFrom = validFrom
        i.appliesTo = "Công chức phường"
        i.audience = audience.rawValue
        return i
    }

    static func user(_ app: Application, _ name: String) async throws -> CurrentUser {
        try CurrentUser(try await AccountQueries.find(username: name, on: app.db))
    }

    static func unit(_ app: Application, _ code: String) async throws -> UnitRecord {
        try await UnitQueries.find(code: code, on: app.db)
    }

    /// Imports `csv` as issued by the unit of `username`.
    @discardableResult
    static func run(
        _ app: Application, csv: String = valid, _ input: EvaluationSchemeImporter.Input = input(),
        as username: String = "giamsat", dryRun: Bool = false
    ) async throws -> EvaluationSchemeImporter.Outcome {
        let user = try await user(app, username)
        let unit = try await UnitRecord.find(user.unitID, on: app.db)!
        return try await EvaluationSchemeImporter.run(
            input, rows: try EvaluationSchemeImporter.rows(Array(csv.utf8), file: "thu.csv"), file: "thu.csv",
            unit: unit, dryRun: dryRun, by: user, actor: .system(username, at: app.now), now: app.now, on: app.db)
    }

    static func auditCount(_ app: Application, action: String) async throws -> Int {
        try await AuditRecord.query(on: app.db).filter(\.$action == action).count()
    }

    /// A second province with a ward and an official there.
    static func otherProvinceOfficial(_ app: Application) async throws -> String {
        let actor = AuditActor.system("admin", at: app.now)
        _ = try await UnitQueries.create(
            .init(code: "000.00.00.H43", name: "Tỉnh Quảng Bình", kind: "province", parentCode: nil, workingHours: nil),
            actor: actor, on: app.db)
        _ = try await UnitQueries.create(
            .init(
                code: "000.00.31.H43", name: "Phường Đồng Hới", kind: "ward", parentCode: "000.00.00.H43",
                workingHours: nil), actor: actor, on: app.db)
        _ = try await AccountQueries.create(
            .init(
                username: "congchucqb", displayName: "Võ Văn Khác", password: DemoData.password, role: "official",
                unitCode: "000.00.31.H43"), creator: nil, bcryptCost: 4, actor: actor, on: app.db)
        return "congchucqb"
    }
}
