import Foundation
import PhuongSoCore

/// Checks for what the plan forms and the API send, reporting into `ValidationProblems` by field.
enum PlanInputCheck {
    /// A number as a Vietnamese writes it ("98,5") or as JSON does ("98.5").
    static func number(_ raw: String?, field: String, label: (vi: String, en: String), into p: inout ValidationProblems)
        -> Double?
    {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            p.add(field, "Vui lòng nhập \(label.vi.lowercased()).", "\(label.en) is required.")
            return nil
        }
        let normal =
            text.filter { $0 == "," || $0 == "." }.count <= 1 ? text.replacingOccurrences(of: ",", with: ".") : text
        guard let value = Double(normal), value.isFinite, normal.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
        else {
            p.add(
                field, "\(label.vi) phải là một số, ví dụ 98 hoặc 98,5 (không phải “\(text)”).",
                "\(label.en) must be a number such as 98 or 98.5, not “\(text)”.")
            return nil
        }
        return value
    }

    /// A day as `YYYY-MM-DD` (a date field) or `dd/mm/yyyy` (typed by hand).
    static func date(
        _ raw: String?, field: String, label: (vi: String, en: String), required: Bool, into p: inout ValidationProblems
    ) -> LocalDate? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { p.add(field, "Vui lòng nhập \(label.vi.lowercased()).", "\(label.en) is required.") }
            return nil
        }
        if let d = try? LocalDate(typed: text) { return d }
        p.add(
            field, "\(label.vi) “\(text)” không phải là ngày hợp lệ (ngày/tháng/năm, ví dụ 31/12/2026).",
            "\(label.en) “\(text)” is not a valid date (e.g. 2026-12-31).")
        return nil
    }

    /// Text that may run over several lines (a section's content, a note).
    static func longText(
        _ raw: String?, field: String, label: (vi: String, en: String), max: Int, into p: inout ValidationProblems
    ) -> String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
            of: "\r\n", with: "\n")
        if value.count > max {
            p.add(field, "\(label.vi) dài quá \(max) ký tự.", "\(label.en) is longer than \(max) characters.")
        }
        if value.unicodeScalars.contains(where: {
            CharacterSet.controlCharacters.contains($0) && $0 != "\n" && $0 != "\t"
        }) {
            p.add(field, "\(label.vi) chứa ký tự không hợp lệ.", "\(label.en) contains invalid characters.")
        }
        return value
    }

    /// A position in a list: a whole number from 1 to 99, or nil when left empty.
    static func position(_ raw: String?, into p: inout ValidationProblems) -> Int? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let n = Int(text), (1...99).contains(n) else {
            p.add(
                "position", "Thứ tự phải là số nguyên từ 1 đến 99.", "The position must be a whole number from 1 to 99."
            )
            return nil
        }
        return n
    }

    /// Moves an `AppError.invalid` about one field into the problems (evidence checks throw it).
    static func collect(_ p: inout ValidationProblems, fallback: String, _ body: () throws -> Void) rethrows {
        do { try body() } catch AppError.invalid(let field, let vi, let en) { p.add(field ?? fallback, vi, en) }
    }

    /// `collect` for a check that must wait (one that stores a file).
    static func collect(_ p: inout ValidationProblems, fallback: String, _ body: () async throws -> Void) async rethrows
    {
        do { try await body() } catch AppError.invalid(let field, let vi, let en) { p.add(field ?? fallback, vi, en) }
    }
}
