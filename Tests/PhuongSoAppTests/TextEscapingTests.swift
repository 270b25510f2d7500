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
        var rng = SplitMix64(seed: 2026_12_03)
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

    /// A seeded generator, so a failing string can be found again.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
