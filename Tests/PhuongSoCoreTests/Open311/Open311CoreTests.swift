import Testing

@testable import PhuongSoCore

/// GeoReport v2's documents, written the same in JSON and XML, and the reading of what apps send.
@Suite struct Open311DocumentTests {
    @Test func aServiceListIsAJSONArrayAndAnXMLListOfServiceElements() {
        // setup
        let doc = Open311Document(
            root: "services",
            .list(
                item: "service",
                [.record([Open311Field("service_code", .text("official")), Open311Field("metadata", .bool(true))])]))
        // act + check
        #expect(doc.rendered(as: .json) == #"[{"service_code":"official","metadata":true}]"#)
        #expect(
            doc.rendered(as: .xml)
                == #"<?xml version="1.0" encoding="utf-8"?><services><service><service_code>official</service_code>"#
                + "<metadata>true</metadata></service></services>")
    }

    @Test func textIsEscapedForEachFormatAndVietnameseIsKept() {
        // setup: quotes, markup, a newline, a control character XML forbids
        let doc = Open311Document(
            root: "x", .record([Open311Field("d", .text("Đường \"Lê Lợi\" <số 5> & ngõ\n\u{1}hết"))]))
        // act + check
        #expect(doc.rendered(as: .json) == #"{"d":"Đường \"Lê Lợi\" <số 5> & ngõ\n\u0001hết"}"#)
        #expect(doc.rendered(as: .xml).hasSuffix("<x><d>Đường &quot;Lê Lợi&quot; &lt;số 5&gt; &amp; ngõ\nhết</d></x>"))
    }

    @Test func nullIsJSONNullAndAnEmptyXMLElement() {
        let doc = Open311Document(
            root: "r", .record([Open311Field("lat", .null), Open311Field("n", .number(21.0285))]))
        #expect(doc.rendered(as: .json) == #"{"lat":null,"n":21.0285}"#)
        #expect(doc.rendered(as: .xml).hasSuffix("<r><lat></lat><n>21.0285</n></r>"))
    }

    @Test func errorsAreAListOfCodeAndDescription() {
        let doc = Open311Error.document([Open311Error(403, "api_key không hợp lệ")])
        #expect(doc.rendered(as: .json) == #"[{"code":403,"description":"api_key không hợp lệ"}]"#)
        #expect(
            doc.rendered(as: .xml).hasSuffix(
                "<errors><error><code>403</code><description>api_key không hợp lệ</description></error></errors>"))
    }

    @Test(arguments: [
        ("services.json", "services", Open311Format.json), ("requests.XML", "requests", .xml),
        ("PA-2026-000001.json", "PA-2026-000001", .json),
    ])
    func aFileNameSplitsIntoNameAndFormat(file: String, name: String, format: Open311Format) {
        let split = Open311Format.split(file)
        #expect(split?.name == name && split?.format == format)
    }

    @Test(arguments: ["services", "services.csv", "services."])
    func aFileNameWithoutJSONOrXMLHasNoFormat(file: String) {
        #expect(Open311Format.split(file) == nil)
    }
}

@Suite struct Open311ServiceTests {
    @Test func theServicesAreTheKindsACitizenCanSendNotTheDossierRating() {
        #expect(Open311Service.all.map(\.code) == ["procedure", "official", "suggestion", "neighbourhood"])
        #expect(Open311Service.named("dossier-rating") == nil)
    }

    @Test func theOfficialServiceAsksForTheDossierCodeAsAnOptionalAttribute() {
        let json = Open311Service.named("official")!.definition.rendered(as: .json)
        #expect(json.contains(#""code":"dossier_code""#) && json.contains(#""required":false"#))
        #expect(json.hasPrefix(#"{"service_code":"official","attributes":["#))
    }

    @Test(arguments: FeedbackStatus.allCases)
    func anItemIsClosedOnceTheWardsWorkOnItIsOver(status: FeedbackStatus) {
        let closed: Set<FeedbackStatus> = [.published, .closed, .rejected, .forwarded]
        #expect(Open311Status(status) == (closed.contains(status) ? .closed : .open))
        #expect(Open311Status(status).feedbackStatuses.contains(status))
    }
}

@Suite struct Open311PostRequestTests {
    static var complaint: Open311PostRequest {
        var p = Open311PostRequest()
        p.serviceCode = "official"
        p.description = "Cán bộ hẹn tôi ba lần mà chưa nhận hồ sơ.\nTôi đã đến vào các ngày 2, 4 và 6/2."
        p.phone = "0912 345 678"
        p.firstName = "Lan"
        p.lastName = "Nguyễn Thị"
        p.attributes = ["dossier_code": " 000.00.31.H42-260205-0001 "]
        return p
    }

    @Test func aComplaintMapsToTheOfficialKindWithTheNameInVietnameseOrder() throws {
        // act
        let m = try Self.complaint.mapped().get()
        // check
        #expect(m.kind == .official)
        #expect(m.name == "Nguyễn Thị Lan")
        #expect(m.contact == "0912 345 678")
        #expect(m.title == "Cán bộ hẹn tôi ba lần mà chưa nhận hồ sơ.")
        #expect(m.dossierCode == "000.00.31.H42-260205-0001")
    }

    @Test func aTitleAttributeIsUsedAsGiven() throws {
        var p = Self.complaint
        p.attributes["title"] = "Chậm nhận hồ sơ"
        #expect(try p.mapped().get().title == "Chậm nhận hồ sơ")
    }

    @Test func aLongFirstLineIsCutAtAWordWithAnEllipsis() {
        let words = Array(repeating: "đường", count: 30).joined(separator: " ")  // 179 characters
        let title = Open311PostRequest.title(from: words)
        #expect(title.hasSuffix("…") && title.count <= Open311PostRequest.titleFromDescriptionLength + 1)
        #expect(title.dropLast().hasSuffix("đường"))
    }

    @Test func anEmailThatReadsAsOneIsPreferredToABrokenPhone() throws {
        var p = Self.complaint
        p.phone = "12"
        p.email = "lan@example.vn"
        #expect(try p.mapped().get().contact == "lan@example.vn")
    }

    @Test func neighbourhoodFeedbackWithOnlyCoordinatesNamesThePlaceByThem() throws {
        var p = Self.complaint
        p.serviceCode = "neighbourhood"
        p.latitude = "21.0285"
        p.longitude = "105.8542"
        let m = try p.mapped().get()
        #expect(m.place == "Tọa độ 21.0285, 105.8542 (gửi qua ứng dụng)")
        #expect(m.latitude == "21.0285")
    }

    @Test func aMediaURLIsKeptInTheTextForStaffToOpen() throws {
        var p = Self.complaint
        p.mediaURL = "https://anh.example/1.jpg"
        #expect(try p.mapped().get().text.hasSuffix("(đường dẫn do ứng dụng gửi): https://anh.example/1.jpg"))
    }

    @Test func everyProblemIsAnsweredTogetherAsFourHundred() {
        // setup: no service, no contact, half a position, a media link that is not http
        var p = Open311PostRequest()
        p.latitude = "21"
        p.mediaURL = "file:///etc/passwd"
        // act
        guard case .failure(let problems) = p.mapped() else {
            Issue.record("mapped")
            return
        }
        // check
        #expect(problems.errors.count == 4)
        #expect(problems.errors.allSatisfy { $0.code == 400 })
        #expect(problems.status == 400)
    }

    @Test func anUnknownServiceIsRefused() {
        var p = Self.complaint
        p.serviceCode = "potholes"
        guard case .failure(let problems) = p.mapped() else {
            Issue.record("mapped")
            return
        }
        #expect(problems.errors.map(\.description) == ["Không có dịch vụ “potholes”; xem danh sách tại services."])
    }
}

@Suite struct Open311QueryTests {
    static let now: Int64 = 1_780_000_000

    @Test func withoutDatesTheWindowIsTheLastNinetyDays() throws {
        let q = try Open311Query.parse(ids: nil, serviceCodes: nil, start: nil, end: nil, status: nil, now: Self.now)
            .get()
        #expect(q.to == Self.now && q.from == Self.now - 90 * 86400)
    }

    @Test func aStartDateAloneOpensNinetyDaysFromIt() throws {
        let q = try Open311Query.parse(
            ids: nil, serviceCodes: nil, start: "2026-02-01T00:00:00+07:00", end: nil, status: "open,closed",
            now: Self.now
        ).get()
        #expect(q.from == 1_769_878_800 && q.to == q.from + 90 * 86400)
        #expect(q.statuses == [.open, .closed])
    }

    @Test func moreThanNinetyDaysUnknownStatusesAndBadDatesAreRefused() {
        let r = Open311Query.parse(
            ids: nil, serviceCodes: "official,potholes", start: "2026-01-01T00:00:00Z", end: "2026-06-01T00:00:00Z",
            status: "pending", now: Self.now)
        guard case .failure(let p) = r else {
            Issue.record("parsed")
            return
        }
        #expect(p.errors.count == 3)
        guard
            case .failure(let bad) = Open311Query.parse(
                ids: nil, serviceCodes: nil, start: "05/02/2026", end: nil, status: nil, now: Self.now)
        else {
            Issue.record("parsed")
            return
        }
        #expect(bad.errors.count == 1)
    }

    @Test(arguments: [
        ("2026-02-05T09:30:00+07:00", Int64(1_770_258_600)), ("2026-02-05T02:30:00Z", 1_770_258_600),
        ("2026-02-05T02:30:00.250Z", 1_770_258_600), ("2026-02-05", 1_770_249_600),
        ("2026-02-04T21:30:00-05:00", 1_770_258_600),
    ])
    func w3cTimesAreRead(text: String, seconds: Int64) {
        #expect(Open311Time.parse(text) == seconds)
    }

    @Test(arguments: ["2026-02-05T09:30:00", "2026-02-05T09:30:00+7", "hôm qua", "2026-02-30T00:00:00Z"])
    func timesWithoutAZoneOrImpossibleAreNot(text: String) {
        #expect(Open311Time.parse(text) == nil)
    }

    @Test func timesAreWrittenWithTheWardsOffset() {
        #expect(Open311Time.format(1_770_258_600, utcOffset: 7 * 3600) == "2026-02-05T09:30:00+07:00")
    }
}
