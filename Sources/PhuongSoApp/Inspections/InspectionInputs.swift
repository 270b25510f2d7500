import Foundation
import PhuongSoCore

/// What the inspection forms and the JSON API send, as typed; `InspectionService` checks them.
extension InspectionService {
    package struct PlanInput: Codable, Sendable {
        package var year: String = ""
        package var number: String = ""
        package var date: String = ""
        package var title: String = ""
        package init() {}
    }

    package struct InspectionInput: Codable, Sendable {
        /// The subject unit's code.
        package var subjectUnit: String = ""
        /// A field code of the subject unit, or empty for the whole unit.
        package var field: String = ""
        package var date: String = ""
        /// Staff accounts on the team.
        package var team: [UUID] = []
        /// Members from outside, one per line.
        package var outsideMembers: String = ""
        package var scope: String = ""
        package init() {}
    }

    package struct HeldInput: Codable, Sendable {
        package var heldOn: String = ""
        package var conclusionNumber: String = ""
        package var conclusionDate: String = ""
        package init() {}
    }

    /// A finding and its corrective task, as one form sends them.
    package struct FindingInput: Codable, Sendable {
        package var description: String = ""
        package var severity: String = ""
        /// The task's title; empty: made from the finding.
        package var title: String = ""
        package var product: String = ""
        package var leadID: String = ""
        package var start: String = ""
        package var deadlineDate: String = ""
        package var deadlineDays: String = ""
        package var priority: String = ""
        package init() {}
    }

    /// A day as typed: `YYYY-MM-DD` (a date input) or `dd/MM/yyyy` (as Vietnamese write it);
    /// nil when it is not a real day.
    package static func day(_ raw: String) -> LocalDate? {
        do { return try LocalDate(typed: raw.trimmingCharacters(in: .whitespaces)) } catch { return nil }
    }

    /// A required (or optional) day field; adds a problem naming what was typed when it is not a day.
    static func day(
        _ raw: String, field: String, label: String, labelEN: String, required: Bool, into p: inout ValidationProblems
    ) -> LocalDate? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { p.add(field, "Cần nhập \(label.lowercased()).", "\(labelEN) is required.") }
            return nil
        }
        guard let d = day(text) else {
            p.add(
                field,
                "\(label) “\(String(text.prefix(40)))” không phải là một ngày có thật (nhập theo dạng ngày/tháng/năm).",
                "\(labelEN) “\(String(text.prefix(40)))” is not a real date.")
            return nil
        }
        return d
    }
}

extension InspectionService {
    /// Text over several lines (scope, findings, content): as `Validate.text`, but line breaks and
    /// tabs are allowed.
    static func longText(
        _ raw: String, field: String, label: (vi: String, en: String), max: Int = 4000, required: Bool = true,
        into p: inout ValidationProblems
    ) -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        if value.isEmpty {
            if required { p.add(field, "Vui lòng nhập \(label.vi.lowercased()).", "\(label.en) is required.") }
        } else if value.count > max {
            p.add(field, "\(label.vi) dài quá \(max) ký tự.", "\(label.en) is longer than \(max) characters.")
        } else if value.unicodeScalars.contains(where: {
            CharacterSet.controlCharacters.contains($0) && !allowed.contains($0)
        }) {
            p.add(field, "\(label.vi) chứa ký tự không hợp lệ.", "\(label.en) contains invalid characters.")
        }
        return value
    }
}
