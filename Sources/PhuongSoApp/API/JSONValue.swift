/// A JSON value, for documents written in code (the OpenAPI description).
package indirect enum JSONValue: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByArrayLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral
{
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package init(stringLiteral v: String) { self = .string(v) }
    package init(integerLiteral v: Int) { self = .int(v) }
    package init(booleanLiteral v: Bool) { self = .bool(v) }
    package init(arrayLiteral v: JSONValue...) { self = .array(v) }
    package init(dictionaryLiteral v: (String, JSONValue)...) { self = .object(v) }

    package typealias Key = String
    package typealias Value = JSONValue

    struct CodingName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package func encode(to encoder: Encoder) throws {
        switch self {
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .int(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .array(let a):
            var c = encoder.unkeyedContainer()
            for v in a { try c.encode(v) }
        case .object(let o):
            var c = encoder.container(keyedBy: CodingName.self)
            for (k, v) in o { try c.encode(v, forKey: CodingName(stringValue: k)) }
        }
    }
}
