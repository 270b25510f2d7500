import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// The tracking throttle counts misses only: a good lookup between guesses does not reset it, and
/// a good lookup writes nothing (the public page is a pure read, issue 8's read-path benchmark).
@Suite struct TrackingThrottleTests {
    @Test(arguments: TestDatabase.all)
    func aValidReceiptBetweenGuessesDoesNotResetTheCount(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            let record = try await CatalogQueries.find(code: "1.001193", unitCode: unit.code, on: app.db)
            let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
            let d = try await IntakeService.intake(
                .init(
                    applicant: Applicant(name: "Lê Thị Tra", idNumber: "042190005555"),
                    submitted: Set(p.components.map(\.name)),
                    sets: 1, decision: .receive),
                procedure: record, unit: unit, clerk: "motcua", actor: .system("test"), now: Date(),
                utcOffset: 7 * 3600, on: app.db)
            let good = "/track?code=\(d.code!)&secret=\(d.secret)"
            let wrong = "/track?code=\(d.code!)&secret=AAAAAAAA"
            let attemptsBefore = try await LoginAttemptRecord.query(on: app.db).count()
            for _ in 0..<3 { #expect(try await app.testing().sendRequest(.GET, good).status == .ok) }
            #expect(
                try await LoginAttemptRecord.query(on: app.db).count() == attemptsBefore, "a good lookup wrote a row")
            for i in 0..<9 {
                #expect(try await app.testing().sendRequest(.GET, wrong).status == .notFound)
                if i % 3 == 0 { #expect(try await app.testing().sendRequest(.GET, good).status == .ok) }
            }
            #expect(try await app.testing().sendRequest(.GET, good).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, wrong).status == .notFound)  // the tenth miss
            // locked now, for the good receipt as well, on the page and the API
            #expect(try await app.testing().sendRequest(.GET, good).status == .tooManyRequests)
            #expect(
                try await app.testing().sendRequest(.GET, "/api/v1/track?code=\(d.code!)&secret=\(d.secret)").status
                    == .tooManyRequests)
            // and free again once the lock has passed
            let address = try #require(
                try await LoginAttemptRecord.query(on: app.db).filter(\.$username ~~ "track:").first()
            ).address
            await #expect(throws: AppError.self) {
                _ = try await TrackingController.lookup(
                    code: d.code!, secret: d.secret, address: address, now: app.now, on: app.db)
            }
            let later = try await TrackingController.lookup(
                code: d.code!, secret: d.secret, address: address, now: Date().addingTimeInterval(16 * 60), on: app.db)
            #expect(later?.id == d.id)
        }
    }

    /// Feedback lookups by number and secret share the dossier's count: guesses at feedback lock
    /// the dossier page too, and a wrong secret for feedback is refused once locked, good or not.
    @Test(arguments: TestDatabase.all)
    func feedbackLookupsShareTheTrackingThrottle(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: one item sent from the public site
            let unit = try await UnitQueries.find(code: "000.00.31.H42", on: app.db)
            var input = FeedbackService.SubmitInput()
            input.kind = "procedure"
            input.title = "Niêm yết thủ tục"
            input.text = "Bảng niêm yết ở Bộ phận Một cửa đã cũ."
            input.contact = "0912345678"
            let item = try await FeedbackService.submit(
                input, channel: .online, attachment: nil, unit: unit,
                actor: .init(user: nil, audit: .system("test", at: app.now)), now: app.now, utcOffset: 7 * 3600,
                on: app.db)
            let good = "/feedback/track?code=\(item.code)&secret=\(item.secret)"
            let wrong = "/feedback/track?code=\(item.code)&secret=AAAAAAAA"
            #expect(try await app.testing().sendRequest(.GET, good).status == .ok)
            // act: ten misses
            for _ in 0..<10 { #expect(try await app.testing().sendRequest(.GET, wrong).status == .notFound) }
            // check: locked for the good secret, on the page and the API, and for dossiers
            #expect(try await app.testing().sendRequest(.GET, good).status == .tooManyRequests)
            let api = try await app.testing().sendRequest(
                .POST, "/api/v1/public/feedback/\(item.code)/rate",
                beforeRequest: { req in
                    try req.content.encode(["secret": item.secret, "rating": "satisfied"], as: .json)
                })
            #expect(api.status == .tooManyRequests)
            #expect(try await app.testing().sendRequest(.GET, "/track?code=X&secret=Y").status == .tooManyRequests)
        }
    }
}
