import Foundation

/// Shared checks for text coming from forms and JSON: trimmed, bounded, no control characters.
/// HTML and SQL in text are allowed as text: views escape and queries bind.
package enum Validate {
    package static func text(
        _ raw: String?, field: String, label: (vi: String, en: String), max: Int = 200,
        required: Bool = true, into problems: inout ValidationProblems
    ) -> String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            if required { problems.add(field, "Vui lòng nhập \(label.vi.lowercased()).", "\(label.en) is required.") }
        } else if value.count > max {
            problems.add(field, "\(label.vi) dài quá \(max) ký tự.", "\(label.en) is longer than \(max) characters.")
        } else if value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            problems.add(field, "\(label.vi) chứa ký tự không hợp lệ.", "\(label.en) contains invalid characters.")
        }
        return value
    }

    /// Codes (unit codes, field codes, usernames): letters, digits, dot, dash, underscore.
    package static func code(
        _ raw: String?, field: String, label: (vi: String, en: String), max: Int = 40,
        into problems: inout ValidationProblems
    ) -> String {
        let value = text(raw, field: field, label: label, max: max, into: &problems)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-_"))
        if !value.isEmpty, !value.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) {
            problems.add(
                field, "\(label.vi) chỉ gồm chữ cái không dấu, chữ số và . - _",
                "\(label.en) may contain only ASCII letters, digits and . - _")
        }
        return value
    }
}
