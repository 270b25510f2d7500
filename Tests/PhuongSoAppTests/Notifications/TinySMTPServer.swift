import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A small SMTP server for the tests: it answers every command, refuses recipients with
/// `rcptReply` when told to, and keeps each message's DATA as received.
final class TinySMTPServer: Sendable {
    private let store: NIOLockedValueBox<[String]>
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }
    /// Each message's text as the server received it after DATA.
    var received: [String] { store.withLockedValue { $0 } }

    private init(channel: any Channel, store: NIOLockedValueBox<[String]>) {
        self.channel = channel
        self.store = store
    }

    static func start(rcptReply: String = "250 OK") async throws -> TinySMTPServer {
        let store = NIOLockedValueBox<[String]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Session(rcptReply: rcptReply, store: store))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TinySMTPServer(channel: channel, store: store)
    }

    func stop() async throws { try await channel.close() }

    final class Session: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let rcptReply: String
        let store: NIOLockedValueBox<[String]>
        var pending = ""
        var inData = false
        var data = ""

        init(rcptReply: String, store: NIOLockedValueBox<[String]>) {
            self.rcptReply = rcptReply
            self.store = store
        }

        func say(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }

        func channelActive(context: ChannelHandlerContext) { say(context, "220 tiny ESMTP") }

        func channelRead(context: ChannelHandlerContext, data incoming: NIOAny) {
            var buffer = unwrapInboundIn(incoming)
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
            while let r = pending.range(of: "\r\n") {
                let line = String(pending[..<r.lowerBound])
                pending.removeSubrange(..<r.upperBound)
                if inData {
                    if line == "." {
                        inData = false
                        let message = data
                        store.withLockedValue { $0.append(message) }
                        say(context, "250 2.0.0 queued")
                    } else {
                        data += (line.hasPrefix("..") ? String(line.dropFirst()) : line) + "\r\n"
                    }
                    continue
                }
                switch line.uppercased().prefix(4) {
                case "EHLO": say(context, "250-tiny\r\n250 AUTH PLAIN")
                case "RCPT": say(context, rcptReply)
                case "DATA":
                    inData = true
                    data = ""
                    say(context, "354 go ahead")
                case "QUIT":
                    say(context, "221 bye")
                    context.close(promise: nil)
                default: say(context, "250 OK")
                }
            }
        }
    }
}

/// What a mail reader makes of a received message: the decoded subject and body.
struct ReceivedMail {
    var headers: [String: String] = [:]
    var subject: String
    var body: String

    init(_ raw: String) {
        let parts = raw.components(separatedBy: "\r\n\r\n")
        let head = parts[0].replacingOccurrences(of: "\r\n ", with: " ")
        for line in head.components(separatedBy: "\r\n") {
            if let colon = line.firstIndex(of: ":") {
                headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        subject = ReceivedMail.decodeWords(headers["Subject"] ?? "")
        let b64 = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
        body = String(decoding: Data(base64Encoded: b64) ?? Data(), as: UTF8.self)
    }

    /// RFC 2047 "B" words in UTF-8; the space between two words is dropped, as readers do.
    static func decodeWords(_ value: String) -> String {
        value.split(separator: " ").map { w -> String in
            guard w.hasPrefix("=?UTF-8?B?"), w.hasSuffix("?="),
                let d = Data(base64Encoded: String(w.dropFirst(10).dropLast(2)))
            else { return " " + w }
            return String(decoding: d, as: UTF8.self)
        }.joined().trimmingCharacters(in: .whitespaces)
    }
}
