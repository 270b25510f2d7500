import Fluent
import Foundation
import Vapor

/// Checks a username and password with throttling: after the policy's number of failures in its
/// window the username is locked for a while, whether or not such a user exists, and the
/// message for an unknown user and a wrong password is the same.
package enum LoginService {
    package enum Outcome: Sendable { case success(UserRecord), failure, locked }

    package static func attempt(
        username raw: String, password: String, address: String, policy: LoginLockoutPolicy,
        bcryptCost: Int, now: Date, on db: Database
    ) async throws -> Outcome {
        let username = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let since = now.addingTimeInterval(-max(policy.window, policy.lockFor))
        let recent = try await LoginAttemptRecord.query(on: db).filter(\.$username == username)
            .filter(\.$at >= since).sort(\.$at, .descending).limit(policy.failures).all()
        if isLocked(recent: recent, policy: policy, now: now) { return .locked }

        let user = try await UserRecord.query(on: db).filter(\.$username == username).first()
        let ok: Bool
        if let user {
            ok = (try? Bcrypt.verify(password, created: user.passwordHash)) ?? false
        } else {
            // Spend the same time as a real check, so timing does not tell an unknown user.
            _ = try? Bcrypt.hash(password, cost: bcryptCost)
            ok = false
        }
        let succeeded = ok && user?.active == true
        try await LoginAttemptRecord(username: username, at: now, succeeded: succeeded, address: address).create(on: db)
        if succeeded, let user { return .success(user) }
        return .failure
    }

    /// Locked when the last `failures` attempts all failed within `window` and the latest of them
    /// is less than `lockFor` ago.
    static func isLocked(recent: [LoginAttemptRecord], policy: LoginLockoutPolicy, now: Date) -> Bool {
        let lastN = recent.prefix(policy.failures)
        return lastN.allSatisfy { !$0.succeeded } && isLocked(failures: lastN.map(\.at), policy: policy, now: now)
    }

    /// The same rule over the times of failures alone, newest first (the tracking throttle records
    /// only misses).
    static func isLocked(failures newestFirst: [Date], policy: LoginLockoutPolicy, now: Date) -> Bool {
        let lastN = newestFirst.prefix(policy.failures)
        return isLocked(newestFailures: lastN.count, newest: lastN.first, oldest: lastN.last, policy: policy, now: now)
    }

    /// The same rule over what it needs of the newest failures (at most `policy.failures` of
    /// them): how many, the newest and the oldest; as the tracking lookup reads them in SQL.
    static func isLocked(newestFailures count: Int, newest: Date?, oldest: Date?, policy: LoginLockoutPolicy, now: Date)
        -> Bool
    {
        guard count == policy.failures, let newest, let oldest, newest.timeIntervalSince(oldest) <= policy.window
        else { return false }
        return now.timeIntervalSince(newest) < policy.lockFor
    }

    /// Password rules: at least 8 characters, not all digits.
    package static func passwordProblem(_ password: String) -> (vi: String, en: String)? {
        if password.count < 8 { return ("Mật khẩu cần ít nhất 8 ký tự.", "The password needs at least 8 characters.") }
        if password.count > 128 {
            return ("Mật khẩu dài quá 128 ký tự.", "The password is longer than 128 characters.")
        }
        if password.allSatisfy(\.isNumber) {
            return ("Mật khẩu không được chỉ gồm chữ số.", "The password cannot be digits only.")
        }
        return nil
    }
}
