import Foundation
import PhuongSoCore
import Plot

/// The HTML forms of initiatives: reading their fields into inputs, and the pieces that draw them.
enum InitiativeForms {
    /// Author rows on the application form.
    static let authorRows = 5
    static let authorFields = ["Name", "Account", "BirthDate", "Workplace", "Title", "Degree", "Share"]

    static func application(_ f: [String: String]) -> InitiativeInput.Application {
        var a = InitiativeInput.Application()
        a.title = f["title"]
        a.investor = f["investor"]
        a.field = f["field"]
        a.firstApplied = f["firstApplied"]
        a.currentState = f["currentState"]
        a.solution = f["solution"]
        a.conditions = f["conditions"]
        a.authorBenefits = f["authorBenefits"]
        a.trialBenefits = f["trialBenefits"]
        a.firstAppliers = f["firstAppliers"]
        a.confidential = f["confidential"]
        a.authors = (1...authorRows).map { n in
            InitiativeInput.Author(
                name: f["author\(n)Name"], birthDate: f["author\(n)BirthDate"], workplace: f["author\(n)Workplace"],
                title: f["author\(n)Title"], degree: f["author\(n)Degree"], share: f["author\(n)Share"],
                account: f["author\(n)Account"].flatMap(UUID.init(uuidString:)))
        }
        a.submit = f["intent"] == "submit"
        return a
    }

    static func assessment(_ f: [String: String]) -> InitiativeInput.Assessment {
        var a = InitiativeInput.Assessment()
        a.member = f["member"]
        a.comment = f["comment"]
        a.date = f["date"]
        for (key, value) in f where key.hasPrefix("score-") { a.scores[String(key.dropFirst("score-".count))] = value }
        return a
    }

    static func decision(_ f: [String: String]) -> InitiativeInput.Decision {
        var d = InitiativeInput.Decision()
        d.number = f["number"]
        d.date = f["date"]
        d.signer = f["signer"]
        d.reason = f["reason"]
        return d
    }

    static func replication(_ f: [String: String]) -> InitiativeInput.Replication {
        var r = InitiativeInput.Replication()
        r.place = f["place"]
        r.date = f["date"]
        r.note = f["note"]
        return r
    }

    /// The task form's fields as the task writer takes them; a number of days that is not a number is refused here.
    static func taskDraft(_ f: [String: String]) throws -> TaskService.Draft {
        var d = TaskService.Draft()
        d.title = f["title"] ?? ""
        d.product = f["product"] ?? ""
        d.leadID = f["leadID"].flatMap(UUID.init(uuidString:))
        d.start = (f["start"] ?? "").trimmingCharacters(in: .whitespaces)
        d.deadlineDate = (f["deadlineDate"] ?? "").trimmingCharacters(in: .whitespaces)
        d.priority = TaskPriority(rawValue: f["priority"] ?? "") ?? .normal
        let days = (f["deadlineDays"] ?? "").trimmingCharacters(in: .whitespaces)
        if !days.isEmpty {
            guard let n = Int(days) else {
                var p = ValidationProblems()
                p.add(
                    "deadline", "Số ngày làm việc “\(days)” phải là một số nguyên.",
                    "The number of working days must be a whole number.")
                throw p
            }
            d.deadlineDays = n
        }
        return d
    }

    // MARK: drawing

    /// A multi-line field with its label, hint and error.
    static func textArea(
        _ ctx: PageContext, name: String, label: String, value: String, error: String? = nil, hint: String? = nil,
        rows: Int = 4, id fieldID: String? = nil
    ) -> Node<HTML.BodyContext> {
        let id = fieldID ?? "f-" + name
        let described = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        return .div(
            .class(error == nil ? "field" : "field field-error"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .id(id + "-hint"), .text($0)) },
            .unwrap(error) { .p(.class("error"), .id(id + "-error"), .text($0)) },
            .element(
                named: "textarea",
                nodes: [
                    .attribute(named: "id", value: id), .attribute(named: "name", value: name),
                    .attribute(named: "rows", value: String(rows)),
                    .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                    .attribute(
                        named: "aria-describedby", value: described.isEmpty ? nil : described.joined(separator: " ")),
                    .text(value),
                ])
        )
    }

    /// A submit button that also says which button was pressed.
    static func button(_ label: String, name: String, value: String, secondary: Bool = false) -> Node<HTML.BodyContext>
    {
        .button(
            .type(.submit), .class(secondary ? "secondary" : ""), .attribute(named: "name", value: name),
            .attribute(named: "value", value: value), .text(label))
    }

    /// A stored day as Vietnamese write it; "—" when there is none.
    static func day(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "—" }
        do { return try LocalDate(parsing: text).vietnamese } catch { return text }
    }
}
