/// What a dossier owes (DOMAIN §7): the demand, computed from the fee rule of the procedure
/// version it was received under, which the clerk may adjust with a reason or waive under an
/// exemption; and, from the payments made against it, what is still outstanding. Paying is
/// separate (`PaymentChannel`), so one demand can be settled by any channel.
public struct FeeDemand: Sendable, Hashable, Codable {
    /// The amount the procedure version's fee rule gives, in đồng.
    public var ruleAmount: Int
    /// An amount set by the clerk instead of the rule's, with the reason.
    public var adjustedAmount: Int?
    public var adjustmentReason: String
    /// An exemption (e.g. a poor household): nothing is owed.
    public var exemptionReason: String

    public init(
        ruleAmount: Int, adjustedAmount: Int? = nil, adjustmentReason: String = "", exemptionReason: String = ""
    ) {
        self.ruleAmount = ruleAmount
        self.adjustedAmount = adjustedAmount
        self.adjustmentReason = adjustmentReason
        self.exemptionReason = exemptionReason
    }

    public var isExempt: Bool { !exemptionReason.isEmpty }
    /// The amount owed.
    public var amount: Int { isExempt ? 0 : adjustedAmount ?? ruleAmount }

    public enum Problem: Error, Equatable, Sendable {
        case negativeAmount, reasonRequired
        public var vi: String {
            switch self {
            case .negativeAmount: return "Số tiền phải là số nguyên không âm (đồng)."
            case .reasonRequired: return "Ghi rõ lý do điều chỉnh hoặc miễn phí, lệ phí."
            }
        }
        public var en: String {
            switch self {
            case .negativeAmount: return "The amount must be a whole, non-negative number of đồng."
            case .reasonRequired: return "Give the reason for the adjustment or exemption."
            }
        }
    }

    /// The demand with a new amount; a reason is required.
    public func adjusted(to amount: Int, reason: String) throws(Problem) -> FeeDemand {
        guard amount >= 0 else { throw .negativeAmount }
        guard !reason.trimmingWhitespace.isEmpty else { throw .reasonRequired }
        var d = self
        d.adjustedAmount = amount
        d.adjustmentReason = reason.trimmingWhitespace
        return d
    }

    public func exempted(reason: String) throws(Problem) -> FeeDemand {
        guard !reason.trimmingWhitespace.isEmpty else { throw .reasonRequired }
        var d = self
        d.exemptionReason = reason.trimmingWhitespace
        return d
    }
}

/// How a fee was paid.
public enum PaymentChannel: String, Codable, Sendable, CaseIterable {
    case cash, gateway, vietqr

    public var vietnamese: String {
        switch self {
        case .cash: return "Tiền mặt tại Bộ phận Một cửa"
        case .gateway: return "Thanh toán trực tuyến qua cổng thanh toán"
        case .vietqr: return "Chuyển khoản VietQR"
        }
    }
    public var english: String {
        switch self {
        case .cash: return "Cash at the counter"
        case .gateway: return "Online payment gateway"
        case .vietqr: return "VietQR bank transfer"
        }
    }
    /// Online payment in the 766 index's sense: not at the counter.
    public var isOnline: Bool { self != .cash }
}

/// A payment's life: pending until confirmed (by the cashier, the gateway's answer to our
/// query, or a statement line), then paid, or failed; a paid payment can be refunded.
public enum PaymentStatus: String, Codable, Sendable { case pending, paid, failed, refunded }

/// A demand against its payments.
public struct FeeAccount: Sendable {
    public var demand: FeeDemand
    /// (amount, status) of every payment made against the dossier.
    public var payments: [(amount: Int, status: PaymentStatus)]

    public init(demand: FeeDemand, payments: [(amount: Int, status: PaymentStatus)]) {
        self.demand = demand
        self.payments = payments
    }

    public var paid: Int { payments.filter { $0.status == .paid }.reduce(0) { $0 + $1.amount } }
    public var outstanding: Int { max(0, demand.amount - paid) }
    /// Whether the result may be returned: nothing is owed any more.
    public var settled: Bool { outstanding == 0 }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// Amounts in words, as a receipt (biên lai) writes them: "Năm mươi nghìn đồng".
public enum VietnameseAmount {
    static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    static let groups = ["", " nghìn", " triệu", " tỷ", " nghìn tỷ", " triệu tỷ"]

    public static func words(_ amount: Int) -> String {
        guard amount > 0 else { return "Không đồng" }
        var parts: [String] = []
        var n = amount
        var g = 0
        var chunks: [Int] = []
        while n > 0 {
            chunks.append(n % 1000)
            n /= 1000
        }
        for (i, chunk) in chunks.enumerated().reversed() {
            g = i
            if chunk == 0 { continue }
            let full = i < chunks.count - 1  // not the leading group: read the hundreds even if zero
            parts.append(threeDigits(chunk, full: full) + groups[g])
        }
        let text = parts.joined(separator: " ") + " đồng"
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    static func threeDigits(_ n: Int, full: Bool) -> String {
        let h = n / 100
        let t = (n / 10) % 10
        let u = n % 10
        var w: [String] = []
        if h > 0 || full { w.append(digits[h] + " trăm") }
        switch t {
        case 0:
            if u > 0 {
                if h > 0 || full { w.append("lẻ") }
                w.append(digits[u])
            }
        case 1:
            w.append("mười")
            if u == 5 { w.append("lăm") } else if u > 0 { w.append(digits[u]) }
        default:
            w.append(digits[t] + " mươi")
            if u == 1 {
                w.append("mốt")
            } else if u == 4 {
                w.append("tư")
            } else if u == 5 {
                w.append("lăm")
            } else if u > 0 {
                w.append(digits[u])
            }
        }
        return w.joined(separator: " ")
    }
}
