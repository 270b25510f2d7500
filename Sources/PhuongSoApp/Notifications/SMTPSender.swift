import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PhuongSoCore

/// Sends an e-mail over plain SMTP (RFC 5321) on SwiftNIO: EHLO, AUTH PLAIN when a user is
/// configured, MAIL FROM, RCPT TO, DATA, QUIT. Any error reply, a server that cannot be reached
/// or stops answering becomes a `DeliveryFailure` with the reply's code.
struct SMTPSender: MessageSender {
    var settings: NotificationSettings.SMTP
    var group: any EventLoopGroup
    var utcOffset: Int
    var timeout: TimeAmount = .seconds(30)

    func send(_ message: OutgoingMessage) async throws {
        let mail = MailMessage(
            fromAddress: settings.fromAddress, fromName: settings.fromName, to: message.recipient,
            subject: message.subject, body: message.body,
            date: Instant(seconds: Int64(message.at.timeIntervalSince1970)), utcOffset: utcOffset,
            messageID: message.id.uuidString.lowercased())
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(10))
                .connect(host: settings.host, port: settings.port) { ch in
                    ch.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch)
                    }
                }
        } catch {
            throw DeliveryFailure.unreachable
        }
        // A server that stops answering is cut off; the reader then sees the end of the stream.
        let timedOut = NIOLockedValueBox(false)
        let watchdog = channel.channel.eventLoop.scheduleTask(in: timeout) {
            timedOut.withLockedValue { $0 = true }
            channel.channel.close(promise: nil)
        }
        defer { watchdog.cancel() }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var conversation = Conversation(replies: inbound.makeAsyncIterator(), outbound: outbound)
                try await conversation.expect(220, after: "CONNECT")
                if try await conversation.command("EHLO \(Self.heloName(settings.fromAddress))").code != 250 {
                    try await conversation.ask("HELO \(Self.heloName(settings.fromAddress))", 250, "HELO")
                }
                if let user = settings.username {
                    let token = Data(([0] + Array(user.utf8) + [0] + Array((settings.password ?? "").utf8)))
                        .base64EncodedString()
                    try await conversation.ask("AUTH PLAIN \(token)", 235, "AUTH")
                }
                try await conversation.ask("MAIL FROM:<\(settings.fromAddress)>", 250, "MAIL")
                try await conversation.ask("RCPT TO:<\(mail.to)>", 250, "RCPT", alsoOK: [251])
                try await conversation.ask("DATA", 354, "DATA")
                try await conversation.write(Self.dotStuffed(mail.rendered) + ".\r\n")
                try await conversation.expect(250, after: "END")
                // The message is accepted; how the server answers QUIT no longer matters.
                _ = try await conversation.command("QUIT")
            }
        } catch let f as DeliveryFailure {
            throw timedOut.withLockedValue { $0 } && f == .connectionLost ? DeliveryFailure.timedOut : f
        } catch {
            throw timedOut.withLockedValue { $0 } ? DeliveryFailure.timedOut : DeliveryFailure.connectionLost
        }
    }

    /// The name given in EHLO: the sender's domain.
    static func heloName(_ from: String) -> String { from.split(separator: "@").last.map(String.init) ?? "localhost" }

    /// A line starting with "." gets another, so the server never reads it as the end (RFC 5321 §4.5.2).
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : $0 }
            .joined(separator: "\r\n")
    }

    /// One SMTP exchange: commands out, replies (possibly several lines: "250-…", "250 …") in.
    struct Conversation {
        var replies: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending: [UInt8] = []

        mutating func write(_ text: String) async throws {
            try await outbound.write(ByteBuffer(string: text))
        }

        mutating func command(_ line: String) async throws -> (code: Int, text: String) {
            try await write(line + "\r\n")
            return try await reply()
        }

        mutating func ask(_ line: String, _ code: Int, _ name: String, alsoOK: [Int] = []) async throws {
            let r = try await command(line)
            guard r.code == code || alsoOK.contains(r.code) else {
                throw DeliveryFailure.mailRefused(code: r.code, command: name)
            }
        }

        mutating func expect(_ code: Int, after name: String) async throws {
            let r = try await reply()
            guard r.code == code else { throw DeliveryFailure.mailRefused(code: r.code, command: name) }
        }

        /// The next complete reply: lines up to one whose fourth character is not "-".
        mutating func reply() async throws -> (code: Int, text: String) {
            var text: [String] = []
            while true {
                let line = try await nextLine()
                text.append(String(line.dropFirst(4)))
                let bytes = Array(line.utf8)
                guard bytes.count >= 3, let code = Int(String(line.prefix(3))) else {
                    throw DeliveryFailure.connectionLost
                }
                if bytes.count < 4 || bytes[3] != UInt8(ascii: "-") { return (code, text.joined(separator: " ")) }
            }
        }

        mutating func nextLine() async throws -> String {
            while true {
                if let nl = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(pending[..<nl])
                    pending.removeSubrange(...nl)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                guard var buffer = try await replies.next() else { throw DeliveryFailure.connectionLost }
                pending += buffer.readBytes(length: buffer.readableBytes) ?? []
                if pending.count > 64 * 1024 { throw DeliveryFailure.connectionLost }
            }
        }
    }
}
