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
}
