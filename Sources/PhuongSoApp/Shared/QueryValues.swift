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

extension String {
    /// The value as a query parameter's value: ASCII letters and digits as they are, every other
    /// byte of its UTF-8 as `%XX`; what `addingPercentEncoding(withAllowedCharacters:
    /// .alphanumerics)` gives here (`QueryValuesTests`), without Foundation's walk through a
    /// character set, which was 3% of the catalogue search page's server time for its links to
    /// the posting sheets (docs/PERFORMANCE.md).
    package var queryValueEncoded: String {
        func kept(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
        }
        guard !utf8.allSatisfy(kept) else { return self }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count * 3)
        for b in utf8 {
            if kept(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
