/// Plot 0.14 escapes text nodes but writes attribute values exactly as given (its `Attribute`
/// renders `name="value"`), so a value holding a `"` ends the attribute and the rest becomes
/// markup. Every attribute value that may carry user data goes through one of these (found by
/// issue 8's XSS browser check: `/login?next=` and `/procedures?q=` reflected markup, and page
/// titles repeated into `<meta content>` carried stored names).
extension String {
    /// For form values and other free text in an attribute: `& " ' < >` as character references,
    /// so the browser gives back exactly the string.
    package var attributeEscaped: String { escaped(ampersand: true) }

    /// For links the server builds (`href`, `action`): `" ' < >` escaped, `&` kept, since it
    /// separates query parameters and cannot end the attribute. Applying it twice changes nothing.
    package var linkEscaped: String { escaped(ampersand: false) }

    private func escaped(ampersand: Bool) -> String {
        // most values hold none of these: then the value is its own escape
        guard
            utf8.contains(where: {
                $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "<")
                    || $0 == UInt8(ascii: ">") || (ampersand && $0 == UInt8(ascii: "&"))
            })
        else { return self }
        // by Unicode scalar, not by Character: a `"` followed by a combining mark is one
        // Character that is not `"`, and would end the attribute unescaped
        var out = String.UnicodeScalarView()
        for c in unicodeScalars {
            switch c {
            case "&" where ampersand: out.append(contentsOf: "&amp;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }
}
