import Foundation
import Testing

@testable import PhuongSoCore

/// A minimal PNG writer (8-bit greyscale, stored deflate blocks) so a real reader can decode what
/// the encoder draws.
enum PNG {
    static func grey(_ code: QRCode, scale: Int = 4) -> [UInt8] {
        let border = 4
        let side = (code.size + 2 * border) * scale
        var raw: [UInt8] = []
        for py in 0..<side {
            raw.append(0)
            for px in 0..<side {
                let x = px / scale - border
                let y = py / scale - border
                let dark = x >= 0 && y >= 0 && x < code.size && y < code.size && code.modules[y][x]
                raw.append(dark ? 0 : 255)
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: [UInt8]) {
            png += be32(UInt32(data.count))
            let body = Array(type.utf8) + data
            png += body + be32(crc32(body))
        }
        chunk("IHDR", be32(UInt32(side)) + be32(UInt32(side)) + [8, 0, 0, 0, 0])
        var z: [UInt8] = [0x78, 0x01]
        var offset = 0
        while offset < raw.count {
            let n = min(65535, raw.count - offset)
            z.append(offset + n == raw.count ? 1 : 0)
            z += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            z += raw[offset..<(offset + n)]
            offset += n
        }
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        z += be32(b << 16 | a)
        chunk("IDAT", z)
        chunk("IEND", [])
        return png
    }

    static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }
}

@Suite struct QRCodeTests {
    /// Decodes with zbar's command-line reader (Debian's zbar-tools, installed by ./scripts/check).
    func decode(_ code: QRCode) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(PNG.grey(code)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        p.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        var text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    @Test(arguments: [
        "A", "https://phuongso.example/track?code=000.00.31.H42-260302-0001&secret=ABCD2345",
        "Phường Thành Sen — tra cứu hồ sơ", String(repeating: "0123456789", count: 21),
    ])
    func aRealReaderDecodesWhatIsEncoded(text: String) throws {
        #expect(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg"),
            "zbar-tools is needed: ./scripts/check installs it")
        let code = try QRCode(text: text)
        #expect(try decode(code) == text)
    }

    @Test func everyVersionFromOneToTenDecodes() throws {
        for version in 1...10 {
            let length = QRCode.dataCodewords(version) - 3
            let text = String((0..<length).map { Character(UnicodeScalar(UInt8(65 + $0 % 26))) })
            let code = try QRCode(text: text)
            #expect(code.version == version && code.size == 17 + 4 * version)
            #expect(try decode(code) == text, "version \(version)")
        }
        #expect(throws: QRCode.EncodeError.tooLong(300)) { try QRCode(text: String(repeating: "x", count: 300)) }
    }

    @Test func reedSolomonMatchesAKnownVector() {
        // Version 1-M "01234567" example of ISO/IEC 18004 Annex I: data codewords and their 10 EC codewords.
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ]
        let ecc = ReedSolomon.remainder(data, generator: ReedSolomon.generator(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }
}
