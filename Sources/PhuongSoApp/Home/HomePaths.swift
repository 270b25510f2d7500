import Foundation

/// The home pages' URLs, declared once: routes are registered from these and links are built with
/// them. The staff workspace is `WorkspacePaths`.
package enum HomePaths {
    package static let home = "/"
    /// Every staff page the user may open.
    package static let admin = "/admin"
}
