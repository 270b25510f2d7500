import Foundation

/// The audit trail's URL, declared once: the route is registered from it and links are built with it.
package enum AuditPaths {
    package static let audit = "/admin/audit"
}
