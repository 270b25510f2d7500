import Fluent
import Foundation
import PhuongSoCore
import Testing
import VaporTesting

@testable import PhuongSoApp

/// What the PAR Index service refuses, with a clear reason and nothing changed (issue 14, "Bad
/// input"), on both databases.
@Suite struct ParIndexRefusalTests {
    static let utc = ParWorld.utcOffset

    @Test(arguments: TestDatabase.all)
    func aBadFrameworkFileIsRefusedByLineAndColumnAndNothingIsStored(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup
            let w = try await ParWorld.make(app)
            let frameworks = try await ParFrameworkRecord.query(on: app.db).count()
            let audit = try await w.auditCount()
            let header = "code,parent,title,max_points,scoring,evidence,field,figure,rule\n"
            // rows that do not read: every problem at once, by line and column
            let unreadable =
                header + """
                    1,,Chỉ đạo điều hành,10,self,,,,
                    1.1,1,Kế hoạch,abc,self,,,,
                    1.1,1,Trùng mã,2,self,,,,
                    1.2,1,Tỷ lệ,4,computed,,,khong-co,steps:90=2
                    1.3,1,Khác,2,thuong,,,,
                    1.4,1,Tỷ lệ khác,2,computed,,,dossiers-on-time,nua-diem
                    """
            // children worth more than their parent
            let tooMuch =
                header + """
                    1,,Chỉ đạo điều hành,5,self,,,,
                    1.1,1,Kế hoạch,4,self,,,,
                    1.2,1,Báo cáo,3,self,,,,
                    """
            // a parent that is not in the table
            let orphan =
                header + """
                    1,,Chỉ đạo điều hành,5,self,,,,
                    2.1,2,Thể chế,1,self,,,,
                    """
            // act
            let seen = await refusal { try await w.importFramework(unreadable, by: "giamsat") }
            let exceeded = await refusal { try await w.importFramework(tooMuch, by: "giamsat") }
            let parentless = await refusal { try await w.importFramework(orphan, by: "giamsat", dryRun: true) }
            // check: every problem with its line and column
            let where_ = Set((seen?.problems ?? []).map { "\($0.line):\($0.column)" })
            #expect(
                seen?.kind == "file" && where_ == ["3:max_points", "4:code", "5:figure", "6:scoring", "7:rule"],
                "\(where_)")
            #expect(seen?.text.contains("trùng với dòng 3") == true)
            #expect(exceeded?.problems.map { "\($0.line):\($0.column)" } == ["2:max_points"])
            #expect(exceeded?.text.contains("vượt điểm tối đa") == true)
            #expect(parentless?.problems.map { "\($0.line):\($0.column)" } == ["3:parent"])
            // a header problem (no year, deadlines out of order) is refused by field
            var badHeader = ParWorld.header()
            badHeader.year = "năm nay"
            badHeader.firstRoundEnds = "2026-03-01"
            let fields = await refusal { try await w.importFramework(ParWorld.csv, badHeader, by: "giamsat") }
            #expect(fields?.kind == "problems" && fields?.fields == ["year", "schedule"], "\(fields as Any)")
            // bands without one from 0
            var badBands = ParWorld.header()
            badBands.bands = [.init(label: "Tốt", minPercent: "80")]
            let bands = await refusal { try await w.importFramework(ParWorld.csv, badBands, by: "giamsat") }
            #expect(bands?.kind == "problems" && bands?.fields == ["bands"])
            // nothing stored, nothing audited
            #expect(try await ParFrameworkRecord.query(on: app.db).count() == frameworks)
            #expect(try await w.auditCount() == audit)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSelfScoreWithoutSupportOutOfRangeOrByAnotherPersonIsRefusedAndNothingChanges(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: the ward has started; 1.1 is the justice official's (HT)
            let w = try await ParWorld.make(app)
            try await w.importFramework(by: "giamsat")
            let a = try await w.start()
            let before = try await w.score(a, "1.1")
            let audit = try await w.auditCount()
            let plan = TaskEvidence.document(number: "05/KH-UBND", date: "2026-01-08", issuer: "UBND phường")
            // act
            let bare = await refusal { try await w.selfScore(a, "1.1", points: "4", by: "tuphap") }
            let above = await refusal { try await w.selfScore(a, "1.1", points: "4.5", evidence: [plan], by: "tuphap") }
            let below = await refusal { try await w.selfScore(a, "1.1", points: "-1", evidence: [plan], by: "tuphap") }
            let word = await refusal { try await w.selfScore(a, "1.1", points: "bốn", evidence: [plan], by: "tuphap") }
            let empty = await refusal { try await w.selfScore(a, "1.1", points: "", evidence: [plan], by: "tuphap") }
            let other = await refusal { try await w.selfScore(a, "1.1", points: "4", evidence: [plan], by: "diachinh") }
            let province = await refusal {
                try await w.selfScore(a, "1.1", points: "4", evidence: [plan], by: "giamsat")
            }
            let survey = await refusal {
                try await w.selfScore(a, "2.3", points: "8", explanation: "Ước tính", by: "vanphong")
            }
            // a penalty takes 0 down to minus its maximum (1), not below and not above 0
            let deepPenalty = await refusal {
                try await w.selfScore(a, "3.2", points: "-1.5", explanation: "Hai sai phạm", by: "vanphong")
            }
            let positivePenalty = await refusal {
                try await w.selfScore(a, "3.2", points: "0.5", explanation: "Không sai phạm", by: "vanphong")
            }
            // check: each refused with its reason
            #expect(bare?.kind == "problems" && bare?.fields == ["evidence"], "\(bare as Any)")
            #expect(bare?.text.contains("cần tài liệu kiểm chứng hoặc bản diễn giải") == true)
            #expect(above?.fields == ["points"] && above?.text.contains("phải từ 0 đến 4") == true, "\(above as Any)")
            #expect(below?.fields == ["points"] && below?.text.contains("phải từ 0 đến 4") == true)
            #expect(word?.fields == ["points"] && word?.text.contains("phải là một số") == true)
            #expect(empty?.fields == ["points"])
            #expect(other?.kind == "forbidden" && province?.kind == "forbidden")
            #expect(survey?.kind == "invalid" && survey?.text.contains("không chấm ở đây") == true)
            #expect(
                deepPenalty?.fields == ["points"] && deepPenalty?.text.contains("phải từ -1 đến 0") == true,
                "\(deepPenalty as Any)")
            #expect(positivePenalty?.fields == ["points"])
            // nothing changed
            let after = try await w.score(a, "1.1")
            #expect(after.selfPoints == nil && after.revision == before.revision && after.evidence == "[]")
            #expect(try await w.score(a, "3.2").selfPoints == nil)
            #expect(try await w.auditCount() == audit)
            // and the boundaries themselves are accepted
            try await w.selfScore(a, "1.1", points: "0", evidence: [plan], by: "tuphap")
            try await w.selfScore(a, "3.2", points: "-1", explanation: "Một hồ sơ bị xử lý", by: "vanphong")
            #expect(try await w.score(a, "3.2").selfPoints == -1)
            // another unit's office cannot submit the ward's assessment
            _ = try await AccountQueries.create(
                .init(
                    username: "vanphongtk", displayName: "Nguyễn Thị Hoa", password: "ThachKhe@2026", role: "office",
                    unitCode: ParWorld.communeCode),
                creator: nil, bcryptCost: 4, actor: .system("test"), on: app.db)
            let foreign = await refusal { try await w.submit(a, by: "vanphongtk") }
            #expect(foreign?.kind == "forbidden")
            // the office cannot hand a criterion to someone outside the ward's staff
            let outsider = await refusal {
                _ = try await ParService.assign(
                    try await w.score(a, "1.2").requireID(), to: try await w.user("giamsat").id,
                    by: try await w.user("vanphong"), actor: w.actor("vanphong", "2026-03-12T09:00"),
                    now: ParWorld.date("2026-03-12T09:00"), utcOffset: Self.utc, on: app.db)
            }
            #expect(outsider?.kind == "invalid" && outsider?.fields == ["assignee"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func afterTheSelfAssessmentDeadlineScoringAndSubmittingAreLockedAndNothingChanges(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: every criterion answered before the deadline (20 March)
            let w = try await ParWorld.make(app)
            try await w.importFramework(by: "giamsat")
            let a = try await w.start()
            for (code, who) in [("1.1", "tuphap"), ("1.2", "vanhoa"), ("2.2", "diachinh"), ("2.1", "vanphong")] {
                try await w.selfScore(a, code, points: "3", explanation: "Diễn giải cách tính điểm", by: who)
            }
            let score = try await w.score(a, "1.1")
            let assessment = try await w.reload(a)
            let audit = try await w.auditCount()
            // act: the day after the deadline
            let scoring = await refusal {
                try await w.selfScore(
                    a, "1.1", points: "4", explanation: "Bổ sung", by: "tuphap", at: "2026-03-21T08:00")
            }
            let submitting = await refusal { try await w.submit(a, at: "2026-03-21T08:00") }
            let assigning = await refusal {
                _ = try await ParService.assign(
                    score.requireID(), to: try await w.user("diachinh").id, by: try await w.user("vanphong"),
                    actor: w.actor("vanphong", "2026-03-21T08:00"), now: ParWorld.date("2026-03-21T08:00"),
                    utcOffset: Self.utc, on: app.db)
            }
            // check: locked, saying since when
            for r in [scoring, submitting, assigning] {
                #expect(
                    r?.kind == "invalid" && r?.text.contains("đã khóa từ hết ngày 20/03/2026") == true, "\(r as Any)")
            }
            // nothing changed
            let scoreAfter = try await w.score(a, "1.1")
            #expect(
                scoreAfter.selfPoints == score.selfPoints && scoreAfter.explanation == score.explanation
                    && scoreAfter.revision == score.revision && scoreAfter.$assignee.id == score.$assignee.id)
            let assessmentAfter = try await w.reload(a)
            #expect(
                assessmentAfter.phase == .selfAssessment && assessmentAfter.revision == assessment.revision
                    && assessmentAfter.submittedAtSeconds == nil)
            #expect(try await w.auditCount() == audit)
            // on the deadline day itself it was still open
            try await w.selfScore(a, "1.1", points: "4", explanation: "Bổ sung", by: "tuphap", at: "2026-03-20T23:30")
            #expect(try await w.score(a, "1.1").selfPoints == 4)
        }
    }

    @Test(arguments: TestDatabase.all)
    func appraisalIsTheSupervisorsInItsOwnPhaseAndNothingFollowsBeforePublication(db: TestDatabase) async throws {
        try await withDemoApp(db, adjust: ParWorld.clock()) { app in
            // setup: an assessment still in self-assessment
            let w = try await ParWorld.make(app)
            try await w.importFramework(by: "giamsat")
            let a = try await w.start()
            for (code, who) in [("1.1", "tuphap"), ("1.2", "vanhoa"), ("2.2", "diachinh"), ("2.1", "vanphong")] {
                try await w.selfScore(a, code, points: "3", explanation: "Diễn giải cách tính điểm", by: who)
            }
            // act + check: no appraisal before submission
            let tooSoon = await refusal { try await w.appraise(a, "1.1", round: 1, points: "2", comment: "Thiếu") }
            #expect(tooSoon?.kind == "invalid" && tooSoon?.text.contains("thẩm định vòng 1") == true)
            // act + check: no deduction and no breakthrough task before publication
            var deduction = ParService.DeductionInput()
            deduction.code = "1.1"
            deduction.responsibleID = try await w.user("tuphap").id.uuidString
            deduction.cause = "Chậm"
            deduction.remedy = "Khắc phục"
            deduction.deadlineDays = "10"
            let deducted = await refusal {
                _ = try await ParService.addDeduction(
                    a.requireID(), deduction, by: try await w.user("vanphong"),
                    actor: w.actor("vanphong", "2026-03-12T09:00"), now: ParWorld.date("2026-03-12T09:00"),
                    utcOffset: Self.utc, on: app.db)
            }
            #expect(deducted?.kind == "invalid")
            var idea = ParService.BreakthroughInput()
            idea.title = "Số hóa 100% hồ sơ"
            idea.product = "Báo cáo"
            idea.deadline = "2026-12-31"
            let proposed = await refusal {
                _ = try await ParService.propose(
                    a.requireID(), idea, by: try await w.user("tuphap"), actor: w.actor("tuphap", "2026-03-12T09:00"),
                    now: ParWorld.date("2026-03-12T09:00"), utcOffset: Self.utc, on: app.db)
            }
            #expect(proposed?.kind == "invalid" && proposed?.text.contains("sau khi tỉnh công bố") == true)
            // act: submitted; then the ward's office tries to appraise, and the supervisor scores out of range
            try await w.submit(a)
            var input = ParService.AppraisalInput()
            input.points = "4"
            let byOffice = await refusal {
                _ = try await ParService.appraise(
                    try await w.score(a, "1.1").requireID(), round: 1, input, by: try await w.user("vanphong"),
                    actor: w.actor("vanphong", "2026-03-25T09:00"), now: ParWorld.date("2026-03-25T09:00"),
                    utcOffset: Self.utc, on: app.db)
            }
            let above = await refusal { try await w.appraise(a, "1.1", round: 1, points: "5", comment: "x") }
            let roundTwo = await refusal { try await w.appraise(a, "1.1", round: 2, points: "3") }
            let afterDeadline = await refusal {
                try await w.appraise(a, "2.3", round: 1, points: "6", at: "2026-04-16T09:00")
            }
            // check
            #expect(byOffice?.kind == "forbidden", "\(byOffice as Any)")
            #expect(above?.fields == ["points"] && above?.text.contains("phải từ 0 đến 4") == true)
            #expect(roundTwo?.kind == "invalid" && roundTwo?.text.contains("thẩm định vòng 2") == true)
            #expect(afterDeadline?.text.contains("đã khóa từ hết ngày 15/04/2026") == true, "\(afterDeadline as Any)")
            let s = try await w.score(a, "1.1")
            #expect(s.firstPoints == nil && s.secondPoints == nil)
            #expect(try await w.score(a, "2.3").firstPoints == nil)
            // and the ward cannot send explanations before round 1 closed
            let replies = await refusal { try await w.sendReplies(a) }
            #expect(replies?.kind == "invalid")
            #expect(try await w.reload(a).phase == .submitted)
        }
    }
}
