import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// Training and discipline records: kept by the ward's office and leaders, read by the person,
/// their unit's leaders and office and the supervisors above; each change with its audit line.
@Suite struct StaffRecordTests {
    static func id(_ app: Application, _ name: String) async throws -> UUID {
        try await FeeDossiers.user(app, name).id
    }

    static let course = [
        "course": "Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên", "kind": "state-management",
        "organiser": "Trường Chính trị thành phố", "from": "09/03/2026", "to": "13/03/2026", "certificate": "",
    ]
    static let decision = [
        "measure": "reprimand", "decisionNumber": "15/QĐ-UBND", "decisionDate": "20/05/2026",
        "signerName": "Nguyễn Văn An", "signerTitle": "Chủ tịch UBND phường", "reason": "Chậm giải quyết hồ sơ",
        "relatedToDuty": "yes",
    ]

    static func audit(_ app: Application, _ action: String) async throws -> [AuditRecord] {
        try await AuditRecord.query(on: app.db).filter(\.$action == action).all()
    }

    @Test(arguments: TestDatabase.all)
    func theOfficeRecordsACourseAndADecisionEachWithItsAuditLine(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let office = try await app.webSession("vanphong")
            let person = try await Self.id(app, "tuphap")
            // act
            let a = try await office.post(app, StaffRecordPaths.add(person, .training), form: Self.course)
            let b = try await office.post(app, StaffRecordPaths.add(person, .discipline), form: Self.decision)
            // check
            #expect(a.status == .seeOther && b.status == .seeOther)
            let courses = try await StaffTrainingRecord.query(on: app.db).all()
            let decisions = try await StaffDisciplineRecord.query(on: app.db).all()
            #expect(courses.count == 1 && courses[0].fromDate == "2026-03-09" && courses[0].certificate.isEmpty)
            #expect(decisions.count == 1 && decisions[0].measure == .reprimand && decisions[0].relatedToDuty)
            #expect(try await Self.audit(app, "staff-training.add").map(\.actor) == ["vanphong"])
            #expect(try await Self.audit(app, "staff-discipline.add").count == 1)
            let page = try await office.get(app, StaffRecordPaths.person(person))
            #expect(page.status == .ok && page.body.string.contains("Trường Chính trị thành phố"))
            #expect(page.body.string.contains("20/05/2026") && page.body.string.contains("Không cấp chứng chỉ"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func badInputComesBackOnTheSamePageWithTheInputKeptAndNothingStored(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let leader = try await app.webSession("chutich")
            let person = try await Self.id(app, "tuphap")
            var backwards = Self.course
            backwards["from"] = "13/03/2026"
            backwards["to"] = "09/03/2026"
            var future = Self.decision
            future["decisionDate"] = "01/01/2099"
            future["reason"] = " "
            // act
            let a = try await leader.post(app, StaffRecordPaths.add(person, .training), form: backwards)
            let b = try await leader.post(app, StaffRecordPaths.add(person, .discipline), form: future)
            // check
            #expect(a.status == .unprocessableEntity && b.status == .unprocessableEntity)
            #expect(a.body.string.contains("Ngày kết thúc không thể trước ngày bắt đầu."))
            #expect(a.body.string.contains("value=\"13/03/2026\""))
            #expect(
                b.body.string.contains("Ngày này chưa đến") && b.body.string.contains("Vui lòng ghi lý do kỷ luật."))
            #expect(b.body.string.contains("value=\"15/QĐ-UBND\""))
            #expect(try await StaffTrainingRecord.query(on: app.db).count() == 0)
            #expect(try await StaffDisciplineRecord.query(on: app.db).count() == 0)
            #expect(try await Self.audit(app, "staff-training.add").isEmpty)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOfficialCannotAddToThemselvesNorSeeAColleaguesRecords(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let official = try await app.webSession("tuphap")
            let me = try await Self.id(app, "tuphap")
            let colleague = try await Self.id(app, "diachinh")
            // act
            let add = try await official.post(app, StaffRecordPaths.add(me, .training), form: Self.course)
            let theirs = try await official.get(app, StaffRecordPaths.person(colleague))
            let mine = try await official.get(app, StaffRecordPaths.person(me))
            let list = try await official.get(app, StaffRecordPaths.staff)
            // check
            #expect(add.status == .forbidden && theirs.status == .forbidden)
            #expect(mine.status == .ok && !mine.body.string.contains("Thêm khóa bồi dưỡng"))
            #expect(list.status == .seeOther && list.headers.first(name: .location) == StaffRecordPaths.person(me))
            #expect(try await StaffTrainingRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theWardLeaderSeesTheWardsStaffAndTheirRecords(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let leader = try await app.webSession("chutich")
            let person = try await Self.id(app, "tuphap")
            _ = try await leader.post(app, StaffRecordPaths.add(person, .discipline), form: Self.decision)
            let name = try await FeeDossiers.user(app, "tuphap").displayName
            // act
            let list = try await leader.get(app, StaffRecordPaths.staff)
            let page = try await leader.get(app, StaffRecordPaths.person(person))
            // check
            #expect(list.status == .ok && list.body.string.contains(name))
            #expect(list.body.string.contains(StaffRecordPaths.person(person)))
            #expect(page.status == .ok && page.body.string.contains("15/QĐ-UBND"))
            #expect(page.body.string.contains("Sửa hoặc xóa mục ghi sai"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSupervisorReadsAWardBelowButDoesNotKeepItsRecords(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let office = try await app.webSession("vanphong")
            let person = try await Self.id(app, "tuphap")
            _ = try await office.post(app, StaffRecordPaths.add(person, .training), form: Self.course)
            let supervisor = try await app.webSession("giamsat")
            let token = try await app.token("giamsat")
            // act
            let pick = try await supervisor.get(app, StaffRecordPaths.staff)
            let ward = try await supervisor.get(app, StaffRecordPaths.staff(unit: "000.00.31.H42"))
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/evaluation/staff/\(person.uuidString)/records", headers: bearer(token))
            let add = try await supervisor.post(app, StaffRecordPaths.add(person, .training), form: Self.course)
            // check
            #expect(pick.status == .ok && pick.body.string.contains(StaffRecordPaths.staff(unit: "000.00.31.H42")))
            #expect(ward.status == .ok && ward.body.string.contains(StaffRecordPaths.person(person)))
            #expect(api.status == .ok)
            let records = try api.content.decode(StaffRecordAPI.RecordsDTO.self)
            #expect(records.trainings.map(\.from) == ["2026-03-09"] && records.disciplines.isEmpty)
            #expect(add.status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCitizenIsForbidden(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let token = try await app.token("congdan")
            let person = try await Self.id(app, "tuphap")
            // act
            let res = try await app.testing().sendRequest(
                .GET, "/api/v1/evaluation/staff/\(person.uuidString)/records", headers: bearer(token))
            let page = try await app.webSession("congdan").get(app, StaffRecordPaths.staff)
            // check
            #expect(res.status == .forbidden && page.status == .forbidden)
        }
    }
}
