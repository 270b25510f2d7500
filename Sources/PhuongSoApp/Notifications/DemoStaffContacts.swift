import Fluent
import Foundation
import PhuongSoCore

/// The demo ward's officials have work e-mail addresses at an example domain and agreed to be
/// reminded by e-mail, so a demo server sends task reminders beyond the app (to a local mail
/// server, or to the record file in test mode). Addresses at `phuongso.example` reach nobody.
package enum DemoStaffContacts {
    package static let domain = "phuongso.example"
    package static let officials = ["chutich", "vanphong", "tuphap", "diachinh", "vanhoa"]

    package static func load(on db: Database) async throws {
        for username in officials {
            try await UserRecord.query(on: db).filter(\.$username == username)
                .set(\.$email, to: "\(username)@\(domain)").set(\.$notifyBy, to: .email).update()
        }
    }
}
