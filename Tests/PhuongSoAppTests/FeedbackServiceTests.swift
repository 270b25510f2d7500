import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor

@testable import PhuongSoApp

/// Feedback (phản ánh, kiến nghị) through its one writer: the whole flow from a citizen's complaint
/// to a published answer and one reopening, unhappy dossier ratings, bad input, follow-up tasks
/// and the limits an item runs on.
@Suite struct FeedbackServiceTests {
    static let ward = "000.00.31.H42"
    static let offset = 7 * 3600

    /// The people of the demo ward, as the service sees them.
    struct People {
        let unit: UnitRecord
        let office: FeedbackService.Actor
        let official: FeedbackService.Actor
        let leader: FeedbackService.Actor
        let citizen = FeedbackService.Actor(user: nil, audit: .system("applicant"))

        init(_ app: Application) async throws {
            unit = try await UnitQueries.find(code: FeedbackServiceTests.ward, on: app.db)
            func actor(_ name: String) async throws -> FeedbackService.Actor {
                .init(user: try await FeeDossiers.user(app, name), audit: .system(name))
            }
            office = try await actor("vanphong")
            official = try await actor("tuphap")
            leader = try await actor("chutich")
        }
    }

    static func complaint(text: String = "") -> FeedbackService.SubmitInput {
        var i = FeedbackService.SubmitInput()
        i.kind = "official"
        i.title = "Cán bộ tư pháp hẹn lại nhiều lần"
        i.text =
            text.isEmpty
            ? "Tôi là Nguyễn Văn An, điện thoại 0912 345 678. Hồ sơ chứng thực của tôi quá hẹn ba ngày "
                + "mà cán bộ vẫn hẹn lại, không nói lý do." : text
        i.name = "Nguyễn Văn An"
        i.contact = "0912345678"
        return i
    }

    static func submit(
        _ app: Application, _ people: People, _ input: FeedbackService.SubmitInput = complaint(), now: Date = Date()
    ) async throws -> FeedbackRecord {
        try await FeedbackService.submit(
            input, channel: .online, attachment: nil, unit: people.unit, actor: people.citizen, now: now,
            utcOffset: offset, on: app.db)
    }

    /// The problems a refused call reported, by field.
    static func problems(_ body: () async throws -> Void) async -> [String: String] {
        do {
            try await body()
            return [:]
        } catch let p as ValidationProblems {
            return p.messages.mapValues(\.vi)
        } catch {
            return ["unexpected": "\(error)"]
        }
    }

    @Test(arguments: TestDatabase.all)
    func aComplaintIsRoutedAnsweredApprovedPublishedWithoutPersonalDataAndReopenedOnlyOnce(db: TestDatabase)
        async throws
    {
        try await withDemoApp(db) { app in
            // setup: a citizen complains about an official's delay, leaving a phone number
            let people = try await People(app)
            let now = Date()
            let submitted = try await Self.submit(app, people, now: now)
            let id = try submitted.requireID()
            let tuphap = try #require(people.official.user)
            #expect(submitted.status == .received && submitted.contact == "0912345678")
            #expect(submitted.code.hasPrefix("PA-") && submitted.secret.count == 8)

            // act: the office routes it to the official
            let routed = try await FeedbackService.route(
                id, fieldID: nil, handlerID: tuphap.id, note: "Xác minh, trả lời trong hạn", actor: people.office,
                now: now, on: app.db)
            #expect(routed.status == .assigned && routed.$handler.id == tuphap.id)

            // the template's blanks and a missing verdict are refused; nothing changes
            let template = FeedbackTemplates.answer(for: .official, title: submitted.title, unitName: people.unit.name)
            let blanks = await Self.problems {
                _ = try await FeedbackService.draftAnswer(
                    id, answer: template, verdict: .upheld, actor: people.official, now: now, on: app.db)
            }
            #expect(blanks["answer"]?.contains("“…”") == true)
            let filled = template.replacingOccurrences(of: "…", with: "đã xác minh")
                .replacingOccurrences(of: "(đúng / đúng một phần / không đúng)", with: "đúng")
            let noVerdict = await Self.problems {
                _ = try await FeedbackService.draftAnswer(
                    id, answer: filled, verdict: nil, actor: people.official, now: now, on: app.db)
            }
            #expect(noVerdict == ["verdict": FeedbackRefusal.verdictMissing.vietnamese])
            #expect(try await FeedbackRecord.find(id, on: app.db)?.status == .assigned)

            // the official drafts with the verdict; publishing before approval is refused
            let drafted = try await FeedbackService.draftAnswer(
                id, answer: filled, verdict: .upheld, actor: people.official, now: now, on: app.db)
            #expect(drafted.status == .awaitingApproval && drafted.verdict == .upheld)
            let early = await Self.problems {
                _ = try await FeedbackService.publish(
                    id, actor: people.office, now: now, utcOffset: Self.offset, on: app.db)
            }
            #expect(early["publish"] != nil)
            let approved = try await FeedbackService.approve(
                id, actor: people.leader, now: now, utcOffset: Self.offset, on: app.db)
            #expect(approved.status == .awaitingPublication && approved.$approvedBy.id == people.leader.user?.id)
            let published = try await FeedbackService.publish(
                id, actor: people.office, now: now, utcOffset: Self.offset, on: app.db)

            // check: published without the submitter's name or phone number
            #expect(published.status == .published && published.publishedOn != nil)
            let publicText = [published.publicTitle, published.publicText, published.publicAnswer].joined(
                separator: "\n")
            for secret in ["0912345678", "0912 345 678", "Nguyễn Văn An"] {
                #expect(!publicText.contains(secret), "the public text shows \(secret)")
            }
            #expect(published.publicText.contains(FeedbackRedaction.mark))
            #expect(published.publicAnswer.contains("đã xác minh"))

            // act: the submitter is not satisfied and asks for a second look
            let reopened = try await FeedbackService.rate(
                id, rating: "not-satisfied", reopen: true, comment: "Chưa nêu biện pháp khắc phục",
                actor: people.citizen, now: now, utcOffset: Self.offset, on: app.db)
            #expect(reopened.status == .assigned && reopened.timesReopened == 1 && reopened.publishedOn == nil)

            // a second answer is published; a second reopening is refused and changes nothing
            _ = try await FeedbackService.draftAnswer(
                id, answer: filled + "\nĐã nhắc nhở cán bộ bằng văn bản.", verdict: .upheld, actor: people.official,
                now: now, on: app.db)
            _ = try await FeedbackService.approve(
                id, actor: people.leader, now: now, utcOffset: Self.offset, on: app.db)
            _ = try await FeedbackService.publish(
                id, actor: people.office, now: now, utcOffset: Self.offset, on: app.db)
            let events = try await FeedbackEventRecord.query(on: app.db).filter(\.$feedback.$id == id).count()
            let audits = try await AuditRecord.query(on: app.db).count()
            let again = await Self.problems {
                _ = try await FeedbackService.rate(
                    id, rating: "not-satisfied", reopen: true, comment: "Vẫn chưa thỏa đáng",
                    actor: people.citizen, now: now, utcOffset: Self.offset, on: app.db)
            }
            #expect(again == ["rating": FeedbackRefusal.alreadyReopened.vietnamese])
            let after = try #require(try await FeedbackRecord.find(id, on: app.db))
            #expect(after.status == .published && after.timesReopened == 1)
            #expect(try await FeedbackEventRecord.query(on: app.db).filter(\.$feedback.$id == id).count() == events)
            #expect(try await AuditRecord.query(on: app.db).count() == audits)

            // every step has its audit line, under the item's code
            let actions = try await AuditRecord.query(on: app.db).filter(\.$entity == "feedback")
                .filter(\.$entityID == submitted.code).sort(\.$sequence).all().map(\.action)
            #expect(
                actions == [
                    "feedback.submit", "feedback.routed", "feedback.answer-drafted", "feedback.approved",
                    "feedback.published", "feedback.reopened", "feedback.answer-drafted", "feedback.approved",
                    "feedback.published",
                ])
        }
    }

    @Test(arguments: TestDatabase.all)
    func badSubmissionsAreRefusedByFieldAndNothingIsStored(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let people = try await People(app)
            let items = try await FeedbackRecord.query(on: app.db).count()
            let audits = try await AuditRecord.query(on: app.db).count()
            var empty = Self.complaint()
            empty.text = "   "
            var long = Self.complaint()
            long.text = String(repeating: "a", count: FeedbackSubmission.textLimit + 1)
            var badContact = Self.complaint()
            badContact.contact = "123"

            // act
            let refusals = [
                await Self.problems { _ = try await Self.submit(app, people, empty) },
                await Self.problems { _ = try await Self.submit(app, people, long) },
                await Self.problems { _ = try await Self.submit(app, people, badContact) },
            ]

            // check
            #expect(refusals[0] == ["text": FeedbackSubmission.Problem.textMissing.vietnamese])
            #expect(refusals[1] == ["text": FeedbackSubmission.Problem.textTooLong.vietnamese])
            #expect(refusals[2] == ["contact": FeedbackSubmission.Problem.contactInvalid.vietnamese])
            #expect(try await FeedbackRecord.query(on: app.db).count() == items)
            #expect(try await AuditRecord.query(on: app.db).count() == audits)
        }
    }

    /// A guardianship dossier taken through its steps and returned at the counter.
    static func returnedDossier(_ app: Application, phone: String) async throws -> DossierRecord {
        let unit = try await UnitQueries.find(code: ward, on: app.db)
        let record = try await CatalogQueries.find(code: "1.004837", unitCode: nil, on: app.db)
        let p = try await CatalogQueries.versions(of: record, on: app.db).last!.procedureContent
        var applicant = Applicant(name: "Phan Văn Tài", idNumber: "042080001234")
        applicant.phone = phone
        let d = try await IntakeService.intake(
            .init(applicant: applicant, submitted: Set(p.components.map(\.name)), sets: 1, decision: .receive),
            procedure: record, unit: unit, clerk: "motcua", actor: .system("t"), now: Date(), utcOffset: offset,
            on: app.db)
        try await FeeDossiers.driveToDone(app, d)
        try await actWith(
            app, try d.requireID(), ["action": "returnResult", "method": "counter", "recipient": "Ông Tài"],
            as: "motcua", at: Date())
        return try await FeeDossiers.reload(app, d)
    }

    @Test(arguments: TestDatabase.all)
    func anUnhappyDossierRatingBecomesAFeedbackItemOfItsOwn(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let d = try await Self.returnedDossier(app, phone: "0987654321")
            #expect(d.state == .returned)

            // act
            try await ProcessingService.rate(
                d, level: "not-satisfied", comment: "Chờ lâu, phải đi lại hai lần", now: Date(),
                utcOffset: Self.offset, on: app.db)

            // check: one item of kind dossier-rating, on the dossier, with the applicant's contact
            let items = try await FeedbackRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).all()
            let item = try #require(items.first)
            #expect(items.count == 1)
            #expect(item.kind == .dossierRating && item.channel == .rating && item.status == .received)
            #expect(item.text == "Chờ lâu, phải đi lại hai lần" && item.contact == "0987654321")
            #expect(try item.limits == .decision766)
            let actions = try await AuditRecord.query(on: app.db).filter(
                \.$action ~~ ["dossier.rate", "feedback.submit"]
            )
            .sort(\.$sequence).all()
            #expect(actions.map(\.action) == ["dossier.rate", "feedback.submit"])
            #expect(actions.map(\.atSeconds).allSatisfy { $0 == actions[0].atSeconds })
        }
    }

    /// The office may attribute an unhappy rating to the official who handled the dossier; the
    /// answer then needs a verdict, which stays on the item for that official's evaluation.
    @Test(arguments: TestDatabase.all)
    func anUnhappyRatingAttributedToAnOfficialIsAnsweredWithAVerdict(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let people = try await People(app)
            let d = try await Self.returnedDossier(app, phone: "0987654321")
            try await ProcessingService.rate(
                d, level: "not-satisfied", comment: "Cán bộ hẹn lại nhiều lần", now: Date(), utcOffset: Self.offset,
                on: app.db)
            let item = try #require(
                try await FeedbackRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).first())
            let id = try item.requireID()
            let official = try #require(people.official.user?.id)
            // act: routed to the official, naming them as the one concerned
            _ = try await FeedbackService.route(
                id, fieldID: nil, handlerID: official, officialID: official, note: "", actor: people.office,
                now: Date(), on: app.db)
            // check: the answer without a verdict is refused, with one it is stored
            let refused = await Self.problems {
                _ = try await FeedbackService.draftAnswer(
                    id, answer: "Phường đã xem lại hồ sơ và nhắc nhở cán bộ.", verdict: nil, actor: people.official,
                    now: Date(), on: app.db)
            }
            #expect(refused["verdict"] != nil)
            let answered = try await FeedbackService.draftAnswer(
                id, answer: "Phường đã xem lại hồ sơ và nhắc nhở cán bộ.", verdict: .upheld, actor: people.official,
                now: Date(), on: app.db)
            #expect(answered.verdict == .upheld && answered.$official.id == official)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anUnhappyRatingIsNotStoredWhenItsFeedbackItemCannotBe(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: a returned dossier, and a feedback timeline the item cannot be written to
            let d = try await Self.returnedDossier(app, phone: "0987654321")
            try await app.db.schema(FeedbackEventRecord.schema).delete()

            // act
            await #expect(throws: (any Error).self) {
                try await ProcessingService.rate(
                    d, level: "not-satisfied", comment: "Chờ lâu", now: Date(), utcOffset: Self.offset, on: app.db)
            }

            // check: the rating went with it — one transaction
            #expect(try await RatingRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).count() == 0)
            #expect(try await FeedbackRecord.query(on: app.db).filter(\.$dossier.$id == d.requireID()).count() == 0)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "dossier.rate").count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFollowUpTaskComesFromTheFeedbackWithTheOfficialAsLead(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup
            let people = try await People(app)
            let now = Date()
            let item = try await Self.submit(app, people, now: now)
            let id = try item.requireID()
            let tuphap = try #require(people.official.user)
            _ = try await FeedbackService.route(
                id, fieldID: nil, handlerID: tuphap.id, note: "", actor: people.office, now: now, on: app.db)
            var draft = TaskService.Draft()
            draft.title = "Rà soát sổ theo dõi hồ sơ chứng thực quá hạn"
            draft.product = "Báo cáo rà soát"
            draft.leadID = tuphap.id
            draft.start = FeedbackService.today(now, Self.offset).description
            draft.deadlineDays = 5

            // act
            let task = try await FeedbackService.followUpTask(
                id, draft: draft, unit: people.unit, actor: people.office, now: now, utcOffset: Self.offset,
                on: app.db)

            // check
            #expect(task.sourceKind == .feedback && task.sourceID == id && task.$lead.id == tuphap.id)
            #expect(task.sourceRef.contains(item.code))
            #expect(try await FeedbackRecord.find(id, on: app.db)?.$task.id == task.requireID())
            let events = try await FeedbackEventRecord.query(on: app.db).filter(\.$feedback.$id == id).all()
            #expect(events.contains { $0.action == "task-created" })
            // a second task for the same item is refused
            await #expect(throws: AppError.self) {
                _ = try await FeedbackService.followUpTask(
                    id, draft: draft, unit: people.unit, actor: people.office, now: now, utcOffset: Self.offset,
                    on: app.db)
            }
            #expect(try await TaskRecord.query(on: app.db).filter(\.$sourceID == id).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anItemRunsOnTheNationalLimitsUnlessTheUnitsOwnAreInForce(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: the unit's own limits from today, and another set from next month
            let people = try await People(app)
            let now = Date()
            let today = FeedbackService.today(now, Self.offset)
            let national = try await Self.submit(app, people, now: now)
            let own = FeedbackLimits(
                version: "ninh-binh-2025", vi: "Ninh Bình", reject: 2, firstInformationRequest: 5, handle: 10,
                publish: 2, forward: 5, basis: "Quy chế tiếp nhận, xử lý phản ánh của tỉnh")
            let later = FeedbackLimits(
                version: "later", vi: "Sau này", reject: 1, firstInformationRequest: 3, handle: 7, publish: 1,
                forward: 3, basis: "Chưa có hiệu lực")
            for (limits, from) in [(own, today), (later, today.adding(days: 30))] {
                let row = FeedbackLimitsRecord()
                row.$unit.id = try people.unit.requireID()
                row.effectiveFrom = from.description
                row.limitsJSON = try FeedbackService.json(limits)
                row.$createdBy.id = try #require(people.office.user).id
                row.createdAtSeconds = Int64(now.timeIntervalSince1970)
                try await row.create(on: app.db)
            }

            // act
            let local = try await Self.submit(app, people, now: now)

            // check: each item keeps the limits it was received under
            #expect(try national.limits == .decision766)
            #expect(try local.limits == own)
            #expect(try await FeedbackRecord.find(national.requireID(), on: app.db)?.limits == .decision766)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theOfficeNamesTheOfficialAnOnlineComplaintIsAboutWhenRoutingIt(db: TestDatabase) async throws {
        try await withDemoApp(db) { app in
            // setup: an online complaint (no account chosen) and a suggestion
            let people = try await People(app)
            let complaint = try await Self.submit(app, people, now: app.now)
            var idea = Self.complaint()
            idea.kind = FeedbackKind.suggestion.rawValue
            let suggestion = try await Self.submit(app, people, idea, now: app.now)
            let official = try #require(people.official.user?.id)
            // act
            let routed = try await FeedbackService.route(
                try complaint.requireID(), fieldID: nil, handlerID: people.office.user?.id, officialID: official,
                note: "", actor: people.office, now: app.now, on: app.db)
            let refused = await Self.problems {
                _ = try await FeedbackService.route(
                    try suggestion.requireID(), fieldID: nil, handlerID: people.office.user?.id,
                    officialID: official, note: "", actor: people.office, now: app.now, on: app.db)
            }
            // check: the complaint now counts against the official; the suggestion is unchanged
            #expect(routed.$official.id == official)
            #expect(refused["officialID"]?.hasPrefix("Chỉ phản ánh về cán bộ") == true)
            let after = try #require(try await FeedbackRecord.find(suggestion.requireID(), on: app.db))
            #expect(after.status == .received && after.$official.id == nil)
        }
    }
}
