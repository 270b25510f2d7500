/// What the public page shows of a feedback item: the text with personal data removed (Luật Bảo vệ
/// dữ liệu cá nhân 2025; 766's publication step). Removed: the submitter's name and contact
/// wherever they appear, every e-mail address, and every run of 9 or more digits (phone numbers,
/// citizen ID numbers, bank accounts), written with or without spaces, dots or dashes — except a
/// sum of money written with thousands dots.
public enum FeedbackRedaction {
    public static let mark = "[đã ẩn]"

    public static func redact(_ text: String, name: String, contact: String) -> String {
        var out = text
        for secret in [contact, name].map({ $0.trimmingCharacters(in: .whitespaces) }) where secret.count >= 3 {
            out = out.replacingOccurrences(of: secret, with: mark, options: .caseInsensitive)
        }
        return removeDigitRuns(removeEmails(out))
    }

    /// Every `x@y.z`-looking word becomes the mark.
    static func removeEmails(_ text: String) -> String {
        var result = ""
        var word = ""
        func flush() {
            result += word.contains("@") && word.contains(".") ? mark : word
            word = ""
        }
        for ch in text {
            if ch.isWhitespace || ch == "," || ch == ";" || ch == "(" || ch == ")" {
                flush()
                result.append(ch)
            } else {
                word.append(ch)
            }
        }
        flush()
        return result
    }

    /// "150.000.000": a sum of money in Vietnamese notation (1–3 digits, then groups of three
    /// after dots, no leading zero), not a phone or ID number.
    static func looksLikeAmount(_ run: String) -> Bool {
        let groups = run.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count >= 3, let first = groups.first, (1...3).contains(first.count), first.first != "0" else {
            return false
        }
        return groups.allSatisfy { $0.allSatisfy(\.isASCIIDigit) } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Runs of digits joined by single spaces, dots or dashes, with 9 or more digits in all.
    static func removeDigitRuns(_ text: String) -> String {
        let chars = Array(text)
        var result = ""
        var i = 0
        while i < chars.count {
            guard chars[i].isASCIIDigit || (chars[i] == "+" && i + 1 < chars.count && chars[i + 1].isASCIIDigit)
            else {
                result.append(chars[i])
                i += 1
                continue
            }
            var j = i + (chars[i] == "+" ? 1 : 0)
            var digits = 0
            var end = j
            while j < chars.count {
                if chars[j].isASCIIDigit {
                    digits += 1
                    j += 1
                    end = j
                } else if [" ", ".", "-"].contains(chars[j]), j + 1 < chars.count, chars[j + 1].isASCIIDigit {
                    j += 1
                } else {
                    break
                }
            }
            let run = String(chars[i..<end])
            if digits >= 9, !looksLikeAmount(run) {
                result += mark
            } else {
                result += run
            }
            i = end
        }
        return result
    }
}
