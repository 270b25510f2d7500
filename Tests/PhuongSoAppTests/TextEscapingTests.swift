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

    @Test func randomTextsOfTheSpecialCharactersAndVietnameseAreWrittenAsPlotWritesThem() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ađĐêơưắằẳẵặ &;#<>\"'x1".unicodeScalars)
        for _ in 0..<500 {
            let length = Int.random(in: 0...20, using: &rng)
            let s = String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &rng)! }))
            #expect(page(.text(s)) == page(plotText(s)), "\(s)")
        }
    }

    @Test func markupInATextIsEscaped() {
        #expect(page(.text("<b>&")) == page(plotText("<b>&")))
        #expect(!page(.text("<b>")).contains("<b>"))
    }
}
