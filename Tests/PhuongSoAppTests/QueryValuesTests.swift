import Foundation
import Plot
import Testing
import Vapor

@testable import PhuongSoApp

/// The public pages read their query with `QueryValues` instead of Vapor's form decoder (docs/
/// PERFORMANCE.md); it must read every query the way that decoder does.
@Suite struct QueryValuesTests {
    struct Form: Decodable, Equatable {
        var code: String?
        var secret: String?
        var q: String?
        var lang: String?
    }

    static let queries: [String] = [
        "", "code=000.00.31.H42-261204-0001&secret=ABCD1234", "q=khai+sinh", "q=khai%20sinh",
        "q=%C4%91%C4%83ng+k%C3%BD+k%E1%BA%BFt+h%C3%B4n&lang=en", "q=a%2Bb", "code=a&code=b", "code=&secret=x",
        "&&code=x&", "code=a=b", "lang=vi&lang=en", "Code=x", "q=%26%3D%25", "c%6Fde=x",
        "q=Tr%E1%BA%A7n%20Th%E1%BB%8B%20Hoa", "secret=%20NAVK%20NSDA%20",
    ]

    @Test(arguments: queries)
    func readsAQueryAsVaporsDecoderDoes(query: String) throws {
        let vapor = try URLEncodedFormDecoder().decode(Form.self, from: query)
        let values = try QueryValues(query)
        #expect(Form(code: values["code"], secret: values["secret"], q: values["q"], lang: values["lang"]) == vapor)
        #expect(QueryValues.value("lang", in: query) == vapor.lang)
    }

    @Test(arguments: ["code=%ZZ", "q=%E1%BA", "%ZZ=1&code=x"])
    func refusesWhatVaporsDecoderRefuses(query: String) {
        #expect(throws: (any Error).self) { try URLEncodedFormDecoder().decode(Form.self, from: query) }
        #expect(throws: Abort.self) { try QueryValues(query) }
    }

    /// The one difference: a name without "=" (`/track?code`) has no value here, where Vapor's
    /// decoder refused the whole query, so the page answered 400 instead of showing its form.
    @Test func aNameWithoutAValueIsAbsent() throws {
        #expect(throws: (any Error).self) { try URLEncodedFormDecoder().decode(Form.self, from: "code") }
        let values = try QueryValues("code&secret=x")
        #expect(values["code"] == nil && values["secret"] == "x")
    }

    /// The language is read past a pair that cannot be read, so the page can say what is wrong.
    @Test func theLanguageIsReadPastAnUnreadablePair() {
        #expect(QueryValues.value("lang", in: "code=%ZZ&lang=en") == "en")
        #expect(QueryValues.value("lang", in: nil) == nil)
    }

    /// Links carry values encoded by `queryValueEncoded`; Foundation's encoding with the same
    /// allowed characters gives the same text, and the value reads back whole.
    @Test(arguments: [
        "", "Hộ tịch", "Phòng, chống tệ nạn xã hội", "a&b=c d+e%f", "000.00.31.H42", "/dossiers/1?unit=x#y",
        "Đăng ký\u{0301} kết hôn", "🙂 emoji", "ASCII09az",
    ])
    func aQueryValueIsEncodedAsFoundationEncodesIt(value: String) throws {
        #expect(value.queryValueEncoded == value.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        #expect(try QueryValues("v=" + value.queryValueEncoded)["v"] == value)
    }

    /// The catalogue page's parts kept per language and list of fields are the parts built for
    /// that list: when the list changes (a field added, one gone), when it comes back, and when
    /// a field is chosen (then built for the view, with that field selected).
    @Test func theCatalogueFieldPartsAreTheOnesBuilt() {
        typealias Parts = CatalogViews.FieldParts
        let lists = [
            ["Hộ tịch", "Chứng thực"], ["Hộ tịch", "Chứng thực", "Đất đai & môi trường"], ["Chứng thực"], [],
        ]
        for fields in lists + lists.reversed() {
            for lang in [Language.vi, .en] {
                let ctx = PageContext(lang: lang, user: nil, csrfToken: "", path: "/procedures")
                #expect(
                    Parts.selectMarkup(ctx, fields: fields, selected: nil)
                        == Parts.buildSelect(ctx, fields: fields, selected: nil).render())
                // "All fields" chosen (`?field=`): the kept select, whose first option is the
                // browser's choice without `selected` written on it
                #expect(
                    Parts.selectMarkup(ctx, fields: fields, selected: "")
                        == Parts.buildSelect(ctx, fields: fields, selected: nil).render())
                #expect(
                    Parts.postingLinks(ctx, fields: fields).render()
                        == Parts.buildPostingLinks(ctx, fields: fields).render())
                let chosen = Parts.selectMarkup(ctx, fields: fields, selected: "Chứng thực")
                #expect(chosen == Parts.buildSelect(ctx, fields: fields, selected: "Chứng thực").render())
                #expect(chosen.contains(#"value="Chứng thực" selected"#) == fields.contains("Chứng thực"))
            }
        }
    }

    /// Everyone not signed in gets the header rendered once per language, the same as built.
    @Test func theAnonymousHeaderIsTheOneBuilt() {
        for lang in [Language.vi, .en] {
            let ctx = PageContext(lang: lang, user: nil, csrfToken: "", path: "/track")
            #expect(Layout.header(ctx).render() == Layout.buildHeader(ctx).render())
            #expect(Layout.header(ctx).render().contains(lang == .vi ? "Đăng nhập" : "Log in"))
        }
    }
}
