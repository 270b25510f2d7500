import Foundation
import Vapor

/// Every URL of signing in and of the accounts' admin pages, declared once: routes are registered
/// from these and links are built with them.
package enum AccountPaths {
    package static let login = "/login"
    package static let logout = "/logout"
    /// The signed-in user's own password.
    package static let password = "/account/password"
    /// The signed-in member of staff's own address and consent for task reminders.
    package static let contact = "/account/contact"
    /// The sign-in page, returning to `next` (a path with its query) afterwards.
    package static func login(next: String) -> String {
        login + "?next=" + next.queryValueEncoded
    }

    package static let users = "/admin/users"
    package static func user(_ username: String) -> String { users + "/\(username)" }
    package static func active(_ username: String) -> String { user(username) + "/active" }
    /// An administrator resetting someone's password.
    package static func resetPassword(_ username: String) -> String { user(username) + "/password" }

    /// Path components for route registration (`:username` is the account's username).
    static let routeUser: [PathComponent] = ["admin", "users", ":username"]
}
