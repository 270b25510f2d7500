import Fluent
import Vapor

/// Sets up a PhuongSo application: database, migrations, sessions, middleware, routes.
package func configure(_ app: Application, _ config: AppConfig) async throws {
    app.config = config
    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "1mb"
    // Stable JSON: sorted keys, ISO 8601 dates.
    let json = JSONEncoder()
    json.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    json.dateEncodingStrategy = .iso8601
    ContentConfiguration.global.use(encoder: json, for: .json)
    try app.useDatabase(config)
    app.useBlobStore(config)
    app.paymentGateway = config.gateway.map { HMACRedirectGateway(settings: $0) }
    app.messageSenders = MessageSenders.from(config.notifications, app: app)
    // Every line of a dossier's timeline passes the notification hook, in its transaction.
    app.databases.middleware.use(NotificationHook(publicURL: config.publicURL, utcOffset: config.utcOffset))
    // … and so do a feedback item's publication and a task reminder to its lead.
    app.databases.middleware.use(FeedbackAnswerHook(publicURL: config.publicURL))
    app.databases.middleware.use(TaskReminderHook(publicURL: config.publicURL))
    Migrations.register(on: app)

    app.sessions.use(.fluent)
    app.sessions.configuration = .phuongso(publicURL: config.publicURL)

    // Order matters: errors outermost; metrics see every answer; sessions before the user.
    app.middleware = Middlewares()
    app.middleware.use(RequestMetrics.Middleware())
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware(gatewayURL: config.gateway?.url))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(CurrentUserMiddleware())
    app.middleware.use(CSRF.Middleware())

    try routes(app)
}

package enum Migrations {
    static func register(on app: Application) {
        app.migrations.add(CreateUnits())
        app.migrations.add(CreateFields())
        app.migrations.add(CreateUsers())
        app.migrations.add(CreateUserFields())
        app.migrations.add(CreateTokens())
        app.migrations.add(CreateLoginAttempts())
        app.migrations.add(CreateAuditLog())
        app.migrations.add(CreateCalendarOverrides())
        app.migrations.add(SessionRecord.migration)
        app.migrations.add(CreateProcedures())
        app.migrations.add(CreateProcedureVersions())
        app.migrations.add(CreateDossiers())
        app.migrations.add(CreateJobLeases())
        app.migrations.add(CreatePaymentsResultsStore())
        app.migrations.add(AddIndexes())
        app.migrations.add(AddUnitBankAccounts())
        // Reform management (issue 13)
        app.migrations.add(CreateReformTasks())
        app.migrations.add(CreatePlans())
        app.migrations.add(CreateInspections())
        app.migrations.add(CreateInitiatives())
        app.migrations.add(CreateCommunicationLog())
        app.migrations.add(AddDossierFacts())
        app.migrations.add(AddDossierIndexFacts())
        app.migrations.add(CreateIndex766Entries())
        app.migrations.add(CreateReformReports())
        app.migrations.add(CreateParIndex())
        app.migrations.add(CreateDialogue())
        app.migrations.add(CreateNotificationOutbox())
        app.migrations.add(CreateFeedback())
        app.migrations.add(CreateOpen311())
        app.migrations.add(CreateFeedbackTemplates())
        app.migrations.add(AddNotificationSubjects())
        app.migrations.add(CreateEvaluationSchemes())
        app.migrations.add(CreateStaffRecords())
        app.migrations.add(CreateScorecards())
        app.migrations.add(CreateReportSchedules())
        app.migrations.add(AddComponentsSubmitted())
        app.migrations.add(AddDossierLookupIndexes())
        app.migrations.add(AddFeeOwedAndRatedUnhappy())
        app.migrations.add(AddProcedureTexts())
        app.migrations.add(RoomForProcedureTextCounts())
        app.migrations.add(AddFeeRuleColumns())
        app.migrations.add(AddCatalogueVersion())
    }
}

func routes(_ app: Application) throws {
    let site = app.grouped(PolicyMiddleware())
    HomeController.register(site)
    LoginController.register(site)
    UnitController.register(site)
    AccountController.register(site)
    AccountEditPage.register(site)
    AuditController.register(site)
    CalendarController.register(site)
    CatalogPublicController.register(site)
    CatalogAdminController.register(site)
    CounterController.register(site)
    TrackingController.register(site)
    ApplyController.register(site)
    InboxController.register(site)
    ApologyController.register(site)
    DossierPage.register(site)
    PaymentsController.register(site)
    UnitBankAccount.register(site)
    ResultsController.register(site)
    CitizenStoreController.register(site)
    let api = site.grouped("api", "v1")
    APIRoutes.register(api)
    CatalogAPI.register(api)
    DossierAPI.register(api)
    DossierProcessingAPI.register(api)
    NotificationsAPI.register(api)
    PaymentsAPI.register(api)
    ResultsAPI.register(api)
    ReportsController.register(site, api: api)
    // Reform management: each capability registers its pages and its API.
    TasksController.register(site, api: api)
    PlansController.register(site, api: api)
    InspectionsController.register(site, api: api)
    InitiativesController.register(site, api: api)
    CommunicationController.register(site, api: api)
    FeedbackPublicController.register(site)
    FeedbackStaffController.register(site)
    FeedbackAPI.register(api)
    FeedbackLimitsController.register(site, api: api)
    FeedbackTemplatesController.register(site, api: api)
    Open311Controller.register(app)
    Open311KeysController.register(site, api: api)
    ReformOverviewController.register(site, api: api)
    Index766Controller.register(site, api: api)
    ReformReportsController.register(site, api: api)
    ReportScheduleController.register(site, api: api)
    ParIndexController.register(site, api: api)
    DialogueController.register(site, api: api)
    WorkspaceController.register(site, api: api)
    StaffRecordController.register(site, api: api)
    EvaluationSchemePages.register(site, api: api)
    EvaluationController.register(site, api: api)
    app.get("healthz", use: Health.check)
    app.get(
        Layout.stylesheetPath.split(separator: "/").map { PathComponent(stringLiteral: String($0)) },
        use: Layout.serveStylesheet)
    app.get("metrics", use: RequestMetrics.render)
}
