import Foundation
import PhuongSoCore
import Plot

/// The unit's staff with the number of courses on record and of disciplinary decisions this year;
/// a supervisor first picks one of the units below theirs.
enum StaffRecordListView {
    static func render(_ ctx: PageContext, _ m: StaffRecordListModel) -> HTML {
        Layout.page(
            ctx,
            title: ctx.t("Bồi dưỡng và kỷ luật", "Training and discipline") + (m.unit.map { " — " + $0.name } ?? ""),
            .p(
                .a(
                    .href(ctx.link(StaffRecordPaths.hub)),
                    .text(ctx.t("← Quay lại Đánh giá, xếp loại", "← Back to evaluation")))
            ),
            .if(!m.choices.isEmpty, choices(ctx, m)),
            .unwrap(m.unit) { _ in
                m.rows.isEmpty
                    ? .p(.class("hint"), .text(ctx.t("Đơn vị chưa có công chức nào.", "The unit has no staff.")))
                    : Components.table(
                        caption: ctx.t("Công chức của đơn vị", "The unit's staff"),
                        headers: [
                            ctx.t("Họ và tên", "Full name"), ctx.t("Chức vụ", "Post"),
                            ctx.t("Số khóa bồi dưỡng", "Number of courses"),
                            ctx.t("Kỷ luật năm \(m.year)", "Disciplinary decisions in \(m.year)"),
                        ],
                        rows: m.rows.map { r in
                            [
                                .a(.href(ctx.link(StaffRecordPaths.person(r.id))), .text(r.name)),
                                .text(ctx.t(r.roleName.vi, r.roleName.en)),
                                .text(Format.number(r.courses, ctx.lang)),
                                .text(
                                    r.disciplinesThisYear == 0
                                        ? ctx.t("Không có", "None") : Format.number(r.disciplinesThisYear, ctx.lang)),
                            ]
                        })
            }
        )
    }

    static func choices(_ ctx: PageContext, _ m: StaffRecordListModel) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("Chọn đơn vị cần xem", "Choose a unit"))),
            .ul(
                .forEach(m.choices) { u in
                    .li(
                        u.id == m.unit?.id
                            ? .strong(.text(u.name))
                            : .a(.href(ctx.link(StaffRecordPaths.staff(unit: u.code))), .text(u.name)))
                }))
    }
}
