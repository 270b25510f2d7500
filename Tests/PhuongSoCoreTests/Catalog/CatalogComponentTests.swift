import Foundation
import PhuongSoCore
import Testing

@Suite struct CatalogComponentTests {
    let birth = try! Component.list(
        notation: [
            "Tờ khai đăng ký khai sinh (bản chính)",
            "Giấy chứng sinh (bản chính)",
            "[Trường hợp trẻ em bị bỏ rơi] Biên bản xác nhận việc trẻ bị bỏ rơi (bản chính)",
            "[Trường hợp trẻ em sinh ra do mang thai hộ] Văn bản chứng minh việc mang thai hộ (bản chính)",
            "[Không bắt buộc] Văn bản ủy quyền (02 bản sao có chứng thực)",
        ].joined(separator: " | "))

    @Test func theNotationCarriesRequirementFormAndCount() throws {
        // check
        #expect(
            birth.map(\.requirement) == [
                .required, .required, .conditional("Trường hợp trẻ em bị bỏ rơi"),
                .conditional("Trường hợp trẻ em sinh ra do mang thai hộ"), .optional,
            ])
        #expect(birth[0].name == "Tờ khai đăng ký khai sinh" && birth[0].form == "bản chính" && birth[0].count == 1)
        #expect(birth[4].form == "bản sao có chứng thực" && birth[4].count == 2)
        #expect(birth.cases == ["Trường hợp trẻ em bị bỏ rơi", "Trường hợp trẻ em sinh ra do mang thai hộ"])
        // a parenthesis that is not a form stays in the name; the notation reads back the same
        let named = try Component(notation: "Giấy chứng sinh (hoặc giấy cam đoan về việc sinh) (bản chính)")
        #expect(named.name == "Giấy chứng sinh (hoặc giấy cam đoan về việc sinh)" && named.form == "bản chính")
        for c in birth + [named] { #expect(try Component(notation: c.notation) == c) }
        #expect(throws: Component.NotationProblem.self) { try Component(notation: "[Trường hợp x Tờ khai") }
        #expect(throws: Component.NotationProblem.self) { try Component(notation: "[] Tờ khai") }
        #expect(throws: Component.NotationProblem.self) { try Component(notation: "Tờ khai (0 bản chính)") }
    }

    @Test func componentsStoredBeforeRequirementsStillReadAsRequired() throws {
        // setup: a version written by the previous release
        let old = #"{"name":"Tờ khai","form":"bản chính","count":1,"reusable":false}"#
        let older = #"{"name":"Giấy chứng sinh"}"#
        // act
        let a = try JSONDecoder().decode(Component.self, from: Data(old.utf8))
        let b = try JSONDecoder().decode(Component.self, from: Data(older.utf8))
        // check
        #expect(a == Component(name: "Tờ khai", form: "bản chính") && a.requirement == .required)
        #expect(b.form == "" && b.count == 1 && b.requirement == .required)
        let again = try JSONDecoder().decode([Component].self, from: JSONEncoder().encode(birth))
        #expect(again == birth)
    }

    @Test func aBirthIsReceivedWithTheDeclarationAndTheBirthCertificateAlone() throws {
        // act / check: the conditional and optional items are not asked for
        #expect(
            try IntakeDecision.receive.outcome(
                from: nil, checklist: birth, cases: [],
                submitted: ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]) == .received)
    }

    @Test func aChosenCaseMakesItsItemsRequiredAndTheRefusalNamesEachMissingItem() throws {
        // act / check
        #expect(throws: IntakeDecision.Problem.missingComponents(["Biên bản xác nhận việc trẻ bị bỏ rơi"])) {
            try IntakeDecision.receive.outcome(
                from: nil, checklist: birth, cases: ["Trường hợp trẻ em bị bỏ rơi"],
                submitted: ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"])
        }
        #expect(throws: IntakeDecision.Problem.missingComponents(["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"])) {
            try IntakeDecision.receive.outcome(from: nil, checklist: birth, cases: [], submitted: [])
        }
        let problem = IntakeDecision.Problem.missingComponents(["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"])
        #expect(problem.vi.contains("Tờ khai đăng ký khai sinh; Giấy chứng sinh"))
        #expect(
            birth.applying(cases: ["Trường hợp trẻ em bị bỏ rơi"]).map(\.name).contains(
                "Biên bản xác nhận việc trẻ bị bỏ rơi"))
        #expect(!birth.applying(cases: []).map(\.name).contains("Biên bản xác nhận việc trẻ bị bỏ rơi"))
    }

    @Test func aPartialImportNeverCallsAbsentProceduresRemovedAWholeOneRetiresThem() {
        // setup
        let a = Procedure(code: "1", name: "A", field: "F")
        let b = Procedure(code: "2", name: "B", field: "F")
        let c = Procedure(code: "3", name: "C", field: "F")
        var changedA = a
        changedA.feeAmount = 5000
        // act
        let some = CatalogDiff.compare(current: [a, b, c], incoming: [changedA], scope: .some)
        let whole = CatalogDiff.compare(current: [a, b, c], retired: ["3"], incoming: [changedA], scope: .whole)
        // check
        #expect(some.map(\.kind) == [.changed])
        #expect(whole.filter { $0.kind == .retired }.map(\.code) == ["2"])
        #expect(
            CatalogDiff.compare(current: [a, b, c], retired: ["3"], incoming: [c], scope: .some).map(\.kind) == [
                .restored
            ])
    }
}
