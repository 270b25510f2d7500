import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

@Suite struct OnlineApplicationTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
    static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj <</Type /Page>> endobj\ntrailer <<>>\n%%EOF\n".utf8)

    @Test func filesAreCheckedByContentNotName() async throws {
        #expect(try FileStore.kind(of: Self.png) == .png)
        #expect(try FileStore.kind(of: Self.pdf) == .pdf)
        #expect(try FileStore.kind(of: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(throws: FileStore.Problem.self) { try FileStore.kind(of: Array("MZ executable".utf8)) }
        #expect(throws: FileStore.Problem.self) { try FileStore.kind(of: Array("%PDF-1.4 truncated".utf8)) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        let store = FileStore(blobs: LocalBlobStore(dataDirectory: dir), maxBytes: 100, logger: Logger(label: "test"))
        let stored = try await store.store(Self.png, originalName: "../../etc/passwd\u{0}.png")
        #expect(stored.originalName == "....etcpasswd.png" && stored.kind == .png && stored.sha256.count == 64)
        let onDisk = "\(dir)/files/\(stored.sha256.prefix(2))/\(stored.sha256)"
        #expect(FileManager.default.contents(atPath: onDisk) == Data(Self.png))
        #expect(try await store.read(sha256: stored.sha256) == Self.png)
        await #expect(throws: FileStore.Problem.self) {
            try await store.store(Array(repeating: 0x89, count: 101), originalName: "big")
        }
        // bytes changed behind the store's back are never given out as the file
        try Data(Self.png.dropLast() + [1]).write(to: URL(fileURLWithPath: onDisk))
        await #expect(throws: FileStore.Corrupt.self) { try await store.read(sha256: stored.sha256) }
        try? FileManager.default.removeItem(atPath: dir)
    }

    @Test func theAPITakesAnApplicationWithItsFiles() async throws {
        try await withDemoApp(.sqlite) { app in
            let record = try await CatalogQueries.find(code: "2.000908", unitCode: nil, on: app.db)
            var completed = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            completed.components = [Component(name: "Văn bản đề nghị cấp bản sao", form: "bản chính")]
            try await ProcedureEditing.save(
                completed, as: record, unit: UnitQueries.find(code: "000.00.31.H42", on: app.db),
                effectiveFrom: LocalDate(parsing: "2025-07-01"), actor: .system("test"), on: app.db)
            let token = try await app.token("congdan")
            func post(_ content: [UInt8]) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/applications", headers: bearer(token),
                    beforeRequest: { req in
                        try req.content.encode(
                            DossierAPI.ApplicationRequest(
                                procedureCode: "2.000908",
                                applicant: Applicant(name: "Võ Thị Hồng Nhung", idNumber: "042196009999"),
                                attachments: [
                                    .init(
                                        component: "Văn bản đề nghị cấp bản sao", filename: "de-nghi.pdf",
                                        contentBase64: Data(content).base64EncodedString())
                                ]), as: .json)
                    })
            }
            #expect(try await post(Array("plain text".utf8)).status == .unprocessableEntity)
            let ok = try await post(Self.pdf)
            #expect(ok.status == .created)
            #expect(try ok.content.decode(DossierAPI.DossierResponse.self).state == "submitted-online")
        }
    }

    func multipart(_ app: Application, _ session: WebSession, _ path: String, files: [(String, String, [UInt8])])
        async throws -> TestingHTTPResponse
    {
        try await session.postMultipart(app, path, files: files.map { (name: $0.0, filename: $0.1, bytes: $0.2) })
    }

    @Test(arguments: TestDatabase.all)
    func aCitizenAppliesOnlineAndTheCounterReceivesItOnce(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: 2.000908 is offered fully online in the sample catalogue, whose source lists no
            // components; the ward office completes it first, as it would in the staff editor
            let record = try await CatalogQueries.find(code: "2.000908", unitCode: nil, on: app.db)
            var completed = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            completed.components = [
                Component(name: "Văn bản đề nghị cấp bản sao", form: "bản chính"),
                Component(name: "Giấy tờ tùy thân", form: "bản sao"),
            ]
            try await ProcedureEditing.save(
                completed, as: record, unit: UnitQueries.find(code: "000.00.31.H42", on: app.db),
                effectiveFrom: LocalDate(parsing: "2025-07-01"), actor: .system("test"), on: app.db)
            let citizen = try await app.webSession("congdan")
            let list = try await citizen.get(app, "/apply?q=chung%20thuc").body.string
            #expect(list.contains("/apply/2.000908"))
            // not offered online: a page saying so, with the way to the counter (issue 12), and no way to post an application
            #expect(
                try await citizen.get(app, "/apply/1.001193").body.string.contains(
                    "Đơn vị chưa cung cấp thủ tục này trực tuyến"))
            #expect(
                try await citizen.post(
                    app, "/apply/1.001193/applicant", form: ["name": "Võ Thị Hồng Nhung", "idNumber": "042196009999"]
                ).status == .unprocessableEntity)
            // act: the guided pages
            let bad = try await citizen.post(
                app, "/apply/2.000908/applicant",
                form: ["name": "Võ Thị Hồng Nhung", "idNumber": "12", "phone": "0905111222"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("12 chữ số"))
            #expect(
                try await citizen.post(
                    app, "/apply/2.000908/applicant",
                    form: ["name": "Võ Thị Hồng Nhung", "idNumber": "042196009999", "phone": "0905111222"]
                ).status == .seeOther)
            let p = try await CatalogQueries.versions(
                of: CatalogQueries.find(code: "2.000908", unitCode: nil, on: app.db), on: app.db
            ).last!.procedureContent
            let refused = try await multipart(
                app, citizen, "/apply/2.000908/documents", files: [("file0", "giay-to.pdf", Array("not a pdf".utf8))])
            #expect(
                refused.status == .unprocessableEntity
                    && refused.body.string.contains("Chỉ nhận tệp PDF, JPEG hoặc PNG"))
            let files = p.components.indices.map { ("file\($0)", "scan\($0).png", Self.png) }
            #expect(try await multipart(app, citizen, "/apply/2.000908/documents", files: files).status == .seeOther)
            let check = try await citizen.get(app, "/apply/2.000908/check").body.string
            #expect(check.contains("Võ Thị Hồng Nhung") && !check.contains("CÒN THIẾU"))
            let done = try await citizen.post(app, "/apply/2.000908/submit", form: [:])
            #expect(done.status == .ok && done.body.string.contains("Đã nộp hồ sơ"))
            let d = try #require(try await DossierRecord.query(on: app.db).filter(\.$channel == "online").first())
            #expect(d.state == .submittedOnline && d.code != nil && d.receivedAt == nil)
            #expect(try await citizen.get(app, "/my/dossiers").body.string.contains(d.code!))
            // the counter sees it waiting, with its 8-hour countdown
            let clerk = try await app.webSession("motcua")
            let queue = try await clerk.get(app, "/counter").body.string
            #expect(queue.contains("Hồ sơ trực tuyến chờ tiếp nhận (1)") && queue.contains(d.code!))
            // two clerks receive it at the same moment: exactly one succeeds
            let second = try await app.webSession("motcua")
            async let a = clerk.post(app, "/counter/dossiers/\(d.id!)/decide", form: ["decision": "receive"])
            async let b = second.post(app, "/counter/dossiers/\(d.id!)/decide", form: ["decision": "receive"])
            let statuses = try await [a.status, b.status].map(\.code).sorted()
            #expect(statuses[0] == 303 && [409, 422].contains(statuses[1]))
            let after = try #require(try await DossierRecord.find(d.id, on: app.db))
            #expect(after.state == .received && after.dueAt != nil)
            #expect(
                try await DossierEventRecord.query(on: app.db).filter(\.$dossier.$id == d.id!).filter(
                    \.$action == "receive"
                ).count() == 1)
        }
    }
}
