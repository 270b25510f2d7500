import Vapor

/// A URL's query read as a form is read (`+` a space, `%XX` its byte, the last value of a
/// repeated name): Vapor's `URLEncodedFormDecoder`'s reading of plain names, which
/// `QueryValuesTests` compares it with, without building that decoder for each view (one
/// difference: a name without "=" has no value, where that decoder refused the whole query). The
/// tracking page decoded its query through it twice per view (its code and secret, then the
/// language), 9% of the server's time on that page (docs/PERFORMANCE.md).
package struct QueryValues: Sendable {
    private var values: [String: String] = [:]

    /// Throws a 400 for a name or value whose `%` escapes are not UTF-8, as Vapor's decoder does.
    package init(_ query: String?) throws {
        guard let query else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = Self.decode(parts[0]) else {
                if parts.count == 2 { throw Abort(.badRequest, reason: "malformed query") }
                continue  // a name without "=" has no value
            }
            guard let value = Self.decode(parts[1]) else { throw Abort(.badRequest, reason: "malformed query") }
            values[name] = value
        }
    }

    package subscript(_ name: String) -> String? { values[name] }

    /// One name's value read past any pair that cannot be read: the page's language, which
    /// chooses Vietnamese or English before the page reads (and reports) the rest of its query.
    package static func value(_ name: String, in query: String?) -> String? {
        var found: String?
        for pair in query?.split(separator: "&") ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, decode(parts[0]) == name, let value = decode(parts[1]) { found = value }
        }
        return found
    }

    private static func decode(_ text: Substring) -> String? {
        // most names and values have nothing to decode, and Foundation's decoding is the cost here
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else {
            return String(text)
        }
        return text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension Request {
    /// The URL's query values (`QueryValues`).
    package func queryValues() throws -> QueryValues { try QueryValues(url.query) }
}
