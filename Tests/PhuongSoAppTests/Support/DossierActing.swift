import Fluent
import Foundation
import PhuongSoCore
import Testing
import Vapor
import VaporTesting

@testable import PhuongSoApp

extension WebSession {
    /// Posts one action's form on a dossier page, with the revision the page carries.
    func act(_ app: Application, _ id: UUID, _ form: [String: String]) async throws -> TestingHTTPResponse {
        let revision = try #require(try await DossierRecord.find(id, on: app.db)).revision
        return try await post(
            app, "/counter/dossiers/\(id)/act", form: form.merging(["revision": String(revision)]) { given, _ in given }
        )
    }
}

/// Applies a typed command to a dossier as `username` at `now`, through the one writer.
func actOn(_ app: Application, _ id: UUID, _ command: DossierCommand, as username: String, at now: Date) async throws {
    let d = try #require(
        try await DossierRecord.query(on: app.db).filter(\.$id == id).with(\.$unit).with(\.$procedure).first())
    let user = try CurrentUser(try await AccountQueries.find(username: username, on: app.db))
    try await DossierWriter.apply(
        command, to: d, revision: d.revision, by: user, actor: .system(username), now: now, utcOffset: 7 * 3600,
        on: app.db)
}

/// The official of the dossier's unit a leader may choose, by account name.
func eligible(_ app: Application, _ username: String) async throws -> EligibleOfficial {
    let u = try await AccountQueries.find(username: username, on: app.db)
    return EligibleOfficial(username: u.username, name: u.displayName, role: u.role)
}

/// Applies an action as its form or JSON body would send it (choices by id or code), as
/// `username` at `now`: the input is turned into a command by the same code as the pages and API.
func actWith(_ app: Application, _ id: UUID, _ fields: [String: String], as username: String, at now: Date) async throws
{
    let d = try #require(
        try await DossierRecord.query(on: app.db).filter(\.$id == id).with(\.$unit).with(\.$procedure).first())
    let user = try CurrentUser(try await AccountQueries.find(username: username, on: app.db))
    let input = try JSONDecoder().decode(DossierActionInput.self, from: JSONEncoder().encode(fields))
    let rules = try await DossierWriter.load(d, on: app.db)
    let command = try await DossierActions.command(
        input, record: d, dossier: rules, confirmed: true, utcOffset: 7 * 3600, on: app.db)
    try await DossierWriter.apply(
        command, to: d, revision: d.revision, by: user, actor: .system(username), now: now, utcOffset: 7 * 3600,
        on: app.db)
}
