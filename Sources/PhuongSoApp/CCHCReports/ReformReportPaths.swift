import Foundation
import Vapor

/// Every URL of the periodic CCHC reports, declared once: routes are registered from these and
/// links are built with them.
package enum ReformReportPaths {
    package static let list = "/reform/reports"
    package static func list(year: Int, unit: String? = nil) -> String {
        list + "?year=\(year)" + (unit.map { "&unit=" + $0 } ?? "")
    }
    package static func report(_ id: UUID) -> String { list + "/" + id.uuidString }
    package static func submit(_ id: UUID) -> String { report(id) + "/submit" }
    package static func accept(_ id: UUID) -> String { report(id) + "/accept" }
    package static func giveBack(_ id: UUID) -> String { report(id) + "/return" }
    package static func docx(_ id: UUID) -> String { report(id) + "/bao-cao.docx" }
    package static func xlsx(_ id: UUID) -> String { report(id) + "/phu-luc.xlsx" }
    package static func versionDOCX(_ id: UUID, _ version: Int) -> String {
        report(id) + "/versions/\(version)/bao-cao.docx"
    }

    static let routeReport: [PathComponent] = ["reform", "reports", ":report"]
}
