/// A bank statement exported as CSV (the ward's account, one line per credit), read to reconcile
/// VietQR transfers: the header names the columns (Vietnamese or English names accepted), and
/// each line's content is searched for an open reference (the dossier code).
public struct BankStatement: Sendable {
    public struct Line: Sendable, Hashable {
        public var lineNumber: Int
        public var date: String
        /// The bank's own transaction id: a line already imported is never counted again.
        public var transactionID: String
        public var amount: Int
        public var description: String
    }

    public enum Problem: Error, Equatable, Sendable {
        case missingColumn(String)
        case badAmount(line: Int, value: String)
        case missingTransactionID(line: Int)
        case empty, unreadable
        public var vi: String {
            switch self {
            case .missingColumn(let c): return "Tệp sao kê thiếu cột '\(c)'."
            case .badAmount(let l, let v): return "Dòng \(l): số tiền '\(v)' không hợp lệ."
            case .missingTransactionID(let l): return "Dòng \(l): thiếu mã giao dịch của ngân hàng."
            case .empty: return "Tệp sao kê không có dòng nào."
            case .unreadable: return "Tệp sao kê không phải CSV UTF-8 hợp lệ."
            }
        }
        public var en: String {
            switch self {
            case .missingColumn(let c): return "The statement has no '\(c)' column."
            case .badAmount(let l, let v): return "Line \(l): amount '\(v)' is not valid."
            case .missingTransactionID(let l): return "Line \(l): the bank's transaction id is missing."
            case .empty: return "The statement has no lines."
            case .unreadable: return "The statement is not valid UTF-8 CSV."
            }
        }
    }

    public var lines: [Line]

    static let aliases: [String: [String]] = [
        "date": ["date", "ngay", "ngày", "ngay giao dich", "ngày giao dịch"],
        "transaction_id": [
            "transaction_id", "ma giao dich", "mã giao dịch", "so tham chieu", "số tham chiếu", "reference",
        ],
        "amount": ["amount", "so tien", "số tiền", "credit", "ghi co", "ghi có"],
        "description": ["description", "noi dung", "nội dung", "dien giai", "diễn giải"],
    ]

    public init(csv text: String) throws(Problem) {
        guard let rows = try? CSV.parse(text) else { throw .unreadable }
        guard let header = rows.first else { throw .empty }
        let names = header.fields.map { $0.trimmingWhitespace.lowercased() }
        var index: [String: Int] = [:]
        for (key, options) in Self.aliases {
            guard let i = names.firstIndex(where: { options.contains($0) }) else { throw .missingColumn(key) }
            index[key] = i
        }
        var out: [Line] = []
        for row in rows.dropFirst() where !row.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) {
            func cell(_ k: String) -> String {
                let i = index[k]!
                return i < row.fields.count ? row.fields[i].trimmingWhitespace : ""
            }
            let rawAmount = cell("amount")
            let digits = rawAmount.filter { $0 != "." && $0 != "," && $0 != " " }
            guard let amount = Int(digits), amount > 0, rawAmount.count <= 20 else {
                throw .badAmount(line: row.line, value: rawAmount)
            }
            let id = cell("transaction_id")
            guard !id.isEmpty else { throw .missingTransactionID(line: row.line) }
            out.append(
                Line(
                    lineNumber: row.line, date: cell("date"), transactionID: String(id.prefix(100)), amount: amount,
                    description: String(cell("description").prefix(500))))
        }
        guard !out.isEmpty else { throw .empty }
        lines = out
    }

    /// Letters and digits only, upper case: bank apps drop or change the separators of a reference.
    public static func normalized(_ s: String) -> String {
        String(s.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    /// The references (of those open) that a line's content names.
    public static func references(in description: String, among open: [String]) -> [String] {
        let text = normalized(description)
        return open.filter {
            let n = normalized($0)
            return !n.isEmpty && text.contains(n)
        }
    }
}
