import Foundation

@testable import PhuongSoApp

extension AuditActor {
    /// A system actor at the machine's time, for tests that do not look at when the audit line
    /// was written (tests that do pass `at:` or a clock explicitly).
    static func system(_ name: String) -> AuditActor { .system(name, at: Date()) }
}
