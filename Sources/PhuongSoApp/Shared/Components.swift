import Plot

/// Form pieces Plot 0.14 lacks or makes verbose: labelled inputs with their error beside them.
package enum Components {
    /// A form; Plot's typed form context cannot hold these body-level components, so the
    /// element is built by name.
    package static func form(
        action: String, method: String = "post", cls: String? = nil, _ nodes: Node<HTML.BodyContext>...
    ) -> Node<HTML.BodyContext> {
        .element(
            named: "form",
            nodes: [
                .attribute(named: "action", value: action.linkEscaped), .attribute(named: "method", value: method),
                .attribute(named: "class", value: cls),
            ] + nodes)
    }

    package static func csrf(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .input(.type(.hidden), .name(CSRF.fieldName), .value(ctx.csrfToken))
    }

    package static func textField(
        _ ctx: PageContext, name: String, label: String, value: String = "", type: HTMLInputType = .text,
        required: Bool = false, error: String? = nil, hint: String? = nil, id fieldID: String? = nil
    ) -> Node<HTML.BodyContext> {
        let id = fieldID ?? "f-" + name
        var described: [String] = []
        if hint != nil { described.append(id + "-hint") }
        if error != nil { described.append(id + "-error") }
        return .div(
            .class(error == nil ? "field" : "field field-error"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .id(id + "-hint"), .text($0)) },
            .unwrap(error) { .p(.class("error"), .id(id + "-error"), .text($0)) },
            .input(
                .id(id), .name(name), .type(type), .value(value.attributeEscaped), .required(required),
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                .attribute(named: "aria-describedby", value: described.isEmpty ? nil : described.joined(separator: " "))
            )
        )
    }

    package static func select(
        _ ctx: PageContext, name: String, label: String, options: [(value: String, label: String)],
        selected: String?, error: String? = nil, id fieldID: String? = nil
    ) -> Node<HTML.BodyContext> {
        let id = fieldID ?? "f-" + name
        let optionNodes: [Node<HTML.BodyContext>] = options.map { option in
            .element(
                named: "option",
                nodes: [
                    // An empty value must still be written, or the browser sends the option's text.
                    .attribute(named: "value", value: option.value.attributeEscaped, ignoreIfValueIsEmpty: false),
                    .attribute(named: "selected", value: option.value == selected ? "selected" : nil),
                    .text(option.label),
                ])
        }
        return .div(
            .class(error == nil ? "field" : "field field-error"),
            .label(.for(id), .text(label)),
            .unwrap(error) { .p(.class("error"), .id(id + "-error"), .text($0)) },
            .element(
                named: "select",
                nodes: [
                    .attribute(named: "id", value: id), .attribute(named: "name", value: name),
                    .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                    .attribute(named: "aria-describedby", value: error == nil ? nil : id + "-error"),
                ] + optionNodes)
        )
    }

    /// A group of checkboxes in a fieldset with a legend.
    package static func checkboxes(
        _ ctx: PageContext, name: String, legend: String, options: [(value: String, label: String)],
        checked: Set<String>, error: String? = nil
    ) -> Node<HTML.BodyContext> {
        .element(
            named: "fieldset",
            nodes: [
                .element(named: "legend", nodes: [Node<HTML.BodyContext>.text(legend)]),
                .unwrap(error) { .p(.class("error"), .text($0)) },
                options.isEmpty
                    ? .p(.class("hint"), .text(ctx.t("(đơn vị chưa có lĩnh vực)", "(the unit has no fields)")))
                    : .empty,
                .forEach(options) { option in
                    // ids carry the group's name too: two groups may share option values
                    let id =
                        "cb-" + String(name.filter { $0.isLetter || $0.isNumber }) + "-"
                        + String(option.value.filter { $0.isLetter || $0.isNumber || $0 == "." })
                    return .div(
                        .input(
                            .type(.checkbox), .id(id), .name(name), .value(option.value.attributeEscaped),
                            .checked(checked.contains(option.value))),
                        .text(" "), .label(.for(id), .class("inline"), .text(option.label)))
                },
            ])
    }

    package static func submit(_ label: String, secondary: Bool = false) -> Node<HTML.BodyContext> {
        .button(.type(.submit), .class(secondary ? "secondary" : ""), .text(label))
    }

    package static func notice(_ text: String?) -> Node<HTML.BodyContext> {
        guard let text else { return .empty }
        return .p(.class("notice"), .attribute(named: "role", value: "status"), .text(text))
    }

    package static func alert(_ text: String?) -> Node<HTML.BodyContext> {
        guard let text else { return .empty }
        return .p(.class("alert"), .attribute(named: "role", value: "alert"), .text(text))
    }

    /// A table with a header row; cells are nodes so they can hold links and forms.
    package static func table(caption: String, headers: [String], rows: [[Node<HTML.BodyContext>]]) -> Node<
        HTML.BodyContext
    > {
        .div(
            .class("scroll"),
            .table(
                .caption(.text(caption)),
                .thead(.tr(.forEach(headers) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(.forEach(rows) { row in .tr(.forEach(row) { .td($0) }) })
            ))
    }
}
