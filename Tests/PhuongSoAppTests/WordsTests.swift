import Foundation
import Testing

@testable import PhuongSoApp

/// The catalogue of the interface's words (Shared/Words.swift): one Vietnamese word per English term.
@Suite struct WordsTests {
    @Test func eachEnglishTermHasOneVietnameseWord() {
        // setup
        let words = Word.all
        // act
        let byEnglish = Dictionary(grouping: words) { $0.en.lowercased() }
        // check
        let twice = byEnglish.filter { $0.value.count > 1 }
        #expect(twice.isEmpty, "English terms listed twice: \(twice.keys.sorted())")
    }

    @Test func eachVietnameseWordHasOneEnglishTerm() {
        // setup
        let words = Word.all
        // act
        let byVietnamese = Dictionary(grouping: words) { $0.vi.lowercased() }
        // check
        let twice = byVietnamese.filter { $0.value.count > 1 }
        #expect(twice.isEmpty, "Vietnamese words listed twice: \(twice.keys.sorted())")
    }

    @Test func noTextIsEmptyOrUntrimmed() {
        // setup
        let texts = Word.all.flatMap { [$0.vi, $0.en] }
        // act
        let bad = texts.filter { $0.isEmpty || $0 != $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        // check
        #expect(bad.isEmpty, "Empty or untrimmed texts: \(bad)")
    }

    @Test func theVietnameseWordIsShownByDefaultAndTheEnglishOnRequest() {
        // setup
        let word = Word.dossierCode
        // act
        let vi = Language.vi.t(word)
        let en = Language.en.t(word)
        // check
        #expect(vi == "Mã hồ sơ" && en == "Dossier code")
    }
}
