import Plot

/// A fragment Plot renders once, with a marker where each view's value goes: the pieces between
/// the markers are kept, and a view writes them around its values instead of having Plot build
/// and render the same elements again (`Layout`'s kept shell does the same for the page's frame).
/// Each template is built from the same function that builds its fragment whole, and a test
/// compares the two (`TrackingViewsTests`).
package struct PlotTemplate: Sendable {
    /// A view's value for one marker, written as Plot writes it there.
    package enum Value {
        /// A text node's text (`Node.text`).
        case text(String)
        /// An attribute's value that may hold anything (`attributeEscaped`).
        case attribute(String)
        /// Markup Plot rendered.
        case raw(String)

        var written: String {
            switch self {
            case .text(let s): s.htmlTextEscaped
            case .attribute(let s): s.attributeEscaped
            case .raw(let s): s
            }
        }
    }

    private let pieces: [String]

    /// `build` gets one marker per value and must write each marker once, in their order, where
    /// the value goes: as a text (`.text(marker)`), an attribute's value or a raw node.
    package init<Context>(values: Int, _ build: ([String]) -> Node<Context>) {
        let markers = (0..<values).map { "\u{1}\($0)\u{2}" }
        var rest = build(markers).render()
        var pieces: [String] = []
        for marker in markers {
            let parts = rest.components(separatedBy: marker)
            precondition(parts.count == 2, "each marker is written once and in order")
            pieces.append(parts[0])
            rest = parts[1]
        }
        pieces.append(rest)
        self.pieces = pieces
    }

    /// The fragment with these values, one per marker.
    package func fill(_ values: [Value]) -> String {
        precondition(values.count == pieces.count - 1, "one value per marker")
        var out = pieces[0]
        for (value, piece) in zip(values, pieces.dropFirst()) {
            out += value.written
            out += piece
        }
        return out
    }
}

/// What is made once per language for everyone not signed in (a template, a part rendered once),
/// from a page context of that language with no user: the kept parts of the shell, the tracking
/// page and the catalogue page.
package struct PerLanguage<Value: Sendable>: Sendable {
    private let vi: Value
    private let en: Value

    package init(_ make: (PageContext) -> Value) {
        vi = make(PageContext(lang: .vi, user: nil, csrfToken: "", path: ""))
        en = make(PageContext(lang: .en, user: nil, csrfToken: "", path: ""))
    }

    package subscript(_ lang: Language) -> Value { lang == .vi ? vi : en }
}
