import Foundation
import PhuongSoCore
import Plot

/// The dossier's (and a feedback item's) page section on what the person was told: each message
/// (what, by which channel, to whom) with its log — queued, each try that failed and why, when it is tried again,
/// sent — in the ward's words and dates, never the servers' raw answers.
enum NotificationViews {
    static func section(_ ctx: PageContext, log: NotificationLog, consent: NotificationChannel?, utcOffset: Int)
        -> Node<HTML.BodyContext>
    {
        .group(
            .h2(.text(ctx.t("Thông báo cho người nộp", "Notifications to the applicant"))),
            .p(
                .text(
                    consent.map {
                        ctx.t("Người nộp đồng ý nhận thông báo qua: ", "The applicant agreed to be notified by: ")
                            + ctx.t($0.vietnamese.lowercased(), $0.english.lowercased()) + "."
                    }
                        ?? ctx.t(
                            "Người nộp không đăng ký nhận thông báo: hệ thống không gửi thư hay tin nhắn nào.",
                            "The applicant did not ask to be notified: nothing is sent."))),
            messages(ctx, log, utcOffset: utcOffset))
    }

    /// A feedback item's page: where its answer is sent (the submitter's contact for the answer,
    /// or the dossier applicant's consented channel), or why it is not, and the messages.
    static func feedbackSection(
        _ ctx: PageContext, log: NotificationLog, contact: NotificationContact?, fromRating: Bool, utcOffset: Int
    ) -> Node<HTML.BodyContext> {
        let none =
            fromRating
            ? ctx.t(
                "Người nộp hồ sơ không đăng ký nhận thông báo: khi công khai trả lời, hệ thống không gửi thư hay tin nhắn nào.",
                "The dossier's applicant did not ask to be notified: nothing is sent when the answer is published.")
            : ctx.t(
                "Người phản ánh không để lại số điện thoại hay thư điện tử hợp lệ: hệ thống không gửi trả lời.",
                "The submitter left no valid phone or e-mail: the answer is not sent.")
        return .group(
            .h2(.text(ctx.t("Thông báo trả lời cho người phản ánh", "Answer sent to the submitter"))),
            .p(
                .text(
                    contact.map {
                        ctx.t("Khi công khai trả lời, hệ thống gửi ", "When the answer is published, it is sent by ")
                            + ctx.t($0.channel.vietnamese.lowercased(), $0.channel.english.lowercased())
                            + ctx.t(" tới ", " to ") + $0.address + "."
                    } ?? none)),
            messages(ctx, log, utcOffset: utcOffset))
    }

    /// Each message (what, by which channel, to whom) with its log.
    static func messages(_ ctx: PageContext, _ log: NotificationLog, utcOffset: Int) -> Node<HTML.BodyContext> {
        let when = { (s: Int64) in Format.dateTime(s, utcOffset: utcOffset, ctx.lang) }
        return .if(
            !log.entries.isEmpty,
            .ul(
                .class("notifications"),
                .forEach(log.entries) { e in
                    let m = e.message
                    return .li(
                        .strong(.text(ctx.t(m.kind.vietnamese, m.kind.english))),
                        .text(
                            " — " + ctx.t(m.channel.vietnamese, m.channel.english) + ctx.t(" tới ", " to ")
                                + m.recipient),
                        .br(), .text(status(ctx, m, when)),
                        .ul(
                            .li(.text(ctx.t("Xếp hàng gửi lúc ", "Queued at ") + when(m.queuedAt))),
                            .forEach(e.attempts) { a in
                                .li(.text(line(ctx, a, when)))
                            })
                    )
                }))
    }

    /// Where the message stands now.
    static func status(_ ctx: PageContext, _ m: NotificationRecord, _ when: (Int64) -> String) -> String {
        switch m.status {
        case .sent: return ctx.t("Đã gửi lúc ", "Sent at ") + when(m.sentAt ?? m.queuedAt) + "."
        case .failed:
            return ctx.t("Ngừng gửi sau \(m.attempts) lần thử: ", "Given up after \(m.attempts) tries: ")
                + m.lastReason + "."
        case .queued where m.attempts == 0:
            return ctx.t("Đang chờ gửi.", "Waiting to be sent.")
        case .queued:
            return ctx.t("Chờ gửi lại", "To be tried again")
                + (m.nextTryAt.map { ctx.t(" lúc ", " at ") + when($0) } ?? "") + "."
        }
    }

    /// One try, as the log line reads.
    static func line(_ ctx: PageContext, _ a: DeliveryAttemptRecord, _ when: (Int64) -> String) -> String {
        if a.sent { return ctx.t("Gửi thành công lúc ", "Delivered at ") + when(a.atSeconds) }
        let next =
            a.nextTryAt.map { ctx.t("; thử lại lúc ", "; next try at ") + when($0) }
            ?? ctx.t("; ngừng gửi", "; given up")
        return ctx.t("Gửi không thành công lúc ", "Failed at ") + when(a.atSeconds) + ": " + a.reason + next
    }
}
