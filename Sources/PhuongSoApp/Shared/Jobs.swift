import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Background jobs of a running server (not of tests or commands).
enum Jobs {
    struct Running: StorageKey { typealias Value = NIOLockedValueBox<[RepeatedTask]> }

    /// Runs `work` with the ward's current time every `interval`, first after `initialDelay`;
    /// a failure is logged and the next run goes ahead.
    static func every(
        _ interval: TimeAmount, after initialDelay: TimeAmount, _ name: String, on app: Application,
        _ work: @escaping @Sendable (_ now: Date) async throws -> Void
    ) {
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: initialDelay, delay: interval) {
            _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do { try await work(app.now) } catch { app.logger.warning("\(name) failed: \(error)") }
            }
        }
        if app.storage[Running.self] == nil { app.storage[Running.self] = NIOLockedValueBox([]) }
        app.storage[Running.self]!.withLockedValue { $0.append(task) }
    }

    /// Cancels every job and waits for a run in progress to end, so that no job finds the
    /// database closed under it.
    static func stopAll(_ app: Application) async {
        let tasks = app.storage[Running.self]?.withLockedValue { running in
            defer { running = [] }
            return running
        }
        for task in tasks ?? [] {
            let done = app.eventLoopGroup.next().makePromise(of: Void.self)
            task.cancel(promise: done)
            do { try await done.futureResult.get() } catch {
                app.logger.warning("a background job did not stop cleanly: \(error)")
            }
        }
    }
}
