import Foundation

/// A figure PhuongSo computes from its own records, which a plan target, a PAR criterion or a
/// report can be bound to. Only figures the records really hold are listed (feedback handling
/// comes with the feedback capability). Every figure is a share, in percent.
package enum FigureKey: String, Codable, Sendable, CaseIterable {
    /// Dossiers resolved early or on time ÷ resolved: the statistics matrix's total rate.
    case dossiersOnTime = "dossiers-on-time"
    /// Dossiers filed online ÷ dossiers received (Decision 766, indicator 3.3).
    case dossiersOnline = "dossiers-online"
    /// Fee payments made online (gateway, VietQR) ÷ fee payments (Decision 766, payment group).
    case paymentsOnline = "payments-online"
    /// Dossiers whose papers were all digitized ÷ dossiers received (Decision 766, group 4).
    case dossiersDigitized = "dossiers-digitized"
    /// Resolved dossiers with a signed electronic result ÷ resolved dossiers (Decision 766, group 4).
    case resultsElectronic = "results-electronic"
    /// Reform tasks completed (accepted) ÷ tasks assigned.
    case tasksCompleted = "tasks-completed"
    /// Tasks finished by their original deadline ÷ tasks due.
    case tasksOnSchedule = "tasks-on-schedule"
    /// Decision 766 points achieved ÷ the maximum of the indicators that have a figure (the
    /// province's ranking of wards uses the same share).
    case index766Rate = "index766-rate"

    package var vietnamese: String {
        switch self {
        case .dossiersOnTime: return "Tỷ lệ hồ sơ giải quyết trước và đúng hạn"
        case .dossiersOnline: return "Tỷ lệ hồ sơ tiếp nhận trực tuyến"
        case .paymentsOnline: return "Tỷ lệ giao dịch thanh toán phí, lệ phí trực tuyến"
        case .dossiersDigitized: return "Tỷ lệ hồ sơ được số hóa thành phần hồ sơ"
        case .resultsElectronic: return "Tỷ lệ hồ sơ có kết quả giải quyết điện tử"
        case .tasksCompleted: return "Tỷ lệ nhiệm vụ CCHC hoàn thành"
        case .tasksOnSchedule: return "Tỷ lệ nhiệm vụ CCHC hoàn thành đúng tiến độ"
        case .index766Rate: return "Tỷ lệ điểm đạt Bộ chỉ số 766 (các chỉ số có số liệu)"
        }
    }

    package var english: String {
        switch self {
        case .dossiersOnTime: return "Dossiers resolved early or on time"
        case .dossiersOnline: return "Dossiers received online"
        case .paymentsOnline: return "Fee payments made online"
        case .dossiersDigitized: return "Dossiers digitized"
        case .resultsElectronic: return "Results issued electronically"
        case .tasksCompleted: return "Reform tasks completed"
        case .tasksOnSchedule: return "Reform tasks completed on schedule"
        case .index766Rate: return "Decision 766 points achieved (indicators with figures)"
        }
    }

    /// What the numerator and the denominator count, for the figure's explanation.
    package var counts: (vi: String, en: String) {
        switch self {
        case .dossiersOnTime: return ("hồ sơ trước và đúng hạn / hồ sơ đã giải quyết", "early or on time / resolved")
        case .dossiersOnline: return ("hồ sơ trực tuyến / hồ sơ tiếp nhận", "online / received")
        case .paymentsOnline: return ("giao dịch trực tuyến / giao dịch đã thanh toán", "online / paid payments")
        case .dossiersDigitized: return ("hồ sơ được số hóa / hồ sơ tiếp nhận", "digitized / received")
        case .resultsElectronic:
            return ("hồ sơ có kết quả điện tử / hồ sơ đã giải quyết", "with an electronic result / resolved")
        case .tasksCompleted: return ("nhiệm vụ hoàn thành / nhiệm vụ được giao", "completed / assigned")
        case .tasksOnSchedule: return ("nhiệm vụ đúng tiến độ / nhiệm vụ đến hạn", "on schedule / due")
        case .index766Rate: return ("điểm đạt / điểm tối đa", "points / maximum")
        }
    }

    /// A key as typed or sent, with a clear refusal for one PhuongSo does not compute.
    package static func parse(_ raw: String) -> FigureKey? {
        FigureKey(rawValue: raw.trimmingCharacters(in: .whitespaces))
    }
}

/// A figure over a period: the two counts, the share (nil, shown as N/A, when nothing is
/// counted: a null is not a zero) and the page of the records behind it.
package struct FigureValue: Codable, Sendable, Hashable {
    package var numerator: Int
    package var denominator: Int
    /// Percent; nil when the denominator is zero.
    package var percent: Double?
    package var link: String

    /// `percent` as the figure's own definition computes it (a rate read from the statistics
    /// matrix or the task figures), or numerator ÷ denominator.
    package init(numerator: Int, denominator: Int, percent: Double?? = .none, link: String) {
        self.numerator = numerator
        self.denominator = denominator
        self.link = link
        self.percent = percent ?? (denominator == 0 ? nil : Double(numerator) * 100 / Double(denominator))
    }
}
