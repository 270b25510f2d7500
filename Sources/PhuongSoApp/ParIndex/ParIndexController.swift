import Fluent
import Foundation
import PhuongSoCore
import Vapor

/// PAR Index pages: decode, authorize, call `ParService` or a query, render. The province's
/// supervisor issues frameworks and appraises; the ward office runs the self-assessment; every
/// official scores the criteria assigned to them.
enum ParIndexController {
    static func register(_ routes: RoutesBuilder, api: RoutesBuilder) {
        ParFrameworkPages.register(routes)
        ParAssessmentPages.register(routes)
        ParExportController.register(routes)
        ParIndexAPI.register(api)
    }
}
