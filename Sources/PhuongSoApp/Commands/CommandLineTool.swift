import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// `phuongso COMMAND …` (CONTRACT "The executable"). Commands parse their arguments and call
/// functions that the tests call too.
package enum CommandLineTool {
    package static func main(_ arguments: [String]) async -> Int32 {
        let args = Array(arguments.dropFirst())
        let lang = (ProcessInfo.processInfo.environment["LANG"] ?? "").hasPrefix("vi") ? Language.vi : Language.en
        do {
            switch args.first {
            case "serve"?: try await serve(Arguments(args.dropFirst()))
            case "migrate"?:
                try await withApp { app in
                    try await app.autoMigrate()
                    print("migrated")
                }
            case "demo"?: try await demo()
            case "user"?: try await user(Arguments(args.dropFirst()))
            case "calendar"?: try await CalendarCommand.run(Arguments(args.dropFirst()), lang: lang)
            case "audit"?: return try await audit(Arguments(args.dropFirst()))
            case "catalog"?: return try await CatalogCommand.run(Arguments(args.dropFirst()), lang: lang)
            case "backup"?:
                try await Backup.backup(
                    to: Arguments(args.dropFirst()).required("--to"), config: AppConfig.fromEnvironment())
            case "payments"?: try await payments(Arguments(args.dropFirst()))
            case "files"?: return try await FilesCommand.run(Arguments(args.dropFirst()))
            case "notifications"?: try await NotificationDelivery.command(Arguments(args.dropFirst()))
            case "keys"?:
                let a = Arguments(args.dropFirst())
                guard a.positional.first == "rotate" else {
                    throw UsageError("usage: phuongso keys rotate --unit UNITCODE")
                }
                try await withApp { app in
                    let unit = try await UnitQueries.find(code: a.required("--unit"), on: app.db)
                    let key = try await SigningKeys.rotate(
                        for: unit, keys: app.blobs, actor: .system("cli", at: app.now),
                        now: app.now, on: app.db)
                    print("new signing key \(key.keyID) for \(unit.code)")
                }
            case "gateway-sandbox"?:
                let a = Arguments(args.dropFirst())
                guard let port = Int(a.value("--port") ?? ""), (1...65535).contains(port) else {
                    throw UsageError("gateway-sandbox needs --port P")
                }
                let env = ProcessInfo.processInfo.environment
                try await GatewaySandbox.serve(
                    hostname: a.value("--hostname") ?? "127.0.0.1", port: port,
                    merchant: env["PHUONGSO_GATEWAY_MERCHANT"] ?? "PHUONGSO",
                    secret: env["PHUONGSO_GATEWAY_SECRET"] ?? GatewaySandbox.defaultSecret)
            case "restore"?:
                try await Backup.restore(
                    from: Arguments(args.dropFirst()).required("--from"), config: AppConfig.fromEnvironment())
            default:
                FileHandle.standardError.write(Data((usage + "\n").utf8))
                return args.isEmpty || args.first == "help" || args.first == "--help" ? 0 : 64
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data(("phuongso: " + describe(error, lang) + "\n").utf8))
            return 1
        }
    }

    static let usage = """
        usage: phuongso serve [--hostname H] [--port P] [--demo]
               phuongso migrate | demo
               phuongso user add --username U --role ROLE [--unit UNITCODE] [--name NAME]   (password on standard input)
               phuongso calendar holidays --year Y [--unit UNITCODE]
               phuongso calendar due --from YYYY-MM-DDTHH:MM (--hours N | --days N | --same-day) [--cutoff HH:MM] [--unit UNITCODE]
               phuongso calendar lunar --solar YYYY-MM-DD | --lunar YYYY-MM-DD [--leap]
               phuongso catalog import FILE [--processes FILE] [--unit UNITCODE] [--dry-run] [--effective YYYY-MM-DD]
               phuongso audit verify
               phuongso backup --to FILE | restore --from FILE
               phuongso files copy-to-bucket | files verify
               phuongso gateway-sandbox --port P [--hostname H]   (a stand-in payment gateway for demos and tests)
               phuongso payments reconcile | payments import-statement FILE.csv --unit UNITCODE
               phuongso notifications deliver   (send the notifications that are due, once)
               phuongso keys rotate --unit UNITCODE
        """

    static func describe(_ error: Error, _ lang: Language) -> String {
        switch error {
        case let e as CalendarError: return e.message(language: lang.rawValue)
        case let e as AppError: return e.message(lang)
        case let p as ValidationProblems:
            return p.messages.sorted { $0.key < $1.key }.map { "\($0.key): \(lang.t($0.value.vi, $0.value.en))" }
                .joined(separator: "; ")
        case let e as UsageError: return e.message
        case let e as StorageProblem: return lang.t(e.vi, e.en)
        default: return String(describing: error)
        }
    }

    /// Boots an application on the configured database, runs `body`, shuts down.
    static func withApp<T>(_ config: AppConfig? = nil, _ body: (Application) async throws -> T) async throws -> T {
        let config = try config ?? AppConfig.fromEnvironment()
        let app = try await Application.make(.init(name: "production", arguments: ["phuongso"]))
        app.logger.logLevel = .warning
        do {
            try await configure(app, config)
            try await app.prepareDatabase()
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func serve(_ args: Arguments) async throws {
        var config = try AppConfig.fromEnvironment()
        if let h = args.value("--hostname") { config.hostname = h }
        if let p = args.value("--port") {
            guard let port = Int(p), (1...65535).contains(port) else { throw UsageError("invalid --port '\(p)'") }
            config.port = port
        }
        if ProcessInfo.processInfo.environment["PHUONGSO_PUBLIC_URL"] == nil {
            config.publicURL = "http://\(config.hostname):\(config.port)"
        }
        // The demo ward shows VietQR with a sample account unless one is configured (no money moves: reconciliation
        // is by statement import).
        if args.flag("--demo"), config.vietQR == nil { config.vietQR = DemoData.vietQRAccount }
        var env = Environment(
            name: "production",
            arguments: ["phuongso", "serve", "--hostname", config.hostname, "--port", String(config.port)])
        try LoggingSystem.bootstrap(from: &env)
        let trimmed = MallocTrim.apply()
        let app = try await Application.make(env)
        if !trimmed {
            app.logger.warning("malloc's trim threshold could not be set; freed memory goes back to the kernel at once")
        }
        do {
            try await configure(app, config)
            // A wrong bucket or key stops the start here, not at the first citizen's upload.
            try await app.blobs.check()
            try await app.prepareDatabase()
            try await app.autoMigrate()
            if args.flag("--demo"),
                try await DemoData.loadIfEmpty(bcryptCost: config.bcryptCost, now: app.now, on: app.db)
            {
                app.logger.notice(
                    "Loaded the demo province and ward; accounts are listed in the README (password \(DemoData.password))."
                )
            }
            if args.flag("--demo"),
                try await DemoReform.loadIfEmpty(now: app.now, utcOffset: config.utcOffset, on: app.db)
            {
                app.logger.notice(
                    "Loaded the demo ward's reform plan, tasks, inspection and initiatives (illustrative).")
            }
            Escalation.schedule(app)
            GatewayService.schedule(app)
            NotificationDelivery.schedule(app)
            try await app.execute()
            // A stop (SIGTERM, SIGINT) lets what is under way finish before the databases close:
            // the server stops taking requests and answers those in flight, then the jobs end.
            // Vapor's own shutdown closes its providers (the databases) before the server, and a
            // request still running then finds no database and crashes the process.
            await app.server.shutdown()
            await Jobs.stopAll(app)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// `payments reconcile`: ask the gateway about pending payments now (as the server's job does);
    /// `payments import-statement FILE`: settle VietQR transfers from a bank statement.
    static func payments(_ a: Arguments) async throws {
        try await withApp { app in
            let now = app.now
            switch a.positional.first {
            case "reconcile":
                guard let gateway = app.paymentGateway else {
                    throw UsageError("no gateway configured (PHUONGSO_GATEWAY_URL)")
                }
                let outcomes = try await GatewayService.reconcile(
                    gateway: gateway, client: app.client, now: now, utcOffset: app.config.utcOffset, after: 0,
                    on: app.db)
                print(
                    "\(outcomes.count) pending payments asked about: "
                        + Dictionary(grouping: outcomes, by: \.rawValue).map { "\($0.value.count) \($0.key)" }.sorted()
                        .joined(separator: ", "))
            case "import-statement":
                guard a.positional.count > 1 else {
                    throw UsageError("usage: phuongso payments import-statement FILE.csv --unit UNITCODE")
                }
                let unit = try await UnitQueries.find(code: a.required("--unit"), on: app.db)
                let text = try CSV.text(from: Array(try Data(contentsOf: URL(fileURLWithPath: a.positional[1]))))
                for o in try await VietQRService.importStatement(
                    text, unit: unit, by: "cli", now: now, utcOffset: app.config.utcOffset, on: app.db)
                {
                    print("\(o.line)\t\(o.transactionID)\t\(o.amount)\t\(o.outcome)\t\(o.dossierCode)")
                }
            default:
                throw UsageError(
                    "usage: phuongso payments reconcile | payments import-statement FILE.csv --unit UNITCODE")
            }
        }
    }

    static func demo() async throws {
        try await withApp { app in
            try await app.autoMigrate()
            if try await DemoData.loadIfEmpty(bcryptCost: app.config.bcryptCost, now: app.now, on: app.db) {
                try await DemoReform.loadIfEmpty(now: app.now, utcOffset: app.config.utcOffset, on: app.db)
                print("demo data loaded")
            } else {
                throw UsageError("the database is not empty: demo data not loaded")
            }
        }
    }

    static func user(_ args: Arguments) async throws {
        guard args.positional.first == "add" else {
            throw UsageError("usage: phuongso user add --username U --role ROLE [--unit UNITCODE]")
        }
        let username = try args.required("--username")
        let role = try args.required("--role")
        guard let r = Role(rawValue: role) else {
            throw UsageError("unknown role '\(role)' (one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if r.needsUnit && args.value("--unit") == nil { throw UsageError("--unit is required for role \(role)") }
        let password = readLine(strippingNewline: true) ?? ""
        try await withApp { app in
            try await app.autoMigrate()
            let user = try await AccountQueries.create(
                .init(
                    username: username, displayName: args.value("--name"), password: password, role: role,
                    unitCode: args.value("--unit")),
                creator: nil, bcryptCost: app.config.bcryptCost, actor: .system("cli", at: app.now), on: app.db)
            print("created \(user.username) (\(user.role.rawValue))")
        }
    }

    static func audit(_ args: Arguments) async throws -> Int32 {
        guard args.positional.first == "verify" else { throw UsageError("usage: phuongso audit verify") }
        return try await withApp { app in
            let (checked, problem) = try await AuditLog.verify(on: app.db)
            if let problem {
                FileHandle.standardError.write(
                    Data("phuongso: audit trail check FAILED after \(checked) good entries: \(problem)\n".utf8))
                return 2
            }
            print("audit trail intact: \(checked) entries checked")
            return 0
        }
    }
}

struct UsageError: Error {
    var message: String
    init(_ m: String) { message = m }
}

/// `--name value` options, `--flag` flags and positional words.
package struct Arguments {
    var words: [String]
    package init<S: Sequence>(_ s: S) where S.Element == String { words = Array(s) }

    func value(_ name: String) -> String? {
        guard let i = words.firstIndex(of: name), i + 1 < words.count else { return nil }
        return words[i + 1]
    }
    func required(_ name: String) throws -> String {
        guard let v = value(name), !v.hasPrefix("--") else { throw UsageError("missing \(name)") }
        return v
    }
    func flag(_ name: String) -> Bool { words.contains(name) }
    var positional: [String] {
        var out: [String] = []
        var i = 0
        while i < words.count {
            if words[i].hasPrefix("--") {
                i +=
                    (i + 1 < words.count && !words[i + 1].hasPrefix("--")
                        && !["--demo", "--leap", "--same-day", "--dry-run"].contains(words[i])) ? 2 : 1
            } else {
                out.append(words[i])
                i += 1
            }
        }
        return out
    }
}
