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
        for (name, value) in Self.pairs(query) {
            guard let name = Self.decode(name), let value = Self.decode(value) else {
                throw Abort(.badRequest, reason: "malformed query")
            }
            values[name] = value
        }
    }

    package subscript(_ name: String) -> String? { values[name] }

    /// One name's value read past any pair that cannot be read: the page's language, which
    /// chooses Vietnamese or English before the page reads (and reports) the rest of its query.
    package static func value(_ name: String, in query: String?) -> String? {
        pairs(query).reversed().lazy.filter { decode($0.name) == name }.compactMap { decode($0.value) }.first
    }

    /// The query's name=value pairs as written; a name without "=" has no value and is left out.
    private static func pairs(_ query: String?) -> [(name: Substring, value: Substring)] {
        (query?.split(separator: "&") ?? []).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
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
