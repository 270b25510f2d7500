import Foundation
import NIOConcurrencyHelpers
import PhuongSoCore
import Vapor

/// A message on its way out, as a sender needs it.
package struct OutgoingMessage: Sendable, Hashable, Codable {
    package var id: UUID
    package var channel: NotificationChannel
    package var recipient: String
    package var subject: String
    package var body: String
    /// The ward's clock at the try (dates the e-mail).
    package var at: Date
}

/// Delivers one message or throws why not (a `DeliveryFailure`).
package protocol MessageSender: Sendable {
    func send(_ message: OutgoingMessage) async throws
}

/// The sender of each channel; a channel without one keeps its messages queued.
package struct MessageSenders: Sendable {
    package var email: (any MessageSender)?
    package var sms: (any MessageSender)?
    package init(email: (any MessageSender)? = nil, sms: (any MessageSender)? = nil) {
        self.email = email
        self.sms = sms
    }
    package func sender(for channel: NotificationChannel) -> (any MessageSender)? {
        channel == .email ? email : sms
    }
    package var channels: [NotificationChannel] { NotificationChannel.allCases.filter { sender(for: $0) != nil } }

    /// The senders the settings describe.
    package static func from(_ s: NotificationSettings, app: Application) -> MessageSenders {
        let folder = app.config.dataDirectory + "/notifications"
        var senders = MessageSenders()
        if let smtp = s.smtp {
            senders.email = SMTPSender(settings: smtp, group: app.eventLoopGroup, utcOffset: app.config.utcOffset)
        } else if s.recordMail {
            senders.email = RecordingSender(file: folder + "/email.jsonl")
        }
        if let gateway = s.sms {
            senders.sms = SMSGatewaySender(settings: gateway, client: app.client)
        } else if s.recordSMS {
            senders.sms = RecordingSender(file: folder + "/sms.jsonl")
        }
        return senders
    }
}

/// The test mode: keeps each message (in memory, and as a JSON line in `file` when given)
/// instead of sending it.
package final class RecordingSender: MessageSender {
    let file: String?
    private let kept = NIOLockedValueBox<[OutgoingMessage]>([])

    package init(file: String? = nil) { self.file = file }

    package var messages: [OutgoingMessage] { kept.withLockedValue { $0 } }

    package func send(_ message: OutgoingMessage) async throws {
        kept.withLockedValue { $0.append(message) }
        guard let file else { return }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        let line = try e.encode(message) + Data("\n".utf8)
        try kept.withLockedValue { _ in
            let url = URL(fileURLWithPath: file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: file) {
                FileManager.default.createFile(atPath: file, contents: nil)
            }
            let h = try FileHandle(forWritingTo: url)
            try h.seekToEnd()
            try h.write(contentsOf: line)
            try h.close()
        }
    }
}

extension Application {
    private struct SendersKey: StorageKey { typealias Value = MessageSenders }
    /// The senders configured at boot (`configure`); tests may replace them.
    package var messageSenders: MessageSenders {
        get { storage[SendersKey.self] ?? MessageSenders() }
        set { storage[SendersKey.self] = newValue }
    }
}
