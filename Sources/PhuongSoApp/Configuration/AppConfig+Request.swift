import Vapor

struct AppConfigKey: StorageKey { typealias Value = AppConfig }

extension Application {
    package var config: AppConfig {
        get { storage[AppConfigKey.self]! }
        set { storage[AppConfigKey.self] = newValue }
    }
}

extension Request {
    package var config: AppConfig { application.config }
    /// The ward's "now": the real clock plus the configured offset (see `AppConfig.clockOffset`).
    package var now: Date { Date().addingTimeInterval(application.config.clockOffset) }
}
