import Foundation

/// Reading a published catalogue in CONTRACT's import format (CSV, or the same columns from a
/// spreadsheet), with its internal processes. Every problem is reported with its line and column;
/// a file with any problem yields no procedures at all.
public enum CatalogImport {
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let column: String
        public let vi: String
        public let en: String
        public var description: String { "\(file) line \(line), column \(column): \(en)" }
        public init(file: String, line: Int, column: String, vi: String, en: String) {
            self.file = file
            self.line = line
            self.column = column
            self.vi = vi
            self.en = en
        }
        public func message(_ lang: String) -> String {
            lang.hasPrefix("vi") ? "\(file) dòng \(line), cột \(column): \(vi)" : description
        }
    }

    public struct Failure: Error, Sendable {
        public let problems: [Problem]
        public init(problems: [Problem]) { self.problems = problems }
    }

    /// A time limit as typed in a form (same rules as the import columns).
    public static func parseTimeLimit(value: String, unit: String, cutoff: String) throws(Problem) -> TimeLimit? {
        do {
            return try timeLimit(
                value: value.trimmingCharacters(in: .whitespaces), unit: unit,
                cutoff: cutoff.trimmingCharacters(in: .whitespaces))
        } catch { throw Problem(file: "form", line: 0, column: error.column, vi: error.vi, en: error.en) }
    }

    /// The rows of a sheet: each with its line number and cells (CSV or XLSX give the same).
    public typealias Rows = [CSV.Record]

    static let required = ["code", "name", "field", "time_limit_value", "time_limit_unit"]

    /// Procedures with their internal-process steps (keyed by code), in file order.
    public static func read(
        procedures: Rows, processes: Rows?, file: String = "procedures", processFile: String = "processes"
    ) throws(Failure) -> [Procedure] {
        var problems: [Problem] = []
        func problem(_ f: String, _ line: Int, _ col: String, _ vi: String, _ en: String) {
            problems.append(Problem(file: f, line: line, column: col, vi: vi, en: en))
        }
        guard let header = procedures.first else {
            throw Failure(problems: [Problem(file: file, line: 1, column: "-", vi: "tệp rỗng", en: "the file is empty")]
            )
        }
        let columns = Dictionary(
            header.fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0) },
            uniquingKeysWith: { a, _ in a })
        for name in required where columns[name] == nil {
            problem(file, header.line, name, "thiếu cột bắt buộc", "required column missing")
        }
        if !problems.isEmpty { throw Failure(problems: problems) }

        var result: [Procedure] = []
        var lineOfCode: [String: Int] = [:]
        for row in procedures.dropFirst() {
            func cell(_ name: String) -> String {
                guard let i = columns[name], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let code = cell("code")
            let name = cell("name")
            if code.isEmpty {
                problem(file, row.line, "code", "thiếu mã thủ tục", "code is empty")
                continue
            }
            if let first = lineOfCode[code] {
                problem(
                    file, row.line, "code", "mã \(code) trùng với dòng \(first)", "code \(code) repeats line \(first)")
                continue
            }
            lineOfCode[code] = row.line
            if name.isEmpty { problem(file, row.line, "name", "thiếu tên thủ tục", "name is empty") }
            var p = Procedure(code: code, name: name, field: cell("field"))
            do {
                p.timeLimit = try timeLimit(
                    value: cell("time_limit_value"), unit: cell("time_limit_unit"), cutoff: cell("same_day_cutoff"))
            } catch { problem(file, row.line, error.column, error.vi, error.en) }
            p.feeText = cell("fee_text")
            let fee = cell("fee_amount_vnd")
            if !fee.isEmpty {
                if let amount = Int(fee.replacingOccurrences(of: ".", with: "")), amount >= 0 {
                    p.feeAmount = amount
                } else {
                    problem(
                        file, row.line, "fee_amount_vnd", "lệ phí '\(fee)' không phải số nguyên không âm",
                        "fee '\(fee)' is not a non-negative integer")
                }
            }
            let online = cell("online_level")
            if let level = OnlineLevel(rawValue: online.lowercased()) {
                p.onlineLevel = level
            } else {
                problem(
                    file, row.line, "online_level",
                    "mức trực tuyến '\(online)' không hợp lệ (toàn trình, một phần hoặc để trống)",
                    "unknown online level '\(online)'")
            }
            do { p.components = try Component.list(notation: cell("components")) } catch {
                problem(file, row.line, "components", error.vi, error.en)
            }
            p.result = cell("result")
            p.legalBases = list(cell("legal_basis"))
            p.agency = cell("agency")
            p.source = cell("source")
            p.notes = cell("notes")
            if p.name.count > 1000 || p.code.count > 64 {
                problem(file, row.line, "code", "mã hoặc tên quá dài", "code or name too long")
            }
            result.append(p)
        }

        if let processes {
            let steps = readSteps(processes, file: processFile, known: Set(lineOfCode.keys), problems: &problems)
            for i in result.indices {
                guard let list = steps[result[i].code] else { continue }
                result[i].steps = list
                if !result[i].stepsFitTimeLimit, let limit = result[i].timeLimit?.workingHoursEquivalent {
                    problem(
                        file, lineOfCode[result[i].code] ?? 0, "time_limit_value",
                        """
                        tổng thời gian các bước (\(Procedure.number(result[i].stepHours)) giờ) vượt thời hạn \
                        (\(Procedure.number(limit)) giờ làm việc)
                        """,
                        """
                        internal steps total \(Procedure.number(result[i].stepHours)) h, over the legal limit of \
                        \(Procedure.number(limit)) working hours
                        """
                    )
                }
            }
        }
        if !problems.isEmpty { throw Failure(problems: problems) }
        return result
    }

    static func readSteps(_ rows: Rows, file: String, known: Set<String>, problems: inout [Problem]) -> [String:
        [ProcessStep]]
    {
        guard let header = rows.first else { return [:] }
        let columns = Dictionary(
            header.fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0) },
            uniquingKeysWith: { a, _ in a })
        for name in ["code", "step_no", "actor", "task", "hours"] where columns[name] == nil {
            problems.append(
                Problem(
                    file: file, line: header.line, column: name, vi: "thiếu cột bắt buộc", en: "required column missing"
                ))
        }
        guard problems.isEmpty else { return [:] }
        var numbered: [String: [(Int, ProcessStep)]] = [:]
        for row in rows.dropFirst() {
            func cell(_ name: String) -> String {
                guard let i = columns[name], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let code = cell("code")
            guard known.contains(code) else {
                problems.append(
                    Problem(
                        file: file, line: row.line, column: "code", vi: "mã \(code) không có trong danh mục nhập",
                        en: "code \(code) is not in the imported catalogue"))
                continue
            }
            guard let n = Int(cell("step_no")), n > 0 else {
                problems.append(
                    Problem(
                        file: file, line: row.line, column: "step_no",
                        vi: "số thứ tự bước '\(cell("step_no"))' không hợp lệ",
                        en: "invalid step number '\(cell("step_no"))'"))
                continue
            }
            guard let h = Double(cell("hours").replacingOccurrences(of: ",", with: ".")), h >= 0, h.isFinite,
                h <= 100_000
            else {
                problems.append(
                    Problem(
                        file: file, line: row.line, column: "hours", vi: "số giờ '\(cell("hours"))' không hợp lệ",
                        en: "invalid hours '\(cell("hours"))'"))
                continue
            }
            if numbered[code]?.contains(where: { $0.0 == n }) == true {
                problems.append(
                    Problem(
                        file: file, line: row.line, column: "step_no", vi: "bước \(n) của \(code) bị lặp",
                        en: "step \(n) of \(code) repeats"))
                continue
            }
            numbered[code, default: []].append((n, ProcessStep(actor: cell("actor"), task: cell("task"), hours: h)))
        }
        return numbered.mapValues { $0.sorted { $0.0 < $1.0 }.map(\.1) }
    }

    struct CellError: Error {
        let column: String
        let vi: String
        let en: String
    }

    static func timeLimit(value: String, unit: String, cutoff: String) throws(CellError) -> TimeLimit? {
        let u = unit.lowercased()
        if !cutoff.isEmpty, (try? TimeOfDay(parsing: cutoff)) == nil {
            throw CellError(
                column: "same_day_cutoff", vi: "giờ chốt '\(cutoff)' không hợp lệ (HH:MM)",
                en: "invalid cut-off '\(cutoff)' (HH:MM)")
        }
        if u == "trong ngày" { return .sameDay(cutoff: cutoff.isEmpty ? "15:00" : cutoff) }
        if u.isEmpty && value.isEmpty { return nil }
        guard ["giờ", "ngày làm việc", "ngày", "tháng"].contains(u) else {
            throw CellError(
                column: "time_limit_unit",
                vi: "đơn vị thời hạn '\(unit)' không hợp lệ (giờ, ngày làm việc, ngày, tháng, trong ngày)",
                en: "unknown time-limit unit '\(unit)'")
        }
        guard let v = Double(value.replacingOccurrences(of: ",", with: ".")), v > 0, v.isFinite, v <= 10_000 else {
            throw CellError(
                column: "time_limit_value", vi: "thời hạn '\(value)' phải là số dương",
                en: "time limit '\(value)' must be a positive number")
        }
        switch u {
        case "giờ": return .workingHours(v)
        case "ngày làm việc": return .workingDays(v)
        case "ngày":
            guard v == v.rounded() else {
                throw CellError(
                    column: "time_limit_value", vi: "số ngày '\(value)' phải là số nguyên",
                    en: "days '\(value)' must be whole")
            }
            return .calendarDays(Int(v))
        default:
            guard v == v.rounded() else {
                throw CellError(
                    column: "time_limit_value", vi: "số tháng '\(value)' phải là số nguyên",
                    en: "months '\(value)' must be whole")
            }
            return .months(Int(v))
        }
    }

    static func list(_ text: String) -> [String] {
        text.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty
        }
    }

}
