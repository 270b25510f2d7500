import Foundation
import PhuongSoCore
import Plot
import SQLKit
import Testing

@testable import PhuongSoApp

/// The catalogue page writes its search form and results from templates Plot rendered once per
/// language (`PlotTemplate`); every page must still be what Plot writes when it builds it whole.
@Suite struct CatalogViewsTests {
    /// A listing's row as the search reads it.
    struct Row: SQLRow {
        let values: [String: any Sendable]
        var allColumns: [String] { Array(values.keys) }
        func contains(column: String) -> Bool { values[column] != nil }
        func decodeNil(column: String) throws -> Bool { false }
        func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
            guard let v = values[column] as? D else {
                throw DecodingError.valueNotFound(D.self, .init(codingPath: [], debugDescription: column))
            }
            return v
        }
    }

    static func listing(_ code: String, _ name: String, field: String, complete: Bool = true) throws
        -> CatalogQueries.Listing
    {
        try CatalogQueries.Listing(
            row: Row(values: [
                "code": code, "name": name, "field": field, "unit_id": UUID(), "complete": complete, "online": true,
                "retired": false, "latest_version": 1, "folded_name": "", "search_text": "",
            ]))
    }

    @Test func theCataloguePageIsTheOnePlotBuildsWhole() throws {
        let hits = [
            try Self.listing("1.001193", "Đăng ký khai sinh", field: "Hộ tịch"),
            try Self.listing("2.000<x>", "Chứng thực bản sao & \"bản chính\"", field: "Chứng thực", complete: false),
            try Self.listing("3.1", "", field: "Đất đai <môi trường>"),
        ]
        let fieldLists = [["Hộ tịch", "Chứng thực"], [], ["Đất đai & môi trường"]]
        var compared = 0
        for lang in [Language.vi, .en] {
            for user in [nil, try LayoutTests.user(.citizen, "Nguyễn Thị Hoa")] {
                let ctx = PageContext(lang: lang, user: user, csrfToken: "t", path: "/procedures")
                for q in [nil, "", "khai sinh", "a\"b<c>&d'e"] {
                    for field in [nil, "", "Hộ tịch"] {
                        for fields in fieldLists {
                            for shown in [0, 1, 3] {
                                let query = CatalogPublicController.ListQuery(q: q, field: field, unit: nil)
                                let found = Array(hits.prefix(shown))
                                for total in [shown, 200] {
                                    let page = CatalogViews.list(
                                        ctx, query: query, hits: found, total: total, fields: fields
                                    ).render()
                                    let whole = CatalogViews.buildList(
                                        ctx, query: query, hits: found, total: total, fields: fields
                                    ).render()
                                    #expect(page == whole)
                                    compared += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(compared == 2 * 2 * 4 * 3 * 3 * 3 * 2)
        // and the page compared holds its results
        let ctx = PageContext(lang: .vi, user: nil, csrfToken: "t", path: "/procedures")
        let page = CatalogViews.list(
            ctx, query: .init(q: "khai sinh", field: nil, unit: nil), hits: hits, total: 3, fields: fieldLists[0]
        ).render()
        #expect(page.contains(#"<li><a href="/procedures/1.001193">Đăng ký khai sinh</a>"#))
        #expect(page.contains("Chứng thực bản sao &amp; \"bản chính\"</a>"))
        #expect(page.contains("đang cập nhật thông tin") && page.contains(#"value="khai sinh""#))
        #expect(!page.contains("\u{1}") && !page.contains("\u{2}"))
    }
}
