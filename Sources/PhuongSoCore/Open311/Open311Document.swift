/// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) answers every resource in two
/// formats, XML (required by the specification) and JSON, with the same fields. A document is
/// built once as an `Open311Value` and written in the format the URL asks for, so the two can
/// never disagree.
public enum Open311Format: String, Sendable, CaseIterable {
    case json, xml

    /// The content types the specification names (UTF-8 everywhere).
    public var contentType: String {
        self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8"
    }

    /// Splits a resource file name such as `services.json` into its name and format; nil when the
    /// extension is neither `json` nor `xml`.
    public static func split(_ file: String) -> (name: String, format: Open311Format)? {
        guard let dot = file.lastIndex(of: "."),
            let format = Open311Format(rawValue: String(file[file.index(after: dot)...]).lowercased())
        else { return nil }
        return (String(file[..<dot]), format)
    }
}

/// A value of a GeoReport document: JSON's shapes, plus the element name each list item takes in
/// XML (`<services><service>…</service></services>`).
public indirect enum Open311Value: Sendable, Hashable {
    case text(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case null
    case list(item: String, [Open311Value])
    case record([Open311Field])

    /// A text, or null when empty: the specification's optional fields.
    public static func optional(_ text: String?) -> Open311Value {
        guard let text, !text.isEmpty else { return .null }
        return .text(text)
    }
}

public struct Open311Field: Sendable, Hashable {
    public let key: String
    public let value: Open311Value
    public init(_ key: String, _ value: Open311Value) {
        self.key = key
        self.value = value
    }
}

/// A whole answer: the root element's name (XML only) and its value.
public struct Open311Document: Sendable, Hashable {
    public let root: String
    public let value: Open311Value

    public init(root: String, _ value: Open311Value) {
        self.root = root
        self.value = value
    }

    public func rendered(as format: Open311Format) -> String {
        switch format {
        case .json: return Self.json(value)
        case .xml: return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + Self.xml(root, value)
        }
    }

    static func json(_ v: Open311Value) -> String {
        switch v {
        case .text(let s): return jsonString(s)
        case .int(let i): return String(i)
        case .number(let d): return d.isFinite ? String(d) : "null"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(_, let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .record(let fields):
            return "{" + fields.map { jsonString($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func xml(_ name: String, _ v: Open311Value) -> String {
        let inner: String
        switch v {
        case .text(let s): inner = XMLText.escaped(s)
        case .int(let i): inner = String(i)
        case .number(let d): inner = d.isFinite ? String(d) : ""
        case .bool(let b): inner = b ? "true" : "false"
        case .null: inner = ""
        case .list(let item, let items): inner = items.map { xml(item, $0) }.joined()
        case .record(let fields): inner = fields.map { xml($0.key, $0.value) }.joined()
        }
        return "<\(name)>\(inner)</\(name)>"
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

/// The specification's error body: a list of `{code, description}`, the code being the HTTP
/// status it is answered with.
public struct Open311Error: Error, Sendable, Hashable {
    public let code: Int
    public let description: String

    public init(_ code: Int, _ description: String) {
        self.code = code
        self.description = description
    }

    public static func document(_ errors: [Open311Error]) -> Open311Document {
        Open311Document(
            root: "errors",
            .list(
                item: "error",
                errors.map {
                    .record([Open311Field("code", .int($0.code)), Open311Field("description", .text($0.description))])
                }))
    }
}
