import Plot
import Testing

@testable import PhuongSoApp

/// The application's `.text` writes a text with nothing to escape as it is and leaves every
/// other text to Plot: either way the page is what Plot alone would write, byte for byte.
@Suite struct TextEscapingTests {
    static let samples = [
        "", "Hồ sơ đã tiếp nhận", "Nguyễn Thị Đo Tải – 15/03/2026 lúc 08:30", "Giấy tờ tùy thân; bản sao #2",
        "<script>alert(1)</script>", "a & b", "Phí: 50.000 đồng & lệ phí", "&amp; kept", "&#39; and &#x27;",
        "&name; then &", "x < y > z", "e\u{301} combining", "👍🏽 emoji", "tab\tand\nnewline",
    ]

    func page(_ node: Node<HTML.BodyContext>) -> String { HTML(.body(.p(node))).render() }

    @Test(arguments: samples)
    func theApplicationsTextIsPlotsTextByteForByte(sample: String) {
        #expect(page(.text(sample)) == page(plotText(sample)))
    }

    @Test func everyShortTextOfTheSpecialCharactersAndVietnameseIsWrittenAsPlotWritesIt() {
        // every string of up to three of these (4,369 of them), so no case depends on chance
        let alphabet = Array("ađĐêơ\u{301} &;#<>\"'x1".unicodeScalars)
        var texts: [String] = [""]
        var previous: [String] = [""]
        for _ in 1...3 {
            previous = previous.flatMap { p in alphabet.map { p + String($0) } }
            texts += previous
        }
        for s in texts { #expect(page(.text(s)) == page(plotText(s)), "\(s)") }
    }

    @Test func markupInATextIsEscaped() {
        #expect(page(.text("<b>&")) == page(plotText("<b>&")))
        #expect(!page(.text("<b>")).contains("<b>"))
    }
}
