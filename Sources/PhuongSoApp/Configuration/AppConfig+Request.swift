import Vapor

struct AppConfigKey: StorageKey { typealias Value = AppConfig }

extension Application {
    package var config: AppConfig {
        get { storage[AppConfigKey.self]! }
        set { storage[AppConfigKey.self] = newValue }
    }
    /// The ward's "now" for jobs and commands: the one clock, as requests read it.
    package var now: Date { Date().addingTimeInterval(config.clockOffset) }
}

extension Request {
    package var config: AppConfig { application.config }
    /// The ward's "now": the real clock plus the configured offset (see `AppConfig.clockOffset`).
    package var now: Date { application.now }
    /// Whether fees can be paid online here (a gateway or a VietQR account is configured): the
    /// Decision 766 payment indicators count the fee-charging procedures as payable online then.
    package var onlinePaymentOffered: Bool { config.gateway != nil || config.vietQR != nil }
}
