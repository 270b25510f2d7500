/// Whether one more person may be confirmed in a capped band (DOMAIN §12).
///
/// Nghị định 335/2025/NĐ-CP (staff-eval-nd335-2026.csv, row QUOTA): "Số công chức 'Hoàn thành xuất
/// sắc' không vượt quá 20% số công chức 'Hoàn thành tốt' trong cùng cơ quan, đơn vị và từng nhóm có
/// nhiệm vụ tương đồng". Read literally, the count is taken over the people rated "tốt" — not over
/// all staff, and not counting those rated "xuất sắc" — in the same unit and group of similar
/// duties; a fraction of a person is rounded down (20% of 4 is 0.8: nobody). The caller passes the
/// ratings of that unit and group without the person being confirmed.
public struct RatingQuotaCheck: Hashable, Sendable {
    public let quota: RatingQuota
    /// People in the capped band already (xuất sắc).
    public let inBand: Int
    /// People in the band the cap is counted over (tốt).
    public let inBaseBand: Int

    /// `ratings`: band code → number of people so rated in the unit and group.
    public init(quota: RatingQuota, ratings: [String: Int]) {
        self.quota = quota
        inBand = ratings[quota.band] ?? 0
        inBaseBand = ratings[quota.ofBand] ?? 0
    }

    /// ⌊percent × base ÷ 100⌋.
    public var allowed: Int { inBaseBand * quota.percent / 100 }
    public var allowsOneMore: Bool { inBand + 1 <= allowed }

    public var vietnamese: String {
        "Tối đa \(allowed) người (\(quota.percent)% của \(inBaseBand) người xếp loại tốt, làm tròn xuống); "
            + "đã có \(inBand)."
    }
    public var english: String {
        "At most \(allowed) (\(quota.percent)% of \(inBaseBand) rated good, rounded down); \(inBand) already."
    }
}
