import Foundation

/// The components column of an import file, one component between ` | ` separators:
///
///     [Không bắt buộc] | [<trường hợp>] then the name, then (<số lượng> <hình thức>)
///
/// e.g. `Tờ khai đăng ký khai sinh (bản chính)`, `[Trường hợp trẻ em bị bỏ rơi] Biên bản xác
/// nhận việc trẻ bị bỏ rơi (bản chính)`, `[Không bắt buộc] Văn bản ủy quyền (bản sao có chứng
/// thực)`, `Hợp đồng đã được chứng thực (02 bản chính)`. See docs/CATALOGUE.md.
extension Component {
    public struct NotationProblem: Error, Hashable, Sendable {
        public let vi: String
        public let en: String
    }

    static let optionalMark = "không bắt buộc"

    /// Reads one component written in the notation.
    public init(notation raw: String) throws(NotationProblem) {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var requirement = Requirement.required
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw NotationProblem(
                    vi: "thiếu dấu ] đóng trường hợp ở '\(raw)'", en: "missing ] closing the case in '\(raw)'")
            }
            let inside = text[text.index(after: text.startIndex)..<close].trimmingCharacters(in: .whitespaces)
            guard !inside.isEmpty else {
                throw NotationProblem(vi: "trường hợp để trống ở '\(raw)'", en: "empty case in '\(raw)'")
            }
            requirement = inside.lowercased() == Self.optionalMark ? .optional : .conditional(inside)
            text = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)
        }
        var form = ""
        var count = 1
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(
                in: .whitespaces)
            let digits = inside.prefix { $0.isNumber }
            let rest = inside.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
            if rest.lowercased().hasPrefix("bản") {
                if !digits.isEmpty {
                    guard let n = Int(digits), (1...100).contains(n) else {
                        throw NotationProblem(
                            vi: "số lượng '\(digits)' phải từ 1 đến 100", en: "count '\(digits)' must be 1 to 100")
                    }
                    count = n
                }
                form = rest
                text = text[..<open].trimmingCharacters(in: .whitespaces)
            }
        }
        guard !text.isEmpty else {
            throw NotationProblem(vi: "thiếu tên giấy tờ ở '\(raw)'", en: "missing document name in '\(raw)'")
        }
        if form.isEmpty { form = Self.formNamed(in: text) }
        self.init(name: text, form: form, count: count, requirement: requirement)
    }

    /// The component written back in the notation (what the import reads, the diff compares
    /// and the edit form shows).
    public var notation: String {
        let prefix: String
        switch requirement {
        case .required: prefix = ""
        case .optional: prefix = "[Không bắt buộc] "
        case .conditional(let c): prefix = "[\(c)] "
        }
        let suffix = formAndCount.isEmpty ? "" : " (\(formAndCount))"
        return prefix + name + suffix
    }

    /// A form the name itself states ("Bản sao Giấy khai sinh"), for files without the notation.
    static func formNamed(in name: String) -> String {
        let lower = name.lowercased()
        if lower.contains("bản sao") { return "bản sao" }
        if lower.contains("bản chính") { return "bản chính" }
        return ""
    }

    /// Components in the notation, separated by ` | `.
    public static func list(notation text: String) throws(NotationProblem) -> [Component] {
        var result: [Component] = []
        for item in text.components(separatedBy: " | ")
        where !item.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            result.append(try Component(notation: item))
        }
        return result
    }
}
