import Foundation
import PhuongSoCore

/// Everything read from the environment, once, at boot (CONTRACT "Configuration").
package struct AppConfig: Sendable {
    package enum DatabaseKind: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    package var database: DatabaseKind
    package var dataDirectory: String
    package var timeZoneIdentifier: String
    /// The local UTC offset in seconds (Asia/Ho_Chi_Minh: +7 h, no daylight saving).
    package var utcOffset: Int
    package var hostname: String
    package var port: Int
    /// Bcrypt cost: 12 in production; tests lower it to keep hashing quick.
    package var bcryptCost: Int
    package var loginLockout: LoginLockoutPolicy
    /// Lifetime of an API token.
    package var tokenLifetime: TimeInterval
    /// The address citizens reach the server at, for links printed on paper (the QR on BM.01).
    package var publicURL: String
    /// Seconds added to the real clock for everything dated in the ward's work (intake,
    /// processing, "today" of the catalogue). 0 in production; `PHUONGSO_CLOCK=2026-02-13T15:30`
    /// starts a demo or a browser test at that local time (it then runs on from there).
    package var clockOffset: TimeInterval = 0
    /// PostgreSQL schema to work in (tests give each run its own); nil = the server's default.
    package var postgresSearchPath: String?
    /// How long a request waits for a PostgreSQL connection before failing
    /// (PHUONGSO_DB_POOL_TIMEOUT, seconds, default 30).
    package var databasePoolTimeout: Int = 30
    /// PostgreSQL connections per event loop (PHUONGSO_DB_CONNECTIONS, default 4): with several
    /// instances, instances × cores × this must stay under the server's max_connections.
    package var databaseConnectionsPerLoop: Int = 4
    /// The online payment gateway (PHUONGSO_GATEWAY_URL…); nil: online payment is not offered.
    package var gateway: GatewaySettings?
    /// The ward's bank account for VietQR transfers (PHUONGSO_VIETQR_BIN, _ACCOUNT, _NAME); nil: not offered.
    package var vietQR: VietQR.Account?
    /// Largest accepted upload (PHUONGSO_MAX_UPLOAD_MB, default 20).
    package var maxUploadBytes: Int = 20 * 1_048_576
    /// Reverse proxies whose X-Forwarded-For is believed (PHUONGSO_TRUSTED_PROXIES); see ClientAddress.
    package var trustedProxies: Set<String> = []
    /// The S3-compatible bucket for stored files (PHUONGSO_S3_*); nil: the data directory.
    package var objectStore: S3Settings?
    /// How notifications leave the server (PHUONGSO_SMTP_URL, PHUONGSO_SMS_URL…; see NotificationSettings).
    package var notifications = NotificationSettings()

    package static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws
        -> AppConfig
    {
        let dataDir = env["PHUONGSO_DATA_DIR"] ?? "./data"
        let url = env["PHUONGSO_DATABASE_URL"] ?? "sqlite://\(dataDir)/phuongso.sqlite"
        let zone = env["PHUONGSO_TIMEZONE"] ?? "Asia/Ho_Chi_Minh"
        guard let tz = TimeZone(identifier: zone) else { throw ConfigError.invalid("PHUONGSO_TIMEZONE", zone) }
        var clockOffset: TimeInterval = 0
        if let start = env["PHUONGSO_CLOCK"], !start.isEmpty {
            guard let local = try? LocalDateTime(parsing: start, utcOffset: tz.secondsFromGMT()) else {
                throw ConfigError.invalid("PHUONGSO_CLOCK", start)
            }
            clockOffset = TimeInterval(local.instant.seconds) - Date().timeIntervalSince1970
        }
        var config = AppConfig(
            database: try parseDatabaseURL(url),
            dataDirectory: dataDir,
            timeZoneIdentifier: zone,
            utcOffset: tz.secondsFromGMT(),
            hostname: env["PHUONGSO_HOSTNAME"] ?? env["HOSTNAME"].flatMap(bindableHostname) ?? "127.0.0.1",
            port: Int(env["PORT"] ?? "") ?? 8080,
            bcryptCost: Int(env["PHUONGSO_BCRYPT_COST"] ?? "") ?? 12,
            loginLockout: .standard,
            tokenLifetime: 8 * 3600,
            publicURL: env["PHUONGSO_PUBLIC_URL"] ?? "http://127.0.0.1:\(Int(env["PORT"] ?? "") ?? 8080)",
            postgresSearchPath: env["PHUONGSO_POSTGRES_SCHEMA"])
        config.clockOffset = clockOffset
        config.gateway = GatewaySettings.fromEnvironment(env)
        config.notifications = try NotificationSettings.fromEnvironment(env)
        config.objectStore = try S3Settings.fromEnvironment(env)
        config.trustedProxies = ClientAddress.parse(env["PHUONGSO_TRUSTED_PROXIES"])
        if let bin = env["PHUONGSO_VIETQR_BIN"], let account = env["PHUONGSO_VIETQR_ACCOUNT"], !bin.isEmpty,
            !account.isEmpty
        {
            config.vietQR = VietQR.Account(
                bankBIN: bin, accountNumber: account, accountName: env["PHUONGSO_VIETQR_NAME"] ?? "")
        }
        if let t = env["PHUONGSO_DB_POOL_TIMEOUT"], !t.isEmpty {
            guard let n = Int(t), (1...600).contains(n) else {
                throw ConfigError.invalid("PHUONGSO_DB_POOL_TIMEOUT", t)
            }
            config.databasePoolTimeout = n
        }
        if let c = env["PHUONGSO_DB_CONNECTIONS"], !c.isEmpty {
            guard let n = Int(c), (1...64).contains(n) else { throw ConfigError.invalid("PHUONGSO_DB_CONNECTIONS", c) }
            config.databaseConnectionsPerLoop = n
        }
        if let mb = env["PHUONGSO_MAX_UPLOAD_MB"], !mb.isEmpty {
            guard let n = Int(mb), (1...500).contains(n) else {
                throw ConfigError.invalid("PHUONGSO_MAX_UPLOAD_MB", mb)
            }
            config.maxUploadBytes = n * 1_048_576
        }
        return config
    }

    /// CONTRACT names `HOSTNAME`, but containers and some shells export it as the machine's name:
    /// it is honoured only when it is an address to bind to (an IP literal or `localhost`).
    static func bindableHostname(_ value: String) -> String? {
        let ipv4 = value.split(separator: ".").count == 4 && value.split(separator: ".").allSatisfy { UInt8($0) != nil }
        return ipv4 || value == "localhost" || value.contains(":") ? value : nil
    }

    package static func parseDatabaseURL(_ url: String) throws -> DatabaseKind {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw ConfigError.invalid("PHUONGSO_DATABASE_URL", url) }
            return .sqlite(path: path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") { return .postgres(url: url) }
        throw ConfigError.invalid("PHUONGSO_DATABASE_URL", url)
    }
}

package enum ConfigError: Error, CustomStringConvertible {
    case invalid(String, String)
    package var description: String {
        switch self {
        case .invalid(let name, let value): return "invalid \(name): '\(value)'"
        }
    }
}

/// After `failures` failed logins within `window`, an account is locked for `lockFor`.
package struct LoginLockoutPolicy: Sendable {
    package var failures: Int
    package var window: TimeInterval
    package var lockFor: TimeInterval
    package static let standard = LoginLockoutPolicy(failures: 5, window: 15 * 60, lockFor: 15 * 60)
}
