import Foundation

/// Points on a scoring sheet, kept as whole hundredths so sums never drift: the sheets write
/// 1.25, 2.5 and 0.25 and round their results to two decimals. Every rounding here is half up
/// (0.005 → 0.01), as a person rounding a sheet by hand does.
public struct EvaluationPoints: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }
    /// Whole points: `EvaluationPoints(5)`.
    public init(_ whole: Int) { hundredths = whole * 100 }

    public static let zero = EvaluationPoints(hundredths: 0)

    public static func < (a: Self, b: Self) -> Bool { a.hundredths < b.hundredths }
    public static func + (a: Self, b: Self) -> Self { Self(hundredths: a.hundredths + b.hundredths) }
    public static func - (a: Self, b: Self) -> Self { Self(hundredths: a.hundredths - b.hundredths) }

    /// `self × numerator ÷ denominator`, rounded half up to hundredths (`denominator` > 0).
    public func scaled(by numerator: Int, over denominator: Int) -> Self {
        let product = hundredths * numerator
        let sign = product < 0 ? -1 : 1
        return Self(hundredths: sign * ((2 * abs(product) + denominator) / (2 * denominator)))
    }

    /// A decimal amount of points rounded half up to hundredths.
    public static func rounding(_ value: Decimal) -> Self {
        var scaled = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return Self(hundredths: NSDecimalNumber(decimal: rounded).intValue)
    }

    public var decimal: Decimal { Decimal(hundredths) / 100 }

    /// `2`, `0.5`, `1.25`, as typed in files; a comma is accepted as the decimal mark. nil for
    /// anything else (exponents, more than two decimals, letters).
    public static func parse(_ raw: String) -> Self? {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let whole = Int(parts[0].isEmpty ? "0" : String(parts[0])), whole < 1_000_000
        else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 2, let f = Int(digits) else { return nil }
            fraction = digits.count == 1 ? f * 10 : f
        }
        let value = whole * 100 + fraction
        return Self(hundredths: negative ? -value : value)
    }

    /// Machine text: `2`, `0.5`, `1.25`.
    public var text: String {
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100
        let fraction = abs(hundredths) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(sign)\(whole).\(digits)"
    }

    /// As a Vietnamese reader writes it: `0,5`, `12,25`.
    public var vietnamese: String { text.replacingOccurrences(of: ".", with: ",") }
    public var description: String { text }
}
