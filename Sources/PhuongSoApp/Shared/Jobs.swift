import Foundation
import NIOCore
import Vapor

/// Background jobs of a running server (not of tests or commands).
enum Jobs {
    /// Runs `work` with the ward's current time every `interval`, first after `initialDelay`;
    /// a failure is logged and the next run goes ahead.
    static func every(
        _ interval: TimeAmount, after initialDelay: TimeAmount, _ name: String, on app: Application,
        _ work: @escaping @Sendable (_ now: Date) async throws -> Void
    ) {
        app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: initialDelay, delay: interval) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do { try await work(app.now) } catch { app.logger.warning("\(name) failed: \(error)") }
            }
        }
    }
}
