import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

@Suite struct ElectronicResultTests {
    static let result: [UInt8] = Array(
        """
        %PDF-1.7
        1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
        2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
        3 0 obj <</Type /Page /Parent 2 0 R>> endobj
        % Ban chung thuc so 12/2026
        %%EOF

        """
        .utf8)

    @Test(arguments: TestDatabase.all)
    func aSignedResultVerifiesAndTheSameFileWithOneByteChangedDoesNot(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let d = try await FeeDossiers.receive(app)
            let id = try d.requireID()
            let official = try await app.webSession("tuphap")
            #expect(try await official.act(app, id, ["action": "claim"]).status == .seeOther)
            // bad files are refused: an executable named .pdf, a truncated PDF
            let exe = try await official.postMultipart(
                app, "/counter/dossiers/\(id)/result", fields: ["title": "Bản chứng thực"],
                files: [
                    (
                        name: "file", filename: "ketqua.pdf",
                        bytes: Array("MZ\u{90}\u{0}This program cannot be run in DOS mode".utf8)
                    )
                ])
            #expect(exe.status == .unprocessableEntity && exe.body.string.contains("kiểm tra theo nội dung"))
            let truncated = try await official.postMultipart(
                app, "/counter/dossiers/\(id)/result", fields: ["title": "Bản chứng thực"],
                files: [(name: "file", filename: "ketqua.pdf", bytes: Array(Self.result.prefix(60)))])
            #expect(truncated.status == .unprocessableEntity)
            // act: the official issues the signed result
            let issued = try await official.postMultipart(
                app, "/counter/dossiers/\(id)/result", fields: ["title": "Bản chứng thực hợp đồng"],
                files: [(name: "file", filename: "../../ket qua.pdf", bytes: Self.result)])
            #expect(issued.status == .seeOther)
            let r = try #require(try await ResultRecord.query(on: app.db).filter(\.$dossier.$id == id).first())
            #expect(r.code.hasPrefix("KQ1-" + d.code!))
            #expect(try r.file.originalName == "....ket qua.pdf")
            // the dossier page links to the sheet and to the file itself
            let page = try await official.get(app, "/counter/dossiers/\(id)").body.string
            #expect(page.contains(ResultPaths.result(r.code) + "\"") && page.contains(ResultPaths.file(r.code)))
            // the sheet carries the code, the hash and a QR to the verify page
            let sheet = try await official.get(app, "/counter/results/\(r.code)").body.string
            #expect(
                sheet.contains("PHIẾU THÔNG TIN KẾT QUẢ ĐIỆN TỬ") && sheet.contains(r.sha256) && sheet.contains("<svg"))
            // check: anyone verifies by code; by the file; the file with one byte changed is refused
            let byCode = try await app.testing().sendRequest(.GET, "/verify?code=\(r.code)")
            #expect(byCode.body.string.contains("HỢP LỆ") && byCode.body.string.contains("Phường Thành Sen"))
            let visitor = try await app.webSession("congdan")
            let byFile = try await visitor.postMultipart(
                app, "/verify", fields: ["code": r.code],
                files: [(name: "file", filename: "kq.pdf", bytes: Self.result)])
            #expect(byFile.body.string.contains("HỢP LỆ: tệp đúng là kết quả đã phát hành"))
            var changed = Self.result
            changed[changed.count / 2] ^= 0x01
            let altered = try await visitor.postMultipart(
                app, "/verify", fields: ["code": r.code], files: [(name: "file", filename: "kq.pdf", bytes: changed)])
            #expect(altered.body.string.contains("KHÔNG HỢP LỆ") && !altered.body.string.contains("HỢP LỆ: tệp đúng"))
            let unknown = try await visitor.postMultipart(
                app, "/verify", files: [(name: "file", filename: "kq.pdf", bytes: changed)])
            #expect(unknown.body.string.contains("KHÔNG TÌM THẤY"))
            // the API says the same
            func verify(_ bytes: [UInt8], code: String?) async throws -> String {
                let res = try await app.testing().sendRequest(
                    .POST, "/api/v1/results/verify",
                    beforeRequest: { req in
                        try req.content.encode(
                            ResultsAPI.VerifyRequest(code: code, contentBase64: Data(bytes).base64EncodedString()),
                            as: .json)
                    })
                return try res.content.decode(ResultsAPI.VerdictJSON.self).status
            }
            #expect(try await verify(Self.result, code: nil) == "valid")
            #expect(try await verify(changed, code: r.code) == "altered")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/results/KQ9-NOPE").status == .notFound)
            // rotation: a new key signs the next result; the first still verifies
            let admin = try await app.webSession("admin")
            #expect(try await admin.post(app, "/admin/keys/000.00.31.H42/rotate", form: [:]).status == .seeOther)
            let second = try await app.testing().sendRequest(
                .POST, "/api/v1/dossiers/\(id)/results", headers: bearer(try await app.token("tuphap")),
                beforeRequest: { req in
                    try req.content.encode(
                        ResultsAPI.IssueRequest(
                            title: "Bản sao", filename: "b.pdf",
                            contentBase64: Data(Self.result + Array("\n".utf8)).base64EncodedString()), as: .json)
                })
            #expect(second.status == .created)
            let keys = try await SigningKeyRecord.query(on: app.db).all()
            #expect(keys.count == 2 && keys.filter { $0.retiredAt == nil }.count == 1)
            #expect(try await verify(Self.result, code: r.code) == "valid")
            let secondCode = try second.content.decode(ResultsAPI.VerdictJSON.self)
            #expect(secondCode.status == "valid" && secondCode.keyID != r.keyID)
            // the private key stays on the server, readable by its user only
            let keyFile = URL(fileURLWithPath: app.config.dataDirectory).appendingPathComponent(
                "keys/\(d.$unit.id)/\(r.keyID).pem"
            ).path
            let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(!sheet.contains("PRIVATE KEY"))
            // the applicant downloads the result from tracking; the file's headers are fixed by us
            let download = try await app.testing().sendRequest(
                .GET, "/track/result?code=\(d.code!)&secret=\(d.secret)&result=\(r.code)")
            #expect(
                download.status == .ok && download.headers.contentType == .pdf
                    && download.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(Array(download.body.readableBytesView) == Self.result)
        }
    }
}

@Suite struct DigitizationAndDataStoreTests {
    @Test(arguments: TestDatabase.all)
    func aScannedDocumentIsReusedByTheNextDossierAndTheOwnerSeesWhoUsedIt(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let first = try await FeeDossiers.receive(app, name: "Nguyễn Thị Lan", idNumber: "042195007777")
            let clerk = try await app.webSession("motcua")
            let scan = ElectronicResultTests.result
            // the page count must be given and is compared with the scan's
            let noPages = try await clerk.postMultipart(
                app, "/counter/dossiers/\(first.requireID())/scan", fields: ["component": "1"],
                files: [(name: "file", filename: "cccd.pdf", bytes: scan)])
            #expect(noPages.status == .unprocessableEntity)
            let saved = try await clerk.postMultipart(
                app, "/counter/dossiers/\(first.requireID())/scan",
                fields: ["component": "1", "originalPages": "2", "validUntil": "2035-01-01"],
                files: [(name: "file", filename: "cccd.pdf", bytes: scan)])
            #expect(saved.status == .seeOther)
            let page = try await clerk.get(app, "/counter/dossiers/\(first.requireID())").body.string
            #expect(page.contains("Bản quét 1/2 trang") && page.contains("SỐ TRANG KHÔNG KHỚP"))
            let stored = try #require(
                try await StoredDocumentRecord.query(on: app.db).filter(\.$owner == "042195007777").first())
            #expect(stored.name == "Giấy tờ tùy thân" && stored.validUntil == "2035-01-01")
            // the intake form offers it for the same applicant
            let form = try await clerk.get(app, "/counter/new/\(FeeDossiers.procedure)?lookup=042195007777").body.string
            #expect(form.contains("lấy từ kho dữ liệu"))
            // act: a second dossier takes it from the store instead of paper
            let second = try await FeeDossiers.receive(
                app, name: "Nguyễn Thị Lan", idNumber: "042195007777",
                reused: ["Giấy tờ tùy thân": try stored.requireID()])
            let component = try #require(try second.components.first { $0.name == "Giấy tờ tùy thân" })
            #expect(component.submitted && component.reusedDocument == stored.id && component.digitized)
            let uses = try await DocumentUseRecord.query(on: app.db).all()
            #expect(uses.count == 1 && uses[0].dossierCode == second.code && uses[0].usedBy == "motcua")
            // the flags the 766 index counts, over the API
            let token = try await app.token("motcua")
            func flags(_ d: DossierRecord) async throws -> DossierAPI.Flags {
                try #require(
                    try await app.testing().sendRequest(
                        .GET, "/api/v1/dossiers/\(d.requireID())", headers: bearer(token)
                    ).content.decode(DossierAPI.DossierResponse.self).flags)
            }
            let f1 = try await flags(first)
            let f2 = try await flags(second)
            #expect(f1.channel == "counter" && !f1.paidOnline && !f1.electronicResult)
            #expect(
                f1.components.map(\.digitized) == [false, true] && f1.components[1].scanPages == 1
                    && f1.components[1].originalPages == 2)
            #expect(f2.components.map(\.fromDataStore) == [false, true] && f2.components[1].digitized)
            // someone else's document cannot be reused
            await #expect(throws: AppError.self) {
                _ = try await FeeDossiers.receive(
                    app, name: "Người khác", idNumber: "042195008888",
                    reused: ["Giấy tờ tùy thân": try stored.requireID()])
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCitizenSeesTheirStoreOnceTheCounterHasReceivedTheirOnlineDossier(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            try await FeeDossiers.complete(app)
            let citizen = try await app.webSession("congdan")
            let token = try await app.token("congdan")
            let applied = try await app.testing().sendRequest(
                .POST, "/api/v1/applications", headers: bearer(token),
                beforeRequest: { req in
                    try req.content.encode(
                        DossierAPI.ApplicationRequest(
                            procedureCode: FeeDossiers.procedure,
                            applicant: Applicant(name: "Võ Thị Hồng Nhung", idNumber: "042196009999"),
                            attachments: [
                                .init(
                                    component: "Hợp đồng, giao dịch", filename: "hd.pdf",
                                    contentBase64: Data(ElectronicResultTests.result).base64EncodedString()),
                                .init(
                                    component: "Giấy tờ tùy thân", filename: "cccd.pdf",
                                    contentBase64: Data(ElectronicResultTests.result).base64EncodedString()),
                            ]),
                        as: .json)
                })
            #expect(applied.status == .created)
            // before the counter checks who applied, nothing is linked
            #expect(try await citizen.get(app, "/my/documents").body.string.contains("Chưa có giấy tờ nào."))
            let d = try #require(
                try await DossierRecord.query(on: app.db).filter(\.$applicantIDNumber == "042196009999").with(\.$unit)
                    .first())
            try await OnlineIntake.decide(
                d, decision: .receive, clerk: "motcua", actor: .system("t"), now: Date(), utcOffset: 7 * 3600,
                on: app.db)
            let mine = try await citizen.get(app, "/my/documents").body.string
            #expect(mine.contains("Giấy tờ tùy thân") && mine.contains(d.code!))
            // the online dossier owes its fee from the moment it is received
            #expect(try await FeeService.account(of: d.requireID(), on: app.db).outstanding == 50_000)
            // staff open its files through the dossier; a hash it does not hold is not served
            let clerk = try await app.webSession("motcua")
            let sha = try #require(try d.attachments.first?.file.sha256)
            let file = try await clerk.get(app, "/counter/dossiers/\(d.requireID())/files/\(sha)")
            #expect(
                file.status == .ok && file.headers.contentType == .pdf
                    && file.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(
                try await clerk.get(
                    app, "/counter/dossiers/\(d.requireID())/files/\(String(repeating: "0", count: 64))"
                ).status == .notFound)
            // act: the next online application takes both documents from the store
            let base = "/apply/\(FeeDossiers.procedure)"
            #expect(
                try await citizen.post(
                    app, base + "/applicant", form: ["name": "Võ Thị Hồng Nhung", "idNumber": "042196009999"]
                ).status == .seeOther)
            let page = try await citizen.get(app, base + "/documents").body.string
            #expect(page.contains("dùng giấy tờ đã có trong kho dữ liệu"))
            let docs = try await StoredDocumentRecord.query(on: app.db).filter(\.$owner == "042196009999").all()
            let byName = Dictionary(
                docs.map { ($0.name, try! $0.requireID().uuidString) }, uniquingKeysWith: { a, _ in a })
            let saved = try await citizen.postMultipart(
                app, base + "/documents",
                fields: ["reuse0": byName["Hợp đồng, giao dịch"]!, "reuse1": byName["Giấy tờ tùy thân"]!], files: [])
            #expect(saved.status == .seeOther)
            #expect(try await citizen.post(app, base + "/submit", form: [:]).status == .ok)
            let second = try #require(
                try await DossierRecord.query(on: app.db).filter(\.$applicantIDNumber == "042196009999").filter(
                    \.$id != d.requireID()
                ).first())
            #expect(
                try second.components.allSatisfy { $0.reusedDocument != nil }
                    && second.attachments.allSatisfy { $0.storedDocument != nil })
            let uses = try await DocumentUseRecord.query(on: app.db).all()
            #expect(uses.count == 2 && uses.allSatisfy { $0.usedBy == "congdan" && $0.dossierCode == second.code })
            #expect(try await citizen.get(app, "/my/documents").body.string.contains(second.code!))
            // a document id that is not theirs is refused
            let foreign = try await citizen.postMultipart(
                app, base + "/documents", fields: ["reuse0": UUID().uuidString], files: [])
            #expect(foreign.status == .unprocessableEntity)
        }
    }

    @Test func uploadsLargerThanTheLimitAreRefusedBeforeTheyAreRead() async throws {
        try await withDemoApp(.sqlite, adjust: { $0.maxUploadBytes = 1024 }) { app in
            let d = try await FeeDossiers.receive(app)
            let clerk = try await app.webSession("motcua")
            var big = Array("%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n".utf8)
            big += Array(repeating: 0x20, count: 2048) + Array("\n%%EOF\n".utf8)
            let over = try await clerk.postMultipart(
                app, "/counter/dossiers/\(d.requireID())/scan", fields: ["component": "0", "originalPages": "1"],
                files: [(name: "file", filename: "big.pdf", bytes: big)])
            #expect(over.status == .unprocessableEntity && over.body.string.contains("lớn hơn"))
            // a body beyond the route's cap (25 MB) is cut off by the server itself, over a real connection
            var huge = ByteBuffer()
            huge.writeRepeatingByte(0x41, count: 26 * 1_048_576)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: Int.random(in: 40_000..<50_000)))
            let refused = try await live.sendRequest(
                .POST, "/counter/dossiers/\(d.requireID())/scan",
                headers: ["Content-Type": "multipart/form-data; boundary=x", "Cookie": clerk.cookie ?? ""], body: huge)
            #expect(refused.status == .payloadTooLarge)
            // a streamed upload under the cap reaches the handler (the form, CSRF token included, is read from the whole body)
            let boundary = "b\(UUID().uuidString)"
            var form = ByteBuffer()
            form.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(clerk.csrf)\r\n")
            form.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"component\"\r\n\r\n0\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"originalPages\"\r\n\r\n1\r\n"
            )
            form.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n"
            )
            form.writeBytes(big + Array(repeating: 0x20, count: 3 * 1_048_576))
            form.writeString("\r\n--\(boundary)--\r\n")
            let streamed = try await live.sendRequest(
                .POST, "/counter/dossiers/\(d.requireID())/scan",
                headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": clerk.cookie ?? ""],
                body: form)
            #expect(streamed.status == .unprocessableEntity && streamed.body.string.contains("lớn hơn"))
            #expect(try await StoredDocumentRecord.query(on: app.db).count() == 0)
        }
    }
}
