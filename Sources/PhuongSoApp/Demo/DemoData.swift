import Fluent
import Foundation
import PhuongSoCore

/// The demo province and ward: realistic names, fields, and one account per role.
package enum DemoData {
    package static let password = "Demo@2026"
    /// A sample receiving account for VietQR in the demo ward (a made-up account number).
    package static let vietQRAccount = VietQR.Account(
        bankBIN: "970415", accountNumber: "113000012345", accountName: "UBND PHUONG THANH SEN (DEMO)")

    package static let accounts: [(username: String, name: String, role: Role, unit: String?)] = [
        ("admin", "Quản trị hệ thống", .admin, nil),
        ("giamsat", "Trần Thị Thanh Hương", .supervisor, "000.00.00.H42"),
        ("quantri", "Lê Văn Nam", .unitAdmin, "000.00.31.H42"),
        ("chutich", "Nguyễn Văn Hùng", .leader, "000.00.31.H42"),
        ("vanphong", "Phạm Thị Lan", .office, "000.00.31.H42"),
        ("motcua", "Hoàng Thị Mai", .clerk, "000.00.31.H42"),
        ("tuphap", "Đặng Văn Đức", .official, "000.00.31.H42"),
        // Two more field officials, so reform tasks have more than one owner to go to.
        ("diachinh", "Trần Văn Bình", .official, "000.00.31.H42"),
        ("vanhoa", "Lê Thị Thu Trang", .official, "000.00.31.H42"),
        ("congdan", "Võ Thị Hồng Nhung", .citizen, nil),
        ("sotuphap", "Ngô Minh Quân", .official, "000.20.00.H42"),
    ]

    /// Loads the demo data when the database holds no unit yet; returns whether it loaded.
    @discardableResult
    package static func loadIfEmpty(bcryptCost: Int, now: Date, on db: Database) async throws -> Bool {
        guard try await UnitRecord.query(on: db).count() == 0 else { return false }
        let actor = AuditActor.system("demo", at: now)
        _ = try await UnitQueries.create(
            .init(code: "000.00.00.H42", name: "Tỉnh Hà Tĩnh", kind: "province", parentCode: nil, workingHours: nil),
            actor: actor, on: db)
        let ward = try await UnitQueries.create(
            .init(
                code: "000.00.31.H42", name: "Phường Thành Sen", kind: "ward", parentCode: "000.00.00.H42",
                workingHours: nil), actor: actor, on: db)
        _ = try await UnitQueries.create(
            .init(
                code: "000.00.32.H42", name: "Xã Thạch Khê", kind: "commune", parentCode: "000.00.00.H42",
                workingHours: nil), actor: actor, on: db)
        _ = try await UnitQueries.create(
            .init(
                code: "000.20.00.H42", name: "Sở Tư pháp tỉnh Hà Tĩnh", kind: "agency", parentCode: "000.00.00.H42",
                workingHours: nil), actor: actor, on: db)
        _ = try await UnitQueries.create(
            .init(
                code: "000.00.31.H42.CA", name: "Công an phường Thành Sen", kind: "agency", parentCode: "000.00.31.H42",
                workingHours: nil), actor: actor, on: db)
        for (code, name) in [
            ("HT", "Hộ tịch"), ("CT", "Chứng thực"), ("BTXH", "Bảo trợ xã hội"), ("DD", "Đất đai"),
            ("HKD", "Hộ kinh doanh"), ("TE", "Trẻ em"),
        ] {
            _ = try await UnitQueries.addField(to: ward, code: code, name: name, actor: actor, on: db)
        }
        try await loadCatalog(into: ward, actor: actor, on: db)
        for a in accounts {
            _ = try await AccountQueries.create(
                .init(
                    username: a.username, displayName: a.name, password: password, role: a.role.rawValue,
                    unitCode: a.unit),
                creator: nil, bcryptCost: bcryptCost, actor: actor, on: db)
        }
        try await DemoStaffContacts.load(on: db)
        return true
    }
}
