import Foundation
import PhuongSoCore
import Plot
import Testing

@testable import PhuongSoApp

/// The tracking page writes its status and look-up form from templates Plot rendered once per
/// language (`PlotTemplate`); every page must still be what Plot writes when it builds it whole.
@Suite struct TrackingViewsTests {
    typealias Status = TrackingController.Status

    static func status(
        state: String = "in-process", text: String = "Đang giải quyết", outstanding: Int = 0, receipts: Int = 0,
        apologized: Bool = false, results: [Status.Result] = [], steps: Int = 3
    ) -> Status {
        Status(
            code: "000.00.31.H42-261204-0001", state: state, status: text,
            procedure: "Đăng ký khai sinh <kết hợp> & \"nhận cha, mẹ, con\"", receivedAt: "2026-12-04T08:15",
            dueAt: "2026-12-07T16:30", receivedAtText: "08:15 ngày 04/12/2026", dueAtText: "16:30 ngày 07/12/2026",
            toDo: "Bổ sung các giấy tờ sau: Tờ khai <bản chính>; 'CCCD' & ảnh", apologized: apologized,
            fee: "Lệ phí: 8.000 đồng", feeStatus: outstanding > 0 ? "owed" : "paid", feeOutstanding: outstanding,
            feeReceipts: receipts, results: results,
            timeline: (0..<steps).map {
                Status.Step(
                    at: "2026-12-04T08:1\($0)", atText: "08:1\($0) ngày 04/12/2026", action: "a",
                    status: "Bước <\($0)> & xong")
            })
    }

    @Test func thePageIsTheOnePlotBuildsWhole() throws {
        let statuses: [Status?] = [
            nil, Self.status(), Self.status(steps: 0), Self.status(outstanding: 8_000),
            Self.status(outstanding: 8_000, receipts: 1, apologized: true),
            Self.status(receipts: 2), Self.status(apologized: true),
            Self.status(state: "returned", results: [.init(code: "KQ-1\"<x>", title: "Giấy khai sinh & bản sao")]),
            Self.status(state: "supplement-in-process"), Self.status(state: "supplement-at-intake", outstanding: 1),
        ]
        var compared = 0
        for lang in [Language.vi, .en] {
            for user in [nil, try LayoutTests.user(.citizen, "Nguyễn Thị Hoa")] {
                let ctx = PageContext(lang: lang, user: user, csrfToken: "tok\"en", path: "/track")
                for status in statuses {
                    for code in [nil, "", "000.00.31.H42-261204-0001", "a\"b<c>&d'e"] {
                        for secret in [nil, "NEV6ZVR8", "x\"y&z"] {
                            for canRate in [false, true] {
                                for (error, notice) in [(nil, nil), ("Không tìm thấy <hồ sơ>", "Đã gửi & lưu")] {
                                    let q = TrackingController.Query(code: code, secret: secret)
                                    let page = TrackingViews.page(
                                        ctx, query: q, status: status, error: error, notice: notice, canRate: canRate,
                                        secret: secret
                                    ).render()
                                    let whole = TrackingViews.buildPage(
                                        ctx, query: q, status: status, error: error, notice: notice, canRate: canRate,
                                        secret: secret
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
        #expect(compared == 2 * 2 * 10 * 4 * 3 * 2 * 2)
    }

    /// The built page shows what each status asks for (so the comparison above compares pages
    /// that hold those parts, not empty ones).
    @Test func theBuiltPageHoldsEachPart() throws {
        let ctx = PageContext(lang: .vi, user: nil, csrfToken: "t", path: "/track")
        func page(_ s: Status, canRate: Bool = false) -> String {
            TrackingViews.page(
                ctx, query: .init(code: s.code, secret: "NEV6ZVR8"), status: s, error: nil, notice: nil,
                canRate: canRate, secret: "NEV6ZVR8"
            ).render()
        }
        #expect(page(Self.status(outstanding: 8_000)).contains("id=\"pay-link\""))
        #expect(page(Self.status(receipts: 1)).contains("id=\"receipts-link\""))
        #expect(page(Self.status(apologized: true)).contains("Mẫu 04"))
        #expect(page(Self.status(results: [.init(code: "KQ-1", title: "Giấy khai sinh")])).contains("Kết quả điện tử"))
        #expect(page(Self.status(state: "returned"), canRate: true).contains("Đánh giá mức độ hài lòng"))
        #expect(page(Self.status(state: "supplement-in-process")).contains("Gửi giấy tờ bổ sung trực tuyến"))
        let plain = page(Self.status())
        #expect(plain.contains("<li>08:12 ngày 04/12/2026 — Bước &lt;2&gt; &amp; xong</li>"))
        #expect(plain.contains("value=\"000.00.31.H42-261204-0001\""))
        #expect(!plain.contains("pay-link") && !plain.contains("\u{1}") && !plain.contains("\u{2}"))
    }

    /// A template puts each value where its marker was, written as Plot writes it there.
    @Test func aTemplateWritesItsValuesAsPlotDoes() {
        let t = PlotTemplate(values: 3) { m in
            Node<HTML.BodyContext>.p(.class(m[0]), .text(m[1]), .raw(m[2]))
        }
        // (an empty attribute Plot leaves out, so a template's attribute always has a value)
        for (a, b, c) in [("x", "y", "<i>z</i>"), ("a\"b'<c>&", "1 < 2 & 3 > 2 &amp;", ""), ("k", "", "")] {
            let built = Node<HTML.BodyContext>.p(.class(a.attributeEscaped), .text(b), .raw(c)).render()
            #expect(t.fill([.attribute(a), .text(b), .raw(c)]) == built)
        }
        #expect(
            t.fill([.attribute("k"), .text("Tiếng Việt"), .raw("<b>!</b>")]) == "<p class=\"k\">Tiếng Việt<b>!</b></p>")
    }
}
