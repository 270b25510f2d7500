import Foundation

/// The reform overview's URL, declared once: the route is registered from it and links are built
/// with it. Plans, tasks, initiatives and the 766 index have their own `…Paths`.
package enum ReformPaths {
    package static let overview = "/reform"
    /// The overview of one unit below (its code), for a supervisor.
    package static func overview(unit: String) -> String { overview + "?unit=" + unit }
}
