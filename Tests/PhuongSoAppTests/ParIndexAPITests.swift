import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting
import ZIPFoundation

@testable import PhuongSoApp

/// The PAR Index through the JSON API with tokens: the whole cycle on the demo's 2025 framework,
/// the export, the framework import, and the refusals.
@Suite struct ParIndexAPITests {
    static let ward = "000.00.31.H42"

    /// Mid-January 2026: the 2025 self-assessment is open (it closes on 31/01/2026).
    static func clock(_ config: inout AppConfig) {
        config.clockOffset = TimeInterval(at("2026-01-15T09:00").seconds) - Date().timeIntervalSince1970
    }

    func call(
        _ app: Application, _ method: HTTPMethod, _ path: String, _ token: String, _ json: [String: Any]? = nil
    ) async throws -> TestingHTTPResponse {
        var headers = bearer(token)
        var body = ByteBuffer()
        if let json {
            headers.contentType = .json
            body.writeBytes(try JSONSerialization.data(withJSONObject: json))
        }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    func object(_ res: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])
    }

    func message(_ res: TestingHTTPResponse) throws -> String {
        (try object(res)["error"] as? [String: Any])?["message"] as? String ?? ""
    }

    func sheet(_ app: Application, _ token: String) async throws -> ParIndexAPI.Assessment {
        let res = try await call(app, .GET, "/api/v1/units/\(Self.ward)/par/2025", token)
        #expect(res.status == .ok)
        return try res.content.decode(ParIndexAPI.Assessment.self)
    }

    func part(_ path: String, in archive: Archive) throws -> String {
        var data = Data()
        _ = try archive.extract(try #require(archive[path])) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: TestDatabase.all)
    func theWholeCycleThroughTheAPIGivesTheHandCalculatedIndexAndExport(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup: the demo's reform work, with the province's 2025 framework
            try await DemoReform.loadIfEmpty(now: app.now, utcOffset: app.config.utcOffset, on: app.db)
            let office = try await app.token("vanphong")
            let supervisor = try await app.token("giamsat")
            let justice = try await app.token("tuphap")
            let land = try await app.token("diachinh")
            let tuphap = try await AccountQueries.find(username: "tuphap", on: app.db)

            // act: the office starts; the framework is the province's 2025 one, and now frozen
            let known = try await call(app, .GET, "/api/v1/par/frameworks?year=2025", office)
            let frameworks = try known.content.decode([ParIndexAPI.FrameworkSummary].self)
            #expect(frameworks.count == 1 && frameworks.first?.illustrative == true, "\(known.body.string)")
            let started = try await call(app, .POST, "/api/v1/units/\(Self.ward)/par/2025/start", office)
            #expect(started.status == .created, "\(started.body.string)")
            let fresh = try started.content.decode(ParIndexAPI.Assessment.self)
            #expect(fresh.framework.frozen && fresh.phase == "self-assessment")
            // (a missing value is written as null, not left out)
            let firstLeaf = try #require(
                (try object(started)["criteria"] as? [[String: Any]])?.first { $0["leaf"] as? Bool == true })
            #expect(firstLeaf["firstPoints"] is NSNull && firstLeaf["figure"] != nil)
            let rows = Dictionary(fresh.criteria.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let c21 = try #require(rows["2.1"]?.scoreID)
            #expect(rows["2.1"]?.assignee?.id == tuphap.id && rows["2.1"]?.assignee?.name == tuphap.displayName)

            // act + check: refusals while scoring
            let tooHigh = try await call(
                app, .POST, "/api/v1/par-scores/\(c21)/self", justice,
                [
                    "points": 5,
                    "evidence": [
                        ["kind": "document", "number": "15/BC-UBND", "date": "2025-12-10", "issuer": "UBND phường"]
                    ],
                ])
            #expect(tooHigh.status == .unprocessableEntity)
            #expect(try message(tooHigh).contains("phải từ 0 đến 3"))
            let notTheirs = try await call(
                app, .POST, "/api/v1/par-scores/\(c21)/self", land, ["points": 3, "explanation": "x"])
            #expect(notTheirs.status == .forbidden)
            let noEvidence = try await call(app, .POST, "/api/v1/par-scores/\(c21)/self", justice, ["points": 3])
            #expect(noEvidence.status == .unprocessableEntity)
            #expect(try message(noEvidence).contains("tài liệu kiểm chứng"))

            // act: the officials score their criteria, the office the rest
            let scored = try await call(
                app, .POST, "/api/v1/par-scores/\(c21)/self", justice,
                [
                    "points": "3",
                    "evidence": [
                        [
                            "kind": "document", "number": "15/BC-UBND", "date": "2025-12-10",
                            "issuer": "UBND phường Thành Sen",
                        ],
                        ["kind": "link", "path": "/reform/plans", "label": "Kế hoạch CCHC năm 2025"],
                    ],
                ])
            #expect(scored.status == .ok)
            let row21 = try scored.content.decode(ParIndexAPI.Row.self)
            #expect(row21.selfPoints == 3 && row21.evidence.map(\.kind) == ["document", "link"])
            #expect(row21.evidence.first?.description == "số 15/BC-UBND, ngày 10/12/2025, UBND phường Thành Sen")
            let c35 = try #require(rows["3.5"]?.scoreID)
            #expect(
                try await call(
                    app, .POST, "/api/v1/par-scores/\(c35)/self", land,
                    [
                        "points": 2,
                        "evidence": [
                            ["kind": "link", "path": "/reports/matrix", "label": "Sổ theo dõi hồ sơ đất đai"]
                        ],
                    ]
                ).status == .ok)
            for r in fresh.criteria where r.leaf && !["2.1", "3.5"].contains(r.code) {
                let body: [String: Any]
                switch r.scoring {
                case "self":
                    body = [
                        "points": r.maxPoints,
                        "evidence": [
                            [
                                "kind": "document", "number": "KC-\(r.code)", "date": "2025-11-30",
                                "issuer": "UBND phường",
                            ]
                        ],
                    ]
                case "computed":
                    guard r.figure?.points == nil else { continue }
                    body = ["points": 0, "explanation": "Chưa có số liệu trong kỳ."]
                case "bonus":
                    body = [
                        "points": 2,
                        "evidence": [
                            ["kind": "document", "number": "120/QĐ-UBND", "date": "2025-12-20", "issuer": "UBND tỉnh"]
                        ],
                    ]
                default: continue
                }
                let res = try await call(app, .POST, "/api/v1/par-scores/\(try #require(r.scoreID))/self", office, body)
                #expect(res.status == .ok, "\(r.code): \(res.body.string)")
            }
            let submitted = try await call(app, .POST, "/api/v1/par-assessments/\(fresh.id)/submit", office)
            #expect(submitted.status == .ok, "\(submitted.body.string)")

            // check: nothing changes once submitted; an official cannot appraise
            let late = try await call(
                app, .POST, "/api/v1/par-scores/\(c21)/self", office, ["points": 1, "explanation": "x"])
            #expect(late.status == .unprocessableEntity)
            #expect(try message(late).contains("Không thể tự chấm điểm"))
            #expect(
                try await call(app, .POST, "/api/v1/par-scores/\(c21)/appraise", justice, ["round": 1, "points": 3])
                    .status
                    == .forbidden)

            // act: round 1 — the surveys, the computed criteria, and 2.1 lowered with a reason
            let round1: [String: Double] = [
                "2.1": 2, "3.6": 5, "8.1": 8, "8.2": 6, "1.1.2": 3, "3.2": 4, "3.4": 4, "6.2": 3, "7.1": 5, "7.2": 5,
                "9.1": 1,
            ]
            for (code, points) in round1 {
                let res = try await call(
                    app, .POST, "/api/v1/par-scores/\(try #require(rows[code]?.scoreID))/appraise", supervisor,
                    ["round": 1, "points": points, "comment": "Thẩm định theo hồ sơ kiểm chứng"])
                #expect(res.status == .ok, "\(code): \(res.body.string)")
            }
            #expect(
                try await call(app, .POST, "/api/v1/par-assessments/\(fresh.id)/close-first", supervisor).status == .ok)
            let replied = try await call(
                app, .POST, "/api/v1/par-scores/\(c21)/reply", justice,
                ["text": "Bổ sung hồ sơ thẩm định văn bản số 02/TĐ."])
            #expect(replied.status == .ok)
            #expect(
                try await call(app, .POST, "/api/v1/par-assessments/\(fresh.id)/send-replies", office).status == .ok)
            let second = try await call(
                app, .POST, "/api/v1/par-scores/\(c21)/appraise", supervisor,
                ["round": 2, "points": 2.5, "comment": "Đã bổ sung một phần"])
            #expect(second.status == .ok)
            let published = try await call(app, .POST, "/api/v1/par-assessments/\(fresh.id)/publish", supervisor)
            #expect(published.status == .ok)

            // check: by hand — areas 12 + 7,5 + 19 + 7 + 10 + 6 + 15 + 18 and a bonus of 1 over 100
            let result = try published.content.decode(ParIndexAPI.Assessment.self)
            #expect(result.phase == "published")
            #expect(result.final.points == 95.5 && result.final.maximum == 100 && result.final.percent == 95.5)
            #expect(result.final.band == "Xuất sắc")
            #expect(result.final.areas.map(\.points) == [12, 7.5, 19, 7, 10, 6, 15, 18, 1])
            let final21 = try #require(result.criteria.first { $0.code == "2.1" })
            #expect(
                final21.selfPoints == 3 && final21.firstPoints == 2 && final21.secondPoints == 2.5
                    && final21.finalPoints == 2.5 && final21.pointsLost == 0.5)

            // act: the office traces the lost points to the official; he registers a breakthrough task
            let deduction = try await call(
                app, .POST, "/api/v1/par-assessments/\(fresh.id)/deductions", office,
                [
                    "code": "2.1", "responsibleID": try tuphap.requireID().uuidString, "cause": "Thiếu hồ sơ thẩm định",
                    "remedy": "Lập đủ hồ sơ thẩm định cho mọi văn bản", "deadlineDate": "2026-03-31",
                ])
            #expect(deduction.status == .created, "\(deduction.body.string)")
            let d = try deduction.content.decode(ParIndexAPI.Deduction.self)
            let task = try #require(try await TaskRecord.find(d.taskID, on: app.db))
            #expect(d.pointsLost == 0.5 && d.responsible.name == tuphap.displayName && task.$lead.id == tuphap.id)
            let listed = try await call(app, .GET, "/api/v1/par-assessments/\(fresh.id)/deductions", supervisor)
            #expect(try listed.content.decode([ParIndexAPI.Deduction].self).map(\.code) == ["2.1"])
            let proposal = try await call(
                app, .POST, "/api/v1/par-assessments/\(fresh.id)/breakthroughs", justice,
                [
                    "title": "Số hóa toàn bộ sổ hộ tịch", "product": "Dữ liệu hộ tịch số", "code": "2.1",
                    "deadline": "2026-06-30",
                ])
            #expect(proposal.status == .created)
            let b = try proposal.content.decode(ParIndexAPI.Breakthrough.self)
            let decided = try await call(
                app, .POST, "/api/v1/par-breakthroughs/\(b.id)/decide", office, ["approve": true])
            let approved = try decided.content.decode(ParIndexAPI.Breakthrough.self)
            #expect(approved.status == "approved" && approved.taskID != nil && approved.proposer.id == tuphap.id)

            // check: the ranking of the province lists the ward with its result
            let ranking = try await call(app, .GET, "/api/v1/par/ranking?year=2025", supervisor)
                .content.decode(ParIndexAPI.Ranking.self)
            #expect(ranking.wards.map(\.unitCode) == [Self.ward] && ranking.wards.first?.percent == 95.5)
            #expect(ranking.wards.first?.areas.count == 9 && ranking.areas.first?.code == "1")

            // check: the export holds both sheets with the same numbers
            let xlsx = try await call(app, .GET, "/api/v1/par-assessments/\(fresh.id)/xlsx", supervisor)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let table = try XLSXReader.rows(Array(xlsx.body.readableBytesView))
            let line21 = try #require(table.first { $0.fields.first == "2.1" })
            #expect(Array(line21.fields[2...3]) == ["3", "3"] && line21.fields[5] == "2" && line21.fields[8] == "2.5")
            #expect(line21.fields[4].contains("số 15/BC-UBND, ngày 10/12/2025") && line21.fields[10] == "2.5")
            #expect(line21.fields[7].contains("02/TĐ"))
            let area2 = try #require(table.first { $0.fields.first == "2" })
            #expect(area2.fields[2] == "8" && area2.fields[10] == "7.5")
            let total = try #require(table.first { $0.fields.count > 1 && $0.fields[1] == "TỔNG ĐIỂM" })
            #expect(total.fields[2] == "100" && total.fields.last == "95.5")
            let index = try #require(
                table.first { $0.fields.count > 1 && $0.fields[1] == "CHỈ SỐ CCHC (%) VÀ XẾP LOẠI" })
            #expect(index.fields.last == "0.955" && index.fields[9] == "Xếp loại: Xuất sắc")
            let book = try Archive(data: Data(buffer: xlsx.body), accessMode: .read)
            let workbook = try part("xl/workbook.xml", in: book)
            #expect(workbook.contains("Bảng điểm") && workbook.contains("Tài liệu kiểm chứng"))
            #expect(try part("xl/worksheets/sheet1.xml", in: book).contains("điểm của bộ tiêu chí này là minh họa"))
            let evidence = try part("xl/worksheets/sheet2.xml", in: book)
            #expect(
                evidence.contains("https://phuong.example/reports/matrix")
                    && evidence.contains("Sổ theo dõi hồ sơ đất đai"))

            // check: the evidence list page links every item
            let page = try await app.webSession("giamsat").get(app, ParPaths.evidenceList(fresh.id))
            #expect(page.status == .ok)
            #expect(page.body.string.contains("href=\"/reports/matrix\"") && page.body.string.contains("KC-1.2"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anImportIsPreviewedThenAppliedAndABadTableIsRefusedByLineAndColumn(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup: the demo's reform work, with the province's 2025 framework
            try await DemoReform.loadIfEmpty(now: app.now, utcOffset: app.config.utcOffset, on: app.db)
            let office = try await app.token("vanphong")
            let supervisor = try await app.token("giamsat")
            var body: [String: Any] = [
                "year": 2026, "title": "Bộ tiêu chí năm 2026", "source": "QĐ 1/QĐ-UBND", "selfEnds": "2027-01-31",
                "firstRoundEnds": "2027-03-15", "explanationEnds": "2027-03-31", "secondRoundEnds": "2027-04-30",
                "criteriaCSV":
                    "code,parent,title,max_points,scoring\n1,,Chỉ đạo,5,self\n1.1,1,Kế hoạch,3,self\n1.2,1,Báo cáo,2,self\n",
            ]
            // act: a dry run stores nothing
            let preview = try await call(app, .POST, "/api/v1/units/\(Self.ward)/par-frameworks", office, body)
            #expect(preview.status == .ok)
            let read = try preview.content.decode(ParIndexAPI.ImportResult.self)
            #expect(!read.applied && read.id == nil && read.maximum == 5 && read.criteria.count == 3)
            #expect(try await ParFrameworkRecord.query(on: app.db).filter(\.$year == 2026).count() == 0)
            // act: a bad table is refused line by line
            body["dryRun"] = false
            var bad = body
            bad["criteriaCSV"] =
                "code,parent,title,max_points,scoring\n1,,Chỉ đạo,2,self\n1.1,1,Kế hoạch,3,self\n1.2,9,Báo cáo,x,self\n"
            let refused = try await call(app, .POST, "/api/v1/units/\(Self.ward)/par-frameworks", office, bad)
            #expect(refused.status == .unprocessableEntity)
            let problems = try #require(try object(refused)["problems"] as? [[String: Any]])
            #expect(problems.contains { $0["line"] as? Int == 4 && $0["column"] as? String == "max_points" })
            #expect(try message(refused).contains("chưa có gì được lưu"))
            #expect(try await ParFrameworkRecord.query(on: app.db).filter(\.$year == 2026).count() == 0)
            // act: applied, on the province (the ward office's parent)
            let applied = try await call(app, .POST, "/api/v1/units/\(Self.ward)/par-frameworks", office, body)
            #expect(applied.status == .created)
            let listed = try await call(app, .GET, "/api/v1/par/frameworks?year=2026", supervisor)
                .content.decode([ParIndexAPI.FrameworkSummary].self)
            #expect(listed.map(\.provinceCode) == ["000.00.00.H42"] && listed.first?.maximum == 5)
            // act + check: the province moves its dates and copies a framework; the ward office may not
            let id = try #require(listed.first?.id)
            #expect(
                try await call(app, .POST, "/api/v1/par/frameworks/\(id)/schedule", office, ["selfEnds": "2027-02-10"])
                    .status
                    == .forbidden)
            let moved = try await call(
                app, .POST, "/api/v1/par/frameworks/\(id)/schedule", supervisor,
                [
                    "selfEnds": "2027-02-10", "firstRoundEnds": "2027-03-15", "explanationEnds": "2027-03-31",
                    "secondRoundEnds": "2027-04-30",
                ])
            #expect(try moved.content.decode(ParIndexAPI.Framework.self).schedule.selfEnds == "2027-02-10")
            let copied = try await call(app, .POST, "/api/v1/par/frameworks/\(id)/copy", supervisor, ["year": 2027])
            #expect(copied.status == .created)
            #expect(try copied.content.decode(ParIndexAPI.Framework.self).schedule.selfEnds == "2028-02-10")
        }
    }

    @Test(arguments: TestDatabase.all)
    func unknownRecordsAndAnUnstartedYearAnswer404WithAMessage(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: Self.clock) { app in
            // setup: the demo's reform work, with the province's 2025 framework
            try await DemoReform.loadIfEmpty(now: app.now, utcOffset: app.config.utcOffset, on: app.db)
            let office = try await app.token("vanphong")
            let nobody = UUID().uuidString
            // act + check
            let unstarted = try await call(app, .GET, "/api/v1/units/\(Self.ward)/par/2025", office)
            #expect(unstarted.status == .notFound)
            #expect(try message(unstarted).contains("chưa bắt đầu tự đánh giá Chỉ số CCHC năm 2025"))
            for (method, path) in [
                (HTTPMethod.GET, "/api/v1/par/frameworks/\(nobody)"), (.POST, "/api/v1/par-scores/\(nobody)/self"),
                (.POST, "/api/v1/par-assessments/\(nobody)/submit"), (.GET, "/api/v1/par-assessments/\(nobody)/xlsx"),
                (.POST, "/api/v1/par-breakthroughs/\(nobody)/decide"),
            ] {
                let res = try await call(app, method, path, office, method == .POST ? ["approve": true] : nil)
                #expect(res.status == .notFound, "\(method) \(path): \(res.status)")
            }
        }
    }
}
