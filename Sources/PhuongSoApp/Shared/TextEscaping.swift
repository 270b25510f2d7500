import Plot

extension Node where Context: HTMLContext {
    /// A text node, escaped exactly as Plot escapes it; but a text with nothing to escape (no `<`,
    /// `>` or `&`: nearly every Vietnamese label, name and date) is written as it is, without
    /// Plot's walk over every character, which was 7% of the tracking page's server time under
    /// load (docs/PERFORMANCE.md). Plot's escaping maps such a text to itself, so the page is
    /// the same byte for byte (`TextEscapingTests`). Being in a constrained extension, this is
    /// the `.text` the application's own code calls; texts Plot wraps itself (`.element(named:
    /// text:)`) still go through Plot's escaping, with the same result.
    static func text(_ text: String) -> Node {
        text.needsTextEscaping ? plotText(text) : .raw(text)
    }
}

extension String {
    /// Whether Plot's text escaping would change anything (a `<`, `>` or `&`).
    var needsTextEscaping: Bool {
        utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") }
    }

    /// The text as a text node writes it (`Node.text`).
    var htmlTextEscaped: String {
        needsTextEscaping ? Node<HTML.BodyContext>.text(self).render() : self
    }
}

/// Plot's own text node (here `Context` is unconstrained, so only Plot's `.text` applies).
func plotText<Context>(_ text: String) -> Node<Context> { .text(text) }
