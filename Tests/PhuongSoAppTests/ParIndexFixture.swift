import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The PAR Index as the service tests drive it: the demo province (Hà Tĩnh), its ward Thành Sen
/// and commune Thạch Khê, the demo officials' fields (DemoPar), and a small framework written here.
struct ParWorld {
    let app: Application
    let province: UnitRecord
    let ward: UnitRecord
    let commune: UnitRecord

    static let utcOffset = 7 * 3600
    static let wardCode = "000.00.31.H42"
    static let communeCode = "000.00.32.H42"

    /// The ward's clock stands at 10 March 2026, noon (the demo loads against it).
    static func clock(_ local: String = "2026-03-10T12:00") -> (inout AppConfig) -> Void {
        { $0.clockOffset = TimeInterval(at(local).seconds) - Date().timeIntervalSince1970 }
    }

    static func date(_ local: String) -> Date { Date(timeIntervalSince1970: TimeInterval(at(local).seconds)) }

    /// A small framework: two areas that count (10 + 20 = 30 points), a bonus/penalty item aside.
    /// 1.1 belongs to hộ tịch (HT), 1.2 to bảo trợ xã hội (BTXH), 2.2 to đất đai (DD); 2.1 is
    /// computed from the on-time rate by steps; 2.3 is the survey.
    static let csv = """
        code,parent,title,max_points,scoring,evidence,field,figure,rule
        1,,Công tác chỉ đạo điều hành CCHC,10,self,,,,
        1.1,1,Ban hành kế hoạch CCHC năm đúng hạn,4,self,Kế hoạch CCHC (số hiệu; ngày),HT,,
        1.2,1,Tuyên truyền CCHC,6,self,Tin bài; hình ảnh,BTXH,,
        2,,Cải cách TTHC,20,self,,,,
        2.1,2,Tỷ lệ hồ sơ giải quyết trước và đúng hạn,8,computed,Sổ theo dõi hồ sơ,,dossiers-on-time,steps:100=8;90=6;60=3
        2.2,2,Giải quyết TTHC đất đai đúng quy trình,4,self,Quy trình nội bộ,DD,,
        2.3,2,Sự hài lòng của người dân (điều tra xã hội học),8,survey,,,,
        3,,Điểm thưởng và điểm trừ,2,bonus,,,,
        3.1,3,Được khen thưởng về CCHC,1,bonus,Quyết định khen thưởng,,,
        3.2,3,Sai phạm trong giải quyết TTHC bị xử lý,1,penalty,Văn bản xử lý,,,
        """

    /// The framework's header for `year`: the cycle's deadlines 20 March, 15 April, 30 April, 31 May.
    static func header(year: Int = 2026, title: String? = nil) -> ParService.FrameworkInput {
        var input = ParService.FrameworkInput()
        input.year = String(year)
        input.title = title ?? "Bộ tiêu chí Chỉ số CCHC cấp xã năm \(year)"
        input.source = "Quyết định 123/QĐ-UBND ngày 05/01/\(year) của UBND tỉnh"
        input.bands = [
            .init(label: "Xuất sắc", minPercent: "90"), .init(label: "Tốt", minPercent: "80"),
            .init(label: "Khá", minPercent: "70"), .init(label: "Trung bình", minPercent: "50"),
            .init(label: "Yếu", minPercent: "0"),
        ]
        input.selfEnds = "\(year)-03-20"
        input.firstRoundEnds = "\(year)-04-15"
        input.explanationEnds = "\(year)-04-30"
        input.secondRoundEnds = "\(year)-05-31"
        return input
    }

    static func rows(_ csv: String) throws -> CatalogImport.Rows {
        try CatalogImporter.rows(Array(csv.utf8), file: "tieu-chi.csv")
    }

    /// The demo app's units, with the demo's PAR data loaded (its 2025 framework, officials' fields).
    static func make(_ app: Application) async throws -> ParWorld {
        let province = try await UnitQueries.find(code: "000.00.00.H42", on: app.db)
        let ward = try await UnitQueries.find(code: wardCode, on: app.db)
        let commune = try await UnitQueries.find(code: communeCode, on: app.db)
        try await DemoPar.load(province: province, ward: ward, now: date("2026-03-10T12:00"), on: app.db)
        return ParWorld(app: app, province: province, ward: ward, commune: commune)
    }

    var db: Database { app.db }

    func user(_ username: String) async throws -> CurrentUser {
        try CurrentUser(try await AccountQueries.find(username: username, on: db))
    }

    func actor(_ username: String, _ local: String) -> AuditActor {
        AuditActor(username: username, address: "test", at: Self.date(local))
    }

    @discardableResult
    func importFramework(
        _ csv: String = ParWorld.csv, _ header: ParService.FrameworkInput = ParWorld.header(), by username: String,
        dryRun: Bool = false, at local: String = "2026-01-06T09:00"
    ) async throws -> ParService.ImportOutcome {
        try await ParService.importFramework(
            province: province, header, rows: try Self.rows(csv), dryRun: dryRun, by: try await user(username),
            actor: actor(username, local), now: Self.date(local), on: db)
    }

    func framework(year: Int = 2026) async throws -> ParFrameworkRecord {
        try #require(
            try await ParFrameworkRecord.query(on: db).filter(\.$unit.$id == province.requireID())
                .filter(\.$year == year).first())
    }

    func start(
        _ unit: UnitRecord? = nil, year: Int = 2026, by username: String = "vanphong",
        at local: String = "2026-03-11T08:00"
    ) async throws -> ParAssessmentRecord {
        try await ParService.start(
            ward: unit ?? ward, year: year, by: try await user(username), actor: actor(username, local),
            now: Self.date(local), utcOffset: Self.utcOffset, on: db)
    }

    func score(_ a: ParAssessmentRecord, _ code: String) async throws -> ParScoreRecord {
        try #require(
            try await ParScoreRecord.query(on: db).filter(\.$assessment.$id == a.requireID()).filter(\.$code == code)
                .first())
    }

    func reload(_ a: ParAssessmentRecord) async throws -> ParAssessmentRecord {
        try #require(try await ParAssessmentRecord.find(a.requireID(), on: db))
    }

    @discardableResult
    func selfScore(
        _ a: ParAssessmentRecord, _ code: String, points: String, explanation: String = "",
        evidence: [TaskEvidence] = [], by username: String, at local: String = "2026-03-12T09:00"
    ) async throws -> ParScoreRecord {
        var input = ParService.SelfScoreInput()
        input.points = points
        input.explanation = explanation
        return try await ParService.selfScore(
            try await score(a, code).requireID(), input, adding: evidence, by: try await user(username),
            actor: actor(username, local), now: Self.date(local), utcOffset: Self.utcOffset, on: db)
    }

    @discardableResult
    func submit(_ a: ParAssessmentRecord, by username: String = "vanphong", at local: String = "2026-03-13T09:00")
        async throws -> ParAssessmentRecord
    {
        try await ParService.submit(
            a.requireID(), by: try await user(username), onlinePaymentOffered: false, actor: actor(username, local),
            now: Self.date(local), utcOffset: Self.utcOffset, on: db)
    }

    @discardableResult
    func appraise(
        _ a: ParAssessmentRecord, _ code: String, round: Int, points: String, comment: String = "",
        at local: String = "2026-03-25T09:00"
    ) async throws -> ParScoreRecord {
        var input = ParService.AppraisalInput()
        input.points = points
        input.comment = comment
        return try await ParService.appraise(
            try await score(a, code).requireID(), round: round, input, by: try await user("giamsat"),
            actor: actor("giamsat", local), now: Self.date(local), utcOffset: Self.utcOffset, on: db)
    }

    @discardableResult
    func closeFirstRound(_ a: ParAssessmentRecord, at local: String = "2026-04-01T09:00") async throws
        -> ParAssessmentRecord
    {
        try await ParService.closeFirstRound(
            a.requireID(), actor: actor("giamsat", local), now: Self.date(local), utcOffset: Self.utcOffset, on: db)
    }

    @discardableResult
    func reply(
        _ a: ParAssessmentRecord, _ code: String, _ text: String, by username: String,
        at local: String = "2026-04-20T09:00"
    ) async throws -> ParScoreRecord {
        try await ParService.reply(
            try await score(a, code).requireID(), text: text, revision: nil, by: try await user(username),
            actor: actor(username, local), now: Self.date(local), utcOffset: Self.utcOffset, on: db)
    }

    @discardableResult
    func sendReplies(_ a: ParAssessmentRecord, by username: String = "vanphong", at local: String = "2026-04-21T09:00")
        async throws -> ParAssessmentRecord
    {
        try await ParService.sendReplies(
            a.requireID(), by: try await user(username), actor: actor(username, local), now: Self.date(local),
            utcOffset: Self.utcOffset, on: db)
    }

    @discardableResult
    func publish(_ a: ParAssessmentRecord, at local: String = "2026-05-05T09:00") async throws -> ParAssessmentRecord {
        try await ParService.publish(
            a.requireID(), actor: actor("giamsat", local), now: Self.date(local), utcOffset: Self.utcOffset, on: db)
    }

    func sheet(_ a: ParAssessmentRecord, at local: String = "2026-05-06T09:00") async throws -> ParSheet {
        try await ParSheet.build(
            a.requireID(), live: true, onlinePaymentOffered: false, now: Self.date(local),
            utcOffset: Self.utcOffset, on: db)
    }

    /// Runs a unit's whole cycle for `year` on the framework's dates (20 March … 31 May, moved by
    /// the copy): the office scores every criterion the ward scores with a written explanation
    /// (`points`, 0 where not given; a computed criterion without data takes its given points),
    /// the province enters `survey` on every survey criterion, and publishes without changing
    /// anything else.
    @discardableResult
    func runToPublished(
        _ unit: UnitRecord, year: Int, office: String, points: [String: String], survey: String
    ) async throws -> ParAssessmentRecord {
        let a = try await start(unit, year: year, by: office, at: "\(year)-03-11T08:00")
        let framework = try await self.framework(year: year).framework()
        for leaf in framework.leaves where leaf.scoring != .survey {
            guard let p = points[leaf.code] else { continue }
            try await selfScore(
                a, leaf.code, points: p, explanation: "Diễn giải cách tính điểm tiêu chí \(leaf.code)", by: office,
                at: "\(year)-03-12T09:00")
        }
        try await submit(a, by: office, at: "\(year)-03-13T09:00")
        for leaf in framework.leaves where leaf.scoring == .survey {
            try await appraise(a, leaf.code, round: 1, points: survey, at: "\(year)-03-25T09:00")
        }
        try await closeFirstRound(a, at: "\(year)-04-01T09:00")
        try await sendReplies(a, by: office, at: "\(year)-04-21T09:00")
        return try await publish(a, at: "\(year)-05-05T09:00")
    }

    func auditActions() async throws -> [String] {
        try await AuditRecord.query(on: db).sort(\.$sequence).all().map(\.action)
    }

    func auditCount() async throws -> Int { try await AuditRecord.query(on: db).count() }
}

/// What a refused call said: its kind (`invalid`, `conflict`, `forbidden`, `notFound`, `problems`
/// for field problems, `file` for an import file's problems) and its Vietnamese message(s).
struct ParRefusalSeen: CustomStringConvertible {
    let kind: String
    let fields: Set<String>
    let text: String
    var problems: [CatalogImport.Problem] = []
    var description: String { "\(kind) \(fields.sorted()): \(text)" }
}

/// Runs `body`, which must be refused; returns what it said (nil when it was not refused).
func refusal(_ body: () async throws -> Void) async -> ParRefusalSeen? {
    do {
        try await body()
        return nil
    } catch let e as AppError {
        switch e {
        case .invalid(let field, let vi, _):
            return ParRefusalSeen(kind: "invalid", fields: Set([field ?? ""]), text: vi)
        case .conflict(let vi, _): return ParRefusalSeen(kind: "conflict", fields: [], text: vi)
        case .forbidden: return ParRefusalSeen(kind: "forbidden", fields: [], text: "")
        case .notFound: return ParRefusalSeen(kind: "notFound", fields: [], text: "")
        default: return ParRefusalSeen(kind: "other", fields: [], text: "\(e)")
        }
    } catch let p as ValidationProblems {
        return ParRefusalSeen(
            kind: "problems", fields: Set(p.messages.keys),
            text: p.messages.sorted { $0.key < $1.key }.map(\.value.vi).joined(separator: " | "))
    } catch let f as CatalogImport.Failure {
        return ParRefusalSeen(
            kind: "file", fields: Set(f.problems.map(\.column)), text: f.problems.map(\.vi).joined(separator: " | "),
            problems: f.problems)
    } catch {
        return ParRefusalSeen(kind: "other", fields: [], text: "\(error)")
    }
}
