import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

@Suite struct CommunicationTests {
    static let ward = "000.00.31.H42"
    static let pdf: [UInt8] = Array(
        """
        %PDF-1.7
        1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
        2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
        3 0 obj <</Type /Page /Parent 2 0 R>> endobj
        % Bien ban hoi nghi
        %%EOF

        """
        .utf8)

    static func activity(_ overrides: [String: String] = [:]) -> [String: String] {
        var form = [
            "date": "2026-02-10", "form": "thematic-conference", "title": "Hội nghị chuyên đề CCHC quý I",
            "audience": "Cán bộ, công chức",
            "participants": "40", "content": "Quán triệt nhiệm vụ CCHC", "documentNumber": "12/GM-UBND",
            "documentDate": "2026-02-03",
        ]
        for (k, v) in overrides { form[k] = v }
        return form
    }

    @Test(arguments: TestDatabase.all)
    func activitiesAreCountedPerQuarterWithThematicConferencesApart(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let office = try await app.webSession("vanphong")
            // act: a conference in Q1 (page), a broadcast with a file in Q2 (page), a web post in Q2 (API)
            #expect(
                try await office.postMultipart(app, "/communication", fields: Self.activity(), files: []).status
                    == .seeOther)
            let withFile = try await office.postMultipart(
                app, "/communication",
                fields: Self.activity([
                    "date": "2026-05-05", "form": "loudspeaker",
                    "participants": "", "documentNumber": "", "documentDate": "",
                ]),
                files: [(name: "file", filename: "bien-ban.pdf", bytes: Self.pdf)])
            #expect(withFile.status == .seeOther)
            let api = try await app.testing().sendRequest(
                .POST, "/api/v1/communication", headers: bearer(try await app.token("chutich")),
                beforeRequest: { req in
                    try req.content.encode(
                        CommunicationAPI.NewActivity(
                            date: "2026-05-20", form: "website", title: "Tin hướng dẫn", audience: "Người dân",
                            participants: nil, content: "Bài viết", link: "/procedures", linkLabel: "Thủ tục"),
                        as: .json)
                })
            #expect(api.status == .created)
            // check: the counts per quarter and form
            let ward = try await UnitQueries.find(code: Self.ward, on: app.db)
            let counts = try await CommunicationQueries.countByQuarter(
                unitID: try ward.requireID(), year: 2026, on: app.db)
            #expect(counts.quarters.map(\.activities) == [1, 2, 0, 0])
            #expect(counts.quarters.map(\.thematicConferences) == [1, 0, 0, 0])
            #expect(
                counts.quarters[0].participants == 40 && counts.quarters[1].count(.loudspeaker) == 1
                    && counts.quarters[1].count(.website) == 1)
            #expect(counts.total.activities == 3)
            #expect(
                try await CommunicationQueries.countByQuarter(unitID: try ward.requireID(), year: 2025, on: app.db)
                    .total.activities == 0)
            // the page shows them; the file is served back
            let page = try await office.get(app, "/communication?year=2026").body.string
            #expect(
                page.contains("Hội nghị chuyên đề CCHC quý I") && page.contains("12/GM-UBND ngày 03/02/2026")
                    && page.contains("bien-ban.pdf")
                    && page.contains("Không tổ chức hội nghị chuyên đề nào trong quý"))
            let stored = try #require(
                try await CommunicationRecord.query(on: app.db).filter(\.$form == .loudspeaker).first())
            let file = try await office.get(app, "/communication/\(try stored.requireID())/file")
            #expect(file.status == .ok && Array(file.body.readableBytesView) == Self.pdf)
            // the API gives the same counts
            let year = try await app.testing().sendRequest(
                .GET, "/api/v1/communication?year=2026", headers: bearer(try await app.token("vanphong"))
            )
            .content.decode(CommunicationAPI.YearJSON.self)
            #expect(
                year.counts == counts && year.activities.count == 3 && year.activities.contains { $0.fileLink != nil })
        }
    }

    @Test(arguments: TestDatabase.all)
    func badActivitiesAreRefusedWithTheInputKeptAndNothingStored(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let office = try await app.webSession("vanphong")
            func refused(_ overrides: [String: String], file: [UInt8]? = nil, saying message: String) async throws {
                let res = try await office.postMultipart(
                    app, "/communication",
                    fields: Self.activity(overrides.merging(["title": "Tiêu đề giữ lại"]) { a, _ in a }),
                    files: file.map { [(name: "file", filename: "x.pdf", bytes: $0)] } ?? [])
                #expect(res.status == .unprocessableEntity, "\(overrides)")
                #expect(
                    res.body.string.contains(message) && res.body.string.contains("Tiêu đề giữ lại"),
                    "\(overrides): \(message)")
            }
            // act + check
            try await refused(["participants": "-5"], saying: "Số người tham dự không được là số âm")
            try await refused(["date": "2026-13-01"], saying: "không phải là một ngày có thật")
            try await refused(["date": "2099-01-05"], saying: "nhật ký chỉ ghi hoạt động đã diễn ra")
            try await refused(["form": "fireworks"], saying: "Cần chọn hình thức")
            try await refused(["documentNumber": "", "documentDate": ""], saying: "Cần ít nhất một minh chứng")
            try await refused(["link": "https://example.com/x"], saying: "đường dẫn trong PhuongSo")
            try await refused(
                [:], file: Array("MZ\u{90}\u{0}This program cannot be run".utf8), saying: "kiểm tra theo nội dung")
            try await refused([:], file: Array(Self.pdf.prefix(40)), saying: "Tệp PDF bị hỏng")
            let api = try await app.testing().sendRequest(
                .POST, "/api/v1/communication", headers: bearer(try await app.token("vanphong")),
                beforeRequest: { req in
                    try req.content.encode(
                        CommunicationAPI.NewActivity(
                            date: "2026-02-10", form: "training", title: "Tập huấn", audience: "Cán bộ",
                            participants: -3, content: "Nội dung", documentNumber: "1/KH"), as: .json)
                })
            #expect(api.status == .unprocessableEntity)
            let message = try api.content.get(String.self, at: "error", "fields", "participants")
            #expect(message.contains("âm"))
            #expect(try await CommunicationRecord.query(on: app.db).count() == 0)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "communication.create").count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOfficialCannotLogAndASupervisorReadsTheWardBelow(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the demo activities
            let ward = try await UnitQueries.find(code: Self.ward, on: app.db)
            try await DemoCommunication.load(ward: ward, on: app.db, now: Date())
            // act + check
            let official = try await app.webSession("tuphap")
            #expect(try await official.get(app, "/communication?year=2026").status == .ok)
            #expect(
                try await official.postMultipart(app, "/communication", fields: Self.activity(), files: []).status
                    == .forbidden)
            let supervisor = try await app.webSession("giamsat")
            let page = try await supervisor.get(app, "/communication?year=2026&unit=\(Self.ward)")
            #expect(
                page.status == .ok
                    && page.body.string.contains(
                        "Hội nghị chuyên đề cải cách hành chính quý I/2026 (hoạt động minh họa)")
            )
            #expect(!page.body.string.contains("Ghi nhận một hoạt động"))
            #expect(
                try await app.testing().sendRequest(
                    .POST, "/api/v1/communication", headers: bearer(try await app.token("giamsat")),
                    beforeRequest: { req in
                        try req.content.encode(
                            CommunicationAPI.NewActivity(
                                date: "2026-02-10", form: "training", title: "X", audience: "Y", content: "Z",
                                documentNumber: "1/KH"), as: .json)
                    }
                ).status == .forbidden)
            let counts = try await CommunicationQueries.countByQuarter(
                unitID: try ward.requireID(), year: 2026, on: app.db)
            #expect(counts.quarters.map(\.activities) == [2, 1, 0, 0] && counts.quarters[0].thematicConferences == 1)
        }
    }
}
