import Fluent
import Foundation
import PhuongSoCore

/// An administrative unit or agency: the province, a xã/phường/đặc khu, or an agency such as a
/// sở, the tax office or the police. Units form a tree through `parent`.
package final class UnitRecord: Model, @unchecked Sendable {
    package static let schema = "units"

    @ID(key: .id) package var id: UUID?
    /// Mã định danh điện tử: the electronic ID code, used later in dossier codes.
    @Field(key: "code") package var code: String
    @Field(key: "name") package var name: String
    @Field(key: "kind") package var kind: UnitKind
    @OptionalParent(key: "parent_id") package var parent: UnitRecord?
    /// Working periods, e.g. `07:30-11:30,13:30-17:30`.
    @Field(key: "working_hours") package var workingHours: String
    @Field(key: "active") package var active: Bool
    /// The unit's receiving bank account for VietQR transfers (BIN, number, holder), if it has one.
    @OptionalField(key: "bank_bin") package var bankBIN: String?
    @OptionalField(key: "bank_account") package var bankAccount: String?
    @OptionalField(key: "bank_account_name") package var bankAccountName: String?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

    package init() {}

    package var vietQRAccount: VietQR.Account? {
        guard let bin = bankBIN, let number = bankAccount, !bin.isEmpty, !number.isEmpty else { return nil }
        return VietQR.Account(bankBIN: bin, accountNumber: number, accountName: bankAccountName ?? "")
    }

    package init(
        id: UUID? = nil, code: String, name: String, kind: UnitKind, parentID: UUID?,
        workingHours: String = "07:30-11:30,13:30-17:30"
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.$parent.id = parentID
        self.workingHours = workingHours
        self.active = true
    }
}

package enum UnitKind: String, Codable, Sendable, CaseIterable {
    case province, ward, commune
    case specialZone = "special-zone"
    case agency

    package func name(_ lang: Language) -> String {
        switch (self, lang) {
        case (.province, .vi): return "Tỉnh/Thành phố"
        case (.ward, .vi): return "Phường"
        case (.commune, .vi): return "Xã"
        case (.specialZone, .vi): return "Đặc khu"
        case (.agency, .vi): return "Cơ quan"
        case (.province, .en): return "Province"
        case (.ward, .en): return "Ward"
        case (.commune, .en): return "Commune"
        case (.specialZone, .en): return "Special zone"
        case (.agency, .en): return "Agency"
        }
    }
}

/// A field (lĩnh vực) of procedures and reform work kept by a unit, e.g. Hộ tịch, Chứng thực.
package final class FieldRecord: Model, @unchecked Sendable {
    package static let schema = "fields"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: UnitRecord
    @Field(key: "code") package var code: String
    @Field(key: "name") package var name: String
    @Field(key: "active") package var active: Bool

    package init() {}
    package init(id: UUID? = nil, unitID: UUID, code: String, name: String) {
        self.id = id
        self.$unit.id = unitID
        self.code = code
        self.name = name
        self.active = true
    }
}
