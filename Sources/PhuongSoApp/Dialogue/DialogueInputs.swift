import Foundation
import PhuongSoCore

/// What the dialogue forms and the JSON API send, as typed; `DialogueService` checks them.
extension DialogueService {
    package struct ConferenceInput: Codable, Sendable {
        package var title: String = ""
        package var date: String = ""
        package var startTime: String = ""
        package var place: String = ""
        package var agenda: String = ""
        package var chairID: String = ""
        package var secretaryID: String = ""
        package var frontRepresentative: String = ""
        /// Invited groups, one per line.
        package var invitees: String = ""
        package init() {}
    }

    package struct HeldInput: Codable, Sendable {
        package var heldOn: String = ""
        package var startTime: String = ""
        package var endTime: String = ""
        package var participants: String = ""
        /// Who attended for the ward and the Front, one per line.
        package var attendance: String = ""
        package init() {}
    }

    package struct QuestionInput: Codable, Sendable {
        package var source: String = ""
        package var askerName: String = ""
        package var askerContact: String = ""
        package var feedbackRef: String = ""
        package var text: String = ""
        package init() {}
    }

    package struct AnswerInput: Codable, Sendable {
        package var answer: String = ""
        /// The official who answered (an account of the unit's staff).
        package var answeredByID: String = ""
        package init() {}
    }

    /// A commitment and its task, as one form sends them.
    package struct CommitmentInput: Codable, Sendable {
        package var text: String = ""
        /// The question it answers (its id), or empty.
        package var questionID: String = ""
        /// The task's title; empty: made from the commitment.
        package var title: String = ""
        package var product: String = ""
        package var leadID: String = ""
        package var start: String = ""
        package var deadlineDate: String = ""
        package var deadlineDays: String = ""
        package init() {}
    }

    package struct MinutesInput: Codable, Sendable {
        package var number: String = ""
        package var date: String = ""
        package init() {}
    }

    /// A time of day as typed, `HH:mm` (a time field sends that; `8:00` and `8h00` are read too).
    static func time(
        _ raw: String, field: String, label: (vi: String, en: String), required: Bool, into p: inout ValidationProblems
    ) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { p.add(field, "Cần nhập \(label.vi.lowercased()).", "\(label.en) is required.") }
            return nil
        }
        let parts = text.lowercased().replacingOccurrences(of: "h", with: ":").split(
            separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1].isEmpty ? "0" : parts[1]),
            (0...23).contains(h), (0...59).contains(m), parts[0].count <= 2, parts[1].count <= 2
        else {
            p.add(
                field, "\(label.vi) “\(String(text.prefix(20)))” không phải là một giờ hợp lệ (ví dụ 08:00).",
                "\(label.en) is not a valid time (e.g. 08:00).")
            return nil
        }
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// A phone number (Vietnamese: 10 digits from 0, or +84) or an e-mail address; empty is allowed.
    static func contact(_ raw: String, into p: inout ValidationProblems) -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "" }
        let digits = text.filter { !" .-".contains($0) }
        let phone =
            (digits.hasPrefix("0") && digits.count == 10 || digits.hasPrefix("+84") && digits.count == 12)
            && digits.dropFirst().allSatisfy(\.isNumber)
        let at = text.split(separator: "@", omittingEmptySubsequences: false)
        let email =
            at.count == 2 && !at[0].isEmpty && at[1].contains(".") && !at[1].hasPrefix(".") && !at[1].hasSuffix(".")
            && !text.contains(where: \.isWhitespace) && text.count <= 100
        if !phone && !email {
            p.add(
                "askerContact",
                "Thông tin liên hệ “\(String(text.prefix(40)))” không phải số điện thoại "
                    + "(10 chữ số, bắt đầu bằng 0) hoặc địa chỉ thư điện tử. Có thể để trống.",
                "The contact is neither a phone number nor an e-mail address (it may be left empty).")
        }
        return phone ? digits : text
    }
}
