import Foundation
import PhuongSoCore

/// Before → after of an audit line as a short list of labelled changes, and instants stored as
/// readable local times.
enum AuditChanges {
    struct Line: Equatable, Sendable {
        var label: String
        var before: String
        var after: String
    }

    /// The keys whose values are instants (seconds) in snapshots: `due`, `…At`, `…Seconds`, `…_at`.
    static func isInstantKey(_ key: String) -> Bool {
        key == "due" || key.hasSuffix("At") || key.hasSuffix("Seconds") || key.hasSuffix("_at")
            || key.hasSuffix("_seconds")
    }

    /// Seconds from 2000 to 2100: a number in this range under an instant's key is a time.
    static let plausible: ClosedRange<Int64> = 946_684_800...4_102_444_800

    /// A stored snapshot value, decoded without losing whether it was a number, text or yes/no.
    enum Value: Codable, Equatable {
        case bool(Bool), int(Int64), double(Double), string(String), array([Value]), object([String: Value]), null

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            // Probing which JSON type the value is: a mismatch is the expected "not this type", and
            // the last attempt (an object) throws when the text is none of them.
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int64.self) {
                self = .int(i)
            } else if let d = try? c.decode(Double.self) {
                self = .double(d)
            } else if let s = try? c.decode(String.self) {
                self = .string(s)
            } else if let a = try? c.decode([Value].self) {
                self = .array(a)
            } else {
                self = .object(try c.decode([String: Value].self))
            }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .bool(let b): try c.encode(b)
            case .int(let i): try c.encode(i)
            case .double(let d): try c.encode(d)
            case .string(let s): try c.encode(s)
            case .array(let a): try c.encode(a)
            case .object(let o): try c.encode(o)
            case .null: try c.encodeNil()
            }
        }
    }

    /// Any JSON text as a value; nil when the stored text is not JSON (kept then as plain text).
    static func decode(_ json: String) -> Value? {
        guard !json.isEmpty else { return nil }
        do { return try JSONDecoder().decode(Value.self, from: Data(json.utf8)) } catch { return nil }
    }

    static func seconds(_ value: Value) -> Int64? {
        switch value {
        case .int(let n) where plausible.contains(n): return n
        case .string(let s): return Int64(s).flatMap { plausible.contains($0) ? $0 : nil }
        default: return nil
        }
    }

    /// A stored snapshot with each instant rewritten as local time with its offset
    /// (`2026-03-02T08:00+07:00`), so the stored trail reads as a time, not a Unix number.
    static func readable(_ json: String, utcOffset: Int) -> String {
        guard case .object(var o)? = decode(json) else { return json }
        var changed = false
        for (key, value) in o where isInstantKey(key) {
            if let s = seconds(value) {
                o[key] = .string(iso(s, utcOffset: utcOffset))
                changed = true
            }
        }
        guard changed else { return json }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return String(decoding: try encoder.encode(Value.object(o)), as: UTF8.self) } catch { return json }
    }

    static func iso(_ seconds: Int64, utcOffset: Int) -> String {
        let l = LocalDateTime(Instant(seconds: seconds), utcOffset: utcOffset)
        let sign = utcOffset >= 0 ? "+" : "-"
        let off = abs(utcOffset)
        return l.date.description + "T" + String(format: "%02d:%02d", l.secondOfDay / 3600, l.secondOfDay / 60 % 60)
            + sign + String(format: "%02d:%02d", off / 3600, off / 60 % 60)
    }

    /// The changed values of a line, labelled; a value that is not an object reads as one line.
    static func lines(before: String, after: String, utcOffset: Int, _ lang: Language) -> [Line] {
        let b = decode(before)
        let a = decode(after)
        var bo: [String: Value]?
        var ao: [String: Value]?
        if case .object(let o)? = b { bo = o }
        if case .object(let o)? = a { ao = o }
        if bo == nil && ao == nil {
            if before.isEmpty && after.isEmpty { return [] }
            func plain(_ raw: String, _ v: Value?) -> String {
                v.map { text($0, key: "", utcOffset, lang) } ?? (raw.isEmpty ? "—" : raw)
            }
            return [Line(label: lang.t("Giá trị", "Value"), before: plain(before, b), after: plain(after, a))]
        }
        let keys = Set((bo ?? [:]).keys).union((ao ?? [:]).keys).sorted()
        return keys.compactMap { key in
            let old = bo?[key].map { text($0, key: key, utcOffset, lang) } ?? "—"
            let new = ao?[key].map { text($0, key: key, utcOffset, lang) } ?? "—"
            guard old != new || bo == nil || ao == nil else { return nil }
            return Line(label: label(key, lang), before: old, after: new)
        }
    }

    /// One value in words: a time as dd/mm/yyyy HH:mm, a state in words, yes/no, a list joined,
    /// an object as "label: value" pairs — never braces.
    static func text(_ v: Value, key: String, _ utcOffset: Int, _ lang: Language) -> String {
        if isInstantKey(key), let s = seconds(v) { return when(s, utcOffset) }
        switch v {
        case .null: return "—"
        case .bool(let b): return b ? lang.t("có", "yes") : lang.t("không", "no")
        case .int(let i): return Format.number(Int(i), lang)
        case .double(let d):
            return String(format: "%.1f", d).replacingOccurrences(of: ".", with: lang == .vi ? "," : ".")
        case .string(let s):
            if s.isEmpty { return "—" }
            if isInstantKey(key), let t = parseISO(s) { return when(t, utcOffset) }
            if key == "state", let state = DossierState(rawValue: s) {
                return lang.t(state.plainVietnamese, state.plainEnglish)
            }
            if key == "role", let role = Role(rawValue: s) { return lang.t(role.vietnameseName, role.englishName) }
            return s
        case .array(let list):
            return list.isEmpty ? "—" : list.map { text($0, key: key, utcOffset, lang) }.joined(separator: "; ")
        case .object(let o):
            return o.keys.sorted().map { label($0, lang) + ": " + text(o[$0]!, key: $0, utcOffset, lang) }.joined(
                separator: "; ")
        }
    }

    static func when(_ seconds: Int64, _ utcOffset: Int) -> String {
        let l = LocalDateTime(Instant(seconds: seconds), utcOffset: utcOffset)
        return l.date.vietnamese + " " + String(format: "%02d:%02d", l.secondOfDay / 3600, l.secondOfDay / 60 % 60)
    }

    /// `2026-03-02T08:00+07:00` (as `readable` writes it) back to seconds.
    static func parseISO(_ s: String) -> Int64? {
        guard s.count == 22, let t = s.firstIndex(of: "T") else { return nil }
        let signIndex = s.index(s.endIndex, offsetBy: -6)
        let local = String(s[..<signIndex])
        let zone = String(s[signIndex...])
        let sign = zone.hasPrefix("-") ? -1 : 1
        let parts = zone.dropFirst().split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, t < signIndex,
            let dt = try? LocalDateTime(parsing: local, utcOffset: sign * (parts[0] * 3600 + parts[1] * 60))
        else { return nil }
        return dt.instant.seconds
    }

    static let labels: [String: (vi: String, en: String)] = [
        "state": ("Trạng thái", "Status"), "step": ("Bước", "Step"), "assignee": ("Người xử lý", "Assignee"),
        "due": ("Hẹn trả", "Due back"),
        "dueAt": ("Hẹn trả", "Due back"), "procedure": ("Thủ tục", "Procedure"), "version": ("Phiên bản", "Version"),
        "applicant": ("Người nộp", "Applicant"),
        "displayName": ("Họ và tên", "Full name"), "role": ("Vai trò", "Role"), "unitCode": ("Đơn vị", "Unit"),
        "active": ("Đang hoạt động", "Active"),
        "username": ("Tên đăng nhập", "Username"), "name": ("Tên", "Name"), "code": ("Mã", "Code"),
        "kind": ("Loại", "Kind"),
        "parentCode": ("Đơn vị cấp trên", "Parent unit"), "workingHours": ("Giờ làm việc", "Working hours"),
        "date": ("Ngày", "Date"),
        "noticeNumber": ("Số thông báo", "Notice number"), "noticeDate": ("Ngày thông báo", "Notice date"),
        "amount": ("Số tiền", "Amount"),
        "status": ("Trạng thái", "Status"), "level": ("Mức", "Level"), "account": ("Tài khoản", "Account"),
        "keyID": ("Mã khóa", "Key ID"),
        "title": ("Tiêu đề", "Title"), "progress": ("Tiến độ (%)", "Progress (%)"),
        "deadline": ("Hạn hoàn thành", "Deadline"),
        "lead": ("Người chủ trì", "Lead"),
        "reason": ("Lý do", "Reason"), "comment": ("Nhận xét", "Comment"), "channel": ("Kênh", "Channel"),
        "receipt": ("Biên lai", "Receipt"),
    ]

    static func label(_ key: String, _ lang: Language) -> String {
        labels[key].map { lang.t($0.vi, $0.en) } ?? key
    }
}
