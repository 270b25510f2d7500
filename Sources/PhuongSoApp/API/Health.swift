import Fluent
import SQLKit
import Vapor

enum Health {
    struct Status: Content { var status: String }

    /// 200 `{"status":"ok"}` when the database answers.
    @Sendable static func check(req: Request) async throws -> Response {
        do {
            try await req.db.sql.raw("SELECT 1").run()
            let r = Response(status: .ok)
            try r.content.encode(Status(status: "ok"))
            return r
        } catch {
            let r = Response(status: .serviceUnavailable)
            try r.content.encode(Status(status: "database unavailable"))
            return r
        }
    }
}
