import Foundation

/// Every URL of the dossier statistics, declared once: routes are registered from these and links
/// are built with them. Dates are `YYYY-MM-DD`.
package enum ReportPaths {
    package static let matrix = "/reports/matrix"
    package static let matrixXLSX = "/reports/matrix.xlsx"
    package static func matrixXLSX(from: String, to: String, group: String) -> String {
        matrixXLSX + "?from=\(from)&to=\(to)&group=\(group)"
    }
}
