/// The outline of a periodic CCHC report, as the Bộ Nội vụ's guidance on periodic reports
/// (581/BNV-CCHC, đề cương báo cáo) orders it: the direction of reform; results in each reform
/// area; an overall assessment with shortcomings and their causes; the tasks of the next period;
/// proposals. The office writes each section; the figures are inserted from the records.
package enum ReformReportOutline {
    package struct Section: Sendable, Hashable {
        /// Stable key, stored in the report's narrative.
        package let key: String
        package let vietnamese: String
        package let english: String
        /// Whether the report cannot be submitted without it.
        package let required: Bool
    }

    /// Section I: direction (the first reform area).
    package static let direction = Section(
        key: "direction", vietnamese: "Công tác chỉ đạo, điều hành CCHC",
        english: "Direction of administrative reform", required: true)

    /// Section II: one part per reform area after direction, in the PAR Index's order.
    package static let areas: [Section] = ReformArea.defaults.dropFirst().map {
        Section(key: $0.code, vietnamese: $0.vietnamese, english: $0.english, required: false)
    }

    package static let assessment = Section(
        key: "assessment", vietnamese: "Tồn tại, hạn chế và nguyên nhân",
        english: "Shortcomings and their causes", required: true)
    package static let next = Section(
        key: "next", vietnamese: "Nhiệm vụ trọng tâm kỳ tới", english: "Tasks for the next period", required: true)
    package static let proposals = Section(
        key: "proposals", vietnamese: "Đề xuất, kiến nghị", english: "Proposals", required: false)

    /// Every section the office writes, in the document's order.
    package static var all: [Section] { [direction] + areas + [assessment, next, proposals] }

    package static func section(_ key: String) -> Section? { all.first { $0.key == key } }
}
