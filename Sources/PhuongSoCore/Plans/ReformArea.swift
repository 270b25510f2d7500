/// A reform area (nội dung CCHC): the headings a ward's yearly CCHC plan is written under and the
/// PAR Index scores it by (DOMAIN §9). A plan keeps its own list of sections; new plans start
/// from `defaults`, and a ward may add an area of its own.
public struct ReformArea: Hashable, Sendable, Codable {
    /// Stable code, stored on plan sections and on tasks (`area`).
    public let code: String
    /// Position in the PAR Index (content 1…8), for the areas that have one.
    public let parNumber: Int?
    public let vietnamese: String
    public let english: String

    public init(code: String, parNumber: Int?, vietnamese: String, english: String) {
        self.code = code
        self.parNumber = parNumber
        self.vietnamese = vietnamese
        self.english = english
    }

    /// The eight contents of the PAR Index of wards and communes, in its order and wording (Hà Nội
    /// QĐ 5666/QĐ-UBND of 17/11/2025, contents 1–8, read from `../shared/data/reform/
    /// par-criteria-hanoi-2025.csv`; content 8 there ends "…của Thành phố", dropped here as it
    /// names the city, not the ward). Other provinces use the same eight fields with small
    /// differences of wording: a plan stores its own names, so a ward can follow its province's.
    public static let defaults: [ReformArea] = [
        ReformArea(
            code: "direction", parNumber: 1, vietnamese: "Công tác chỉ đạo, điều hành CCHC",
            english: "Direction of administrative reform"),
        ReformArea(code: "institutions", parNumber: 2, vietnamese: "Cải cách thể chế", english: "Institutional reform"),
        ReformArea(
            code: "procedures", parNumber: 3,
            vietnamese: "Cải cách TTHC và thực hiện cơ chế một cửa, một cửa liên thông",
            english: "Administrative procedures and the one-stop mechanism"),
        ReformArea(
            code: "organisation", parNumber: 4, vietnamese: "Cải cách tổ chức bộ máy", english: "Organisational reform"),
        ReformArea(
            code: "civil-service", parNumber: 5, vietnamese: "Cải cách chế độ công vụ", english: "Civil service reform"),
        ReformArea(
            code: "public-finance", parNumber: 6, vietnamese: "Cải cách tài chính công",
            english: "Public finance reform"),
        ReformArea(
            code: "digital-government", parNumber: 7,
            vietnamese: "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
            english: "E-government and digital government"),
        ReformArea(
            code: "impact", parNumber: 8, vietnamese: "Tác động của CCHC đến phát triển kinh tế - xã hội",
            english: "Impact of reform on socio-economic development"),
    ]

    /// The default area with this code, if it is one.
    public static func standard(_ code: String) -> ReformArea? { defaults.first { $0.code == code } }
}
