import Vapor

/// The interface language: Vietnamese by default, English on `?lang=en` or when the browser
/// prefers English over Vietnamese.
package enum Language: String, Sendable {
    case vi, en

    package static func of(_ req: Request) -> Language {
        if let q = QueryValues.value("lang", in: req.url.query) { return q == "en" ? .en : .vi }
        let accept = req.headers.first(name: .acceptLanguage)?.lowercased() ?? ""
        guard let en = accept.range(of: "en") else { return .vi }
        if let vi = accept.range(of: "vi") { return en.lowerBound < vi.lowerBound ? .en : .vi }
        return .en
    }

    /// Picks the text of this language.
    package func t(_ vi: String, _ en: String) -> String { self == .vi ? vi : en }

    /// A link that keeps the language when it is English.
    package func link(_ path: String) -> String {
        guard self == .en else { return path }
        return path + (path.contains("?") ? "&" : "?") + "lang=en"
    }
}
