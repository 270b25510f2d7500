import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

/// The writer and the queries the scorecards read, without HTTP, and the JSON API.
@Suite struct StaffRecordServiceTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30
    static func day(_ t: String) -> LocalDate { try! LocalDate(parsing: t) }

    static func decision(on date: String, number: String) -> DisciplineInput {
        DisciplineInput(
            measure: .warning, decisionNumber: number, decisionDate: day(date), signerName: "Nguyễn Văn An",
            reason: "Vi phạm quy chế", relatedToDuty: true)
    }

    @Test(arguments: TestDatabase.all)
    func disciplinesAreReadByDecisionDateWithinTheRange(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let office = try await FeeDossiers.user(app, "vanphong")
            let person = try await FeeDossiers.user(app, "tuphap").id
            for (date, number) in [
                ("2025-12-31", "1/QĐ-UBND"), ("2026-01-01", "2/QĐ-UBND"), ("2026-11-30", "3/QĐ-UBND"),
            ] {
                _ = try await StaffRecordService.addDiscipline(
                    Self.decision(on: date, number: number), person: person, by: office, actor: .system("vanphong"),
                    now: Self.now, utcOffset: 7 * 3600, on: app.db)
            }
            let removed = try await StaffRecordService.addDiscipline(
                Self.decision(on: "2026-06-01", number: "4/QĐ-UBND"), person: person, by: office,
                actor: .system("vanphong"), now: Self.now, utcOffset: 7 * 3600, on: app.db)
            try await StaffRecordService.remove(
                .discipline, removed.requireID(), person: person, reason: "Ghi nhầm người", by: office,
                actor: .system("vanphong"), now: Self.now, on: app.db)
            // act
            let year = try await StaffRecordQueries.disciplines(
                person: person, from: Self.day("2026-01-01"), to: Self.day("2026-12-31"), db: app.db)
            let december = try await StaffRecordQueries.disciplines(
                person: person, from: Self.day("2025-12-01"), to: Self.day("2025-12-31"), db: app.db)
            // check
            #expect(year.map(\.decisionNumber) == ["2/QĐ-UBND", "3/QĐ-UBND"])
            #expect(year.allSatisfy { $0.relatedToDuty && $0.measure == .warning })
            #expect(december.map(\.decisionDate) == [Self.day("2025-12-31")])
            let audit = try await AuditRecord.query(on: app.db).filter(\.$action == "staff-discipline.remove").all()
            #expect(audit.map(\.reason) == ["Ghi nhầm người"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCorrectionNeedsAReasonAndKeepsTheBeforeInTheAuditLine(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let office = try await FeeDossiers.user(app, "vanphong")
            let person = try await FeeDossiers.user(app, "tuphap").id
            let course = TrainingInput(
                courseName: "Kỹ năng tiếp công dân", kind: .professional, organiser: "Sở Nội vụ",
                from: Self.day("2026-04-01"), to: Self.day("2026-04-03"), certificate: "CC-12")
            let r = try await StaffRecordService.addTraining(
                course, person: person, by: office, actor: .system("vanphong"), now: Self.now, utcOffset: 7 * 3600,
                on: app.db)
            var fixed = course
            fixed.to = Self.day("2026-04-04")
            // act
            await #expect(throws: ValidationProblems.self) {
                _ = try await StaffRecordService.correctTraining(
                    r.requireID(), person: person, with: fixed, reason: "  ", by: office, actor: .system("vanphong"),
                    now: Self.now, utcOffset: 7 * 3600, on: app.db)
            }
            _ = try await StaffRecordService.correctTraining(
                r.requireID(), person: person, with: fixed, reason: "Sai ngày kết thúc", by: office,
                actor: .system("vanphong"), now: Self.now, utcOffset: 7 * 3600, on: app.db)
            // check
            let courses = try await StaffRecordQueries.trainings(
                person: person, from: Self.day("2026-01-01"), to: Self.day("2026-12-31"), db: app.db)
            #expect(courses.map(\.to) == [Self.day("2026-04-04")] && courses[0].certificate == "CC-12")
            let audit = try await AuditRecord.query(on: app.db).filter(\.$action == "staff-training.correct").all()
            #expect(audit.count == 1 && audit[0].reason == "Sai ngày kết thúc")
            #expect(audit[0].before.contains("2026-04-03") || audit[0].before.contains("03/04/2026"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aDecisionAboutOneselfIsRecordedBySomeoneElse(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let leader = try await FeeDossiers.user(app, "chutich")
            // act
            await #expect(throws: AppError.self) {
                _ = try await StaffRecordService.addDiscipline(
                    Self.decision(on: "2026-05-01", number: "9/QĐ-UBND"), person: leader.id, by: leader,
                    actor: .system("chutich"), now: Self.now, utcOffset: 7 * 3600, on: app.db)
            }
            // check
            #expect(try await StaffDisciplineRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAPIAddsCorrectsAndRemovesWithTheSameRules(_ db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let token = try await app.token("vanphong")
            let person = try await FeeDossiers.user(app, "tuphap").id
            let base = "/api/v1/evaluation/staff/\(person.uuidString)/"
            func post(_ path: String, _ body: [String: String]) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, base + path, headers: bearer(token),
                    beforeRequest: { req in try req.content.encode(body, as: .json) })
            }
            let course = [
                "courseName": "Bồi dưỡng chuyên môn", "kind": "professional", "organiser": "Sở Tư pháp",
                "from": "2026-05-04", "to": "2026-05-08",
            ]
            // act
            let bad = try await post("trainings", course.merging(["to": "2026-05-01"]) { $1 })
            let added = try await post("trainings", course)
            let id = try added.content.get(UUID.self, at: "id")
            let corrected = try await post(
                "trainings/\(id.uuidString)/correct", course.merging(["certificate": "CC-7", "why": "Thiếu số"]) { $1 })
            let removeWithoutWhy = try await post("trainings/\(id.uuidString)/remove", [:])
            let removed = try await post("trainings/\(id.uuidString)/remove", ["why": "Ghi trùng"])
            // check
            #expect(bad.status == .unprocessableEntity && added.status == .created)
            let certificate = try corrected.content.get(String.self, at: "certificate")
            #expect(corrected.status == .ok && certificate == "CC-7")
            #expect(removeWithoutWhy.status == .unprocessableEntity && removed.status == .noContent)
            #expect(try await StaffTrainingRecord.query(on: app.db).filter(\.$removedAtSeconds == nil).count() == 0)
        }
    }
}
