import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// Periodic CCHC reports over the JSON API: the same writer and rules as the pages (422 naming the
/// field, 409 once submitted or accepted), the report with its figures and versions, and its DOCX
/// and XLSX annex.
enum ReformReportAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("units", ":code", "reports", use: list).requires(.viewReform)
        api.post("units", ":code", "reports", use: create).requires(.writeReports)
        api.get("reform-reports", ":report", use: get).requires(.viewReform)
        api.post("reform-reports", ":report", use: save).requires(.writeReports)
        api.post("reform-reports", ":report", "submit", use: submit).requires(.writeReports)
        api.post("reform-reports", ":report", "accept", use: accept).requires(.reviewReports)
        api.post("reform-reports", ":report", "return", use: giveBack).requires(.reviewReports)
        api.get("reform-reports", ":report", "docx", use: docx).requires(.viewReform)
        api.get("reform-reports", ":report", "xlsx", use: xlsx).requires(.viewReform)
    }

    // MARK: shapes (the header is also what the audit trail keeps)

    struct Header: Content {
        var id: UUID?
        var unitCode: String
        var kind: String
        var year: Int
        var subject: String
        var dataFrom: String
        var dataTo: String
        var dueOn: String
        var scheduleVersion: String
        var number: String
        var reportDate: String?
        var signerName: String
        var signerTitle: String
        var recipients: [String]
        var status: String
        var version: Int
        init(_ r: ReformReportRecord, unitCode: String) {
            id = r.id
            self.unitCode = unitCode
            kind = r.kind.rawValue
            year = r.year
            subject = r.subject
            dataFrom = r.dataFrom
            dataTo = r.dataTo
            dueOn = r.dueOn
            scheduleVersion = r.scheduleVersion
            number = r.number
            reportDate = r.reportDate
            signerName = r.signerName
            signerTitle = r.signerTitle
            recipients = r.recipientLines
            status = r.status.rawValue
            version = r.version
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(unitCode, forKey: .unitCode)
            try c.encode(kind, forKey: .kind)
            try c.encode(year, forKey: .year)
            try c.encode(subject, forKey: .subject)
            try c.encode(dataFrom, forKey: .dataFrom)
            try c.encode(dataTo, forKey: .dataTo)
            try c.encode(dueOn, forKey: .dueOn)
            try c.encode(scheduleVersion, forKey: .scheduleVersion)
            try c.encode(number, forKey: .number)
            try c.encode(reportDate, forKey: .reportDate)
            try c.encode(signerName, forKey: .signerName)
            try c.encode(signerTitle, forKey: .signerTitle)
            try c.encode(recipients, forKey: .recipients)
            try c.encode(status, forKey: .status)
            try c.encode(version, forKey: .version)
        }
    }

    struct Version: Content {
        var version: Int
        var submittedAt: String
        var submittedBy: String
        var decision: String?
        var comment: String
        var decidedBy: String?
        var decidedAt: String?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(version, forKey: .version)
            try c.encode(submittedAt, forKey: .submittedAt)
            try c.encode(submittedBy, forKey: .submittedBy)
            try c.encode(decision, forKey: .decision)
            try c.encode(comment, forKey: .comment)
            try c.encode(decidedBy, forKey: .decidedBy)
            try c.encode(decidedAt, forKey: .decidedAt)
        }
    }

    struct Share: Content {
        var key: String
        var numerator: Int
        var denominator: Int
        var percent: Double?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(numerator, forKey: .numerator)
            try c.encode(denominator, forKey: .denominator)
            try c.encode(percent, forKey: .percent)
        }
    }

    struct Figures: Content {
        /// Frozen (submitted or accepted) or live (a draft).
        var frozen: Bool
        var computedAt: String
        var received: Int
        var resolved: Int
        var resolvedOnTime: Int
        var resolvedLate: Int
        var overdue: Int
        var shares: [Share]
        var index766Version: String
        var index766Total: Double?
        var index766KnownPoints: Double
        var index766KnownMax: Double
        var tasksAssigned: Int
        var tasksCompleted: Int
        var tasksOnSchedule: Int
        var tasksDue: Int
        var inspections: Int
        var findings: Int
        var initiativesFiled: Int
        var initiativesRecognized: Int
        /// Null in a report frozen before these figures were computed.
        var feedback: FeedbackFigures?
        var parIndex: ParFigures?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(frozen, forKey: .frozen)
            try c.encode(computedAt, forKey: .computedAt)
            try c.encode(received, forKey: .received)
            try c.encode(resolved, forKey: .resolved)
            try c.encode(resolvedOnTime, forKey: .resolvedOnTime)
            try c.encode(resolvedLate, forKey: .resolvedLate)
            try c.encode(overdue, forKey: .overdue)
            try c.encode(shares, forKey: .shares)
            try c.encode(index766Version, forKey: .index766Version)
            try c.encode(index766Total, forKey: .index766Total)
            try c.encode(index766KnownPoints, forKey: .index766KnownPoints)
            try c.encode(index766KnownMax, forKey: .index766KnownMax)
            try c.encode(tasksAssigned, forKey: .tasksAssigned)
            try c.encode(tasksCompleted, forKey: .tasksCompleted)
            try c.encode(tasksOnSchedule, forKey: .tasksOnSchedule)
            try c.encode(tasksDue, forKey: .tasksDue)
            try c.encode(inspections, forKey: .inspections)
            try c.encode(findings, forKey: .findings)
            try c.encode(initiativesFiled, forKey: .initiativesFiled)
            try c.encode(initiativesRecognized, forKey: .initiativesRecognized)
            try c.encode(feedback, forKey: .feedback)
            try c.encode(parIndex, forKey: .parIndex)
        }
    }

    struct Report: Content {
        var report: Header
        var narrative: [String: String]
        var figures: Figures
        var versions: [Version]
    }

    static func iso(_ seconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func figures(_ f: ReformReportFigures, frozen: Bool) -> Figures {
        let t = f.dossierTotal
        return Figures(
            frozen: frozen, computedAt: iso(f.computedAtSeconds), received: t.received, resolved: t.resolved,
            resolvedOnTime: t.resolvedEarly + t.resolvedOnTime, resolvedLate: t.resolvedLate,
            overdue: t.inProgressOverdue,
            shares: f.shares.map {
                Share(
                    key: $0.key.rawValue, numerator: $0.value.numerator, denominator: $0.value.denominator,
                    percent: $0.value.percent)
            },
            index766Version: f.index766.version, index766Total: f.index766.total,
            index766KnownPoints: f.index766.knownPoints, index766KnownMax: f.index766.knownMax,
            tasksAssigned: f.tasks.assigned, tasksCompleted: f.tasks.completed, tasksOnSchedule: f.tasks.onSchedule,
            tasksDue: f.tasks.due, inspections: f.inspections.planned, findings: f.inspections.findings,
            initiativesFiled: f.initiatives.filed, initiativesRecognized: f.initiatives.recognized,
            feedback: f.feedback.map(FeedbackFigures.init), parIndex: f.parIndex.map(ParFigures.init))
    }

    static func report(_ req: Request, _ r: ReformReportRecord) async throws -> Report {
        let snapshot = try await ReformReportQueries.current(
            r, onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        let versions = try await ReformReportQueries.versions(of: r, on: req.db)
        return Report(
            report: Header(r, unitCode: r.unit.code), narrative: try r.narrativeTexts(),
            figures: figures(snapshot.figures, frozen: r.status == .submitted || r.status == .accepted),
            versions: versions.map { v in
                Version(
                    version: v.version, submittedAt: iso(v.submittedAtSeconds), submittedBy: v.submitter.displayName,
                    decision: v.decision?.rawValue, comment: v.comment, decidedBy: v.decider?.displayName,
                    decidedAt: v.decidedAtSeconds.map(iso))
            })
    }

    // MARK: handlers

    static func apiReport(_ req: Request, _ action: Action) async throws -> ReformReportRecord {
        let r = try await ReformReportQueries.find(
            req.parameters.get("report").flatMap(UUID.init(uuidString:)), on: req.db)
        try await req.require(action, unit: r.$unit.id)
        return r
    }

    @Sendable static func list(req: Request) async throws -> [Header] {
        let unit = try await Index766Controller.apiUnit(req, .viewReform)
        let year = try ReformReportsController.year(req, fallback: CatalogPublicController.today(req).year)
        return try await ReformReportQueries.reports(unitIDs: [unit.requireID()], year: year, on: req.db).map {
            Header($0, unitCode: unit.code)
        }
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let unit = try await Index766Controller.apiUnit(req, .writeReports)
        let input = try req.content.decode(ReformReportService.CreateInput.self)
        let r = try await ReformReportService.create(
            input, unit: unit, by: try req.require(.writeReports), actor: req.auditActor, now: req.now,
            utcOffset: req.config.utcOffset, on: req.db)
        r.$unit.value = unit
        return try await report(req, r).encodeResponse(status: .created, for: req)
    }

    @Sendable static func get(req: Request) async throws -> Report {
        try await report(req, try await apiReport(req, .viewReform))
    }

    @Sendable static func save(req: Request) async throws -> Report {
        let r = try await apiReport(req, .writeReports)
        let input = try req.content.decode(ReformReportService.TextInput.self)
        return try await report(
            req, try await ReformReportService.save(r, input, actor: req.auditActor, now: req.now, on: req.db))
    }

    @Sendable static func submit(req: Request) async throws -> Report {
        let r = try await apiReport(req, .writeReports)
        return try await report(
            req,
            try await ReformReportService.submit(
                r, by: try req.require(.writeReports), actor: req.auditActor,
                onlinePaymentOffered: req.onlinePaymentOffered, now: req.now,
                utcOffset: req.config.utcOffset, on: req.db))
    }

    static func decide(_ req: Request, accept: Bool) async throws -> Report {
        let r = try await apiReport(req, .reviewReports)
        let input = try req.content.decode(ReformReportService.Decision.self)
        return try await report(
            req,
            try await ReformReportService.decide(
                r, accept: accept, input, by: try req.require(.reviewReports), actor: req.auditActor, now: req.now,
                on: req.db))
    }

    @Sendable static func accept(req: Request) async throws -> Report { try await decide(req, accept: true) }
    @Sendable static func giveBack(req: Request) async throws -> Report { try await decide(req, accept: false) }

    @Sendable static func docx(req: Request) async throws -> Response {
        try await ReformReportsController.download(req, try await apiReport(req, .viewReform), docx: true)
    }

    @Sendable static func xlsx(req: Request) async throws -> Response {
        try await ReformReportsController.download(req, try await apiReport(req, .viewReform), docx: false)
    }
}
