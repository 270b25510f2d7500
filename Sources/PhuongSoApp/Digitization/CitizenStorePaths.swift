import Foundation

/// The citizen's data store ("Kho dữ liệu"), declared once: the route is registered from it and
/// links are built with it. Its staff side (scans, files) lives on the dossier: `DossierPaths`.
package enum CitizenStorePaths {
    package static let mine = "/my/documents"
}
