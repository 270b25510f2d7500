import PhuongSoCore
import Plot

/// The intake forms' question "how may we notify you?": no notification unless the citizen
/// chooses e-mail or SMS (their consent), the address for it taken from the fields above.
enum ConsentField {
    static let name = "notifyBy"

    /// The choice as the form sent it: nil for "no notification" or anything unknown.
    static func channel(_ value: String?) -> NotificationChannel? { NotificationChannel(rawValue: value ?? "") }

    static func field(_ ctx: PageContext, selected: String?) -> Node<HTML.BodyContext> {
        let options: [(value: String, label: String)] = [
            ("", ctx.t("Không nhận thông báo", "No notifications")),
            ("email", ctx.t("Qua thư điện tử (địa chỉ ở trên)", "By e-mail (the address above)")),
            ("sms", ctx.t("Qua tin nhắn SMS (số điện thoại ở trên)", "By text message (the phone number above)")),
        ]
        let chosen = channel(selected)?.rawValue ?? ""
        return .element(
            named: "fieldset",
            nodes: [
                .element(
                    named: "legend",
                    nodes: [
                        .text(
                            ctx.t(
                                "Nhận thông báo về hồ sơ (tiếp nhận, cần bổ sung, có kết quả, phí, hẹn lại)",
                                "Notifications about the dossier (received, documents needed, result, fee, new date)"))
                    ]),
                .p(
                    .class("hint"),
                    .text(
                        ctx.t(
                            "Chỉ gửi khi người nộp đồng ý; có thể để trống.",
                            "Sent only if the applicant agrees; may be left as is."))),
                .forEach(options) { o in
                    let id = "f-notify-" + (o.value.isEmpty ? "none" : o.value)
                    return .div(
                        .selfClosedElement(
                            named: "input",
                            attributes: [
                                .init(name: "type", value: "radio"), .init(name: "id", value: id),
                                .init(name: "name", value: name),
                                // An empty value must still be written, or the browser sends "on".
                                .init(name: "value", value: o.value, ignoreIfValueIsEmpty: false),
                                .init(name: "checked", value: o.value == chosen ? "checked" : ""),
                            ]),
                        .text(" "), .label(.for(id), .class("inline"), .text(o.label)))
                },
            ])
    }
}
