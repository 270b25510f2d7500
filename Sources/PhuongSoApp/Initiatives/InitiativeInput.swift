import Foundation
import PhuongSoCore
import Vapor

/// What a form or the API gives for an initiative, as typed: checked by `InitiativeService`.
package enum InitiativeInput {
    package struct Author: Content, Sendable {
        package var name: String?
        package var birthDate: String?
        package var workplace: String?
        package var title: String?
        package var degree: String?
        /// Percent, "40" or "33,5"; the API may also send a number.
        package var share: String?
        /// The unit's staff account of the author, if any.
        package var account: UUID?

        package init(
            name: String? = nil, birthDate: String? = nil, workplace: String? = nil, title: String? = nil,
            degree: String? = nil,
            share: String? = nil, account: UUID? = nil
        ) {
            self.name = name
            self.birthDate = birthDate
            self.workplace = workplace
            self.title = title
            self.degree = degree
            self.share = share
            self.account = account
        }

        enum CodingKeys: String, CodingKey { case name, birthDate, workplace, title, degree, share, account }
        package init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            birthDate = try c.decodeIfPresent(String.self, forKey: .birthDate)
            workplace = try c.decodeIfPresent(String.self, forKey: .workplace)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            degree = try c.decodeIfPresent(String.self, forKey: .degree)
            account = try c.decodeIfPresent(UUID.self, forKey: .account)
            // a number or a string, whichever the client sent: probing one type, then the other
            if let number = try? c.decodeIfPresent(Double.self, forKey: .share) {
                share = String(number)
            } else {
                share = try c.decodeIfPresent(String.self, forKey: .share)
            }
        }

        /// A row left empty on the form.
        var isBlank: Bool {
            [name, birthDate, workplace, title, degree, share].allSatisfy {
                ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            } && account == nil
        }
    }

    /// The application (đơn yêu cầu công nhận sáng kiến).
    package struct Application: Content, Sendable {
        package var title: String?
        package var investor: String?
        package var field: String?
        package var firstApplied: String?
        package var currentState: String?
        package var solution: String?
        package var conditions: String?
        package var authorBenefits: String?
        package var trialBenefits: String?
        package var firstAppliers: String?
        package var confidential: String?
        package var authors: [Author] = []
        /// File it at once rather than keep it as a draft.
        package var submit: Bool?
        package init() {}
    }

    package struct Assessment: Content, Sendable {
        package var member: String?
        /// Points per criterion code, as typed.
        package var scores: [String: String] = [:]
        package var comment: String?
        package var date: String?
        package init() {}

        enum CodingKeys: String, CodingKey { case member, scores, comment, date }
        package init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            member = try c.decodeIfPresent(String.self, forKey: .member)
            comment = try c.decodeIfPresent(String.self, forKey: .comment)
            date = try c.decodeIfPresent(String.self, forKey: .date)
            // numbers or strings, whichever the client sent: probing one type, then the other
            if let ints = try? c.decodeIfPresent([String: Int].self, forKey: .scores) {
                scores = ints.mapValues(String.init)
            } else {
                scores = try c.decodeIfPresent([String: String].self, forKey: .scores) ?? [:]
            }
        }
    }

    /// A decision: recognition (number, date, signer) or non-recognition (reason; number and date if any).
    package struct Decision: Content, Sendable {
        package var number: String?
        package var date: String?
        package var signer: String?
        package var reason: String?
        package init() {}
    }

    package struct Replication: Content, Sendable {
        package var place: String?
        package var date: String?
        package var note: String?
        package init() {}
    }
}

/// Checks of free text shared by the initiative's inputs.
enum InitiativeText {
    /// A long text (descriptions): line breaks allowed, other control characters not.
    static func long(
        _ raw: String?, field: String, label: (vi: String, en: String), required: Bool, max: Int = 8000,
        into p: inout ValidationProblems
    ) -> String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
            of: "\r\n", with: "\n")
        if value.isEmpty {
            if required { p.add(field, "Vui lòng nhập \(label.vi.lowercased()).", "\(label.en) is required.") }
        } else if value.count > max {
            p.add(field, "\(label.vi) dài quá \(max) ký tự.", "\(label.en) is longer than \(max) characters.")
        } else if value.unicodeScalars.contains(where: {
            CharacterSet.controlCharacters.contains($0) && $0 != "\n" && $0 != "\t"
        }) {
            p.add(field, "\(label.vi) chứa ký tự không hợp lệ.", "\(label.en) contains invalid characters.")
        }
        return value
    }

    /// A day as `YYYY-MM-DD`; nil (with a problem) when missing or not a real date.
    static func date(
        _ raw: String?, field: String, label: (vi: String, en: String), required: Bool, into p: inout ValidationProblems
    ) -> LocalDate? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { p.add(field, "Vui lòng nhập \(label.vi.lowercased()).", "\(label.en) is required.") }
            return nil
        }
        do { return try LocalDate(parsing: text) } catch {
            p.add(
                field, "\(label.vi) “\(text)” không hợp lệ (cần ngày/tháng/năm có thật).",
                "\(label.en) is not a valid date.")
            return nil
        }
    }
}
