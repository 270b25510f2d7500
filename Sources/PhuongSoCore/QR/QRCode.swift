/// A QR Code (ISO/IEC 18004) encoder for short text such as a tracking link: byte mode, error
/// correction level M, versions 1–10 (up to 213 bytes), mask chosen by the standard's penalty
/// rules. Written after Project Nayuki's reference implementation; tested by decoding the output
/// with a real reader (zbar).
public struct QRCode: Sendable {
    public let version: Int
    public let size: Int
    public let mask: Int
    /// modules[y][x]: true is dark.
    public let modules: [[Bool]]

    public enum EncodeError: Error, Equatable { case tooLong(Int) }

    // Level M, versions 1...10: error-correction codewords per block, number of blocks.
    static let eccPerBlock = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
    static let blocks = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5]

    static func rawCodewords(_ ver: Int) -> Int {
        var result = (16 * ver + 128) * ver + 64
        if ver >= 2 {
            let numAlign = ver / 7 + 2
            result -= (25 * numAlign - 10) * numAlign - 55
            if ver >= 7 { result -= 36 }
        }
        return result / 8
    }

    static func dataCodewords(_ ver: Int) -> Int { rawCodewords(ver) - eccPerBlock[ver - 1] * blocks[ver - 1] }

    public init(text: String) throws(EncodeError) {
        let bytes = Array(text.utf8)
        guard
            let ver = (1...10).first(where: { v in
                4 + (v < 10 ? 8 : 16) + bytes.count * 8 <= Self.dataCodewords(v) * 8
            })
        else {
            throw .tooLong(bytes.count)
        }
        // Data bits: mode 0100, count, bytes, terminator, padding.
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, ver < 10 ? 8 : 16)
        for b in bytes { append(Int(b), 8) }
        let capacity = Self.dataCodewords(ver) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity {
            append(pad, 8)
            pad ^= 0xEC ^ 0x11
        }
        var data = [UInt8](repeating: 0, count: bits.count / 8)
        for (i, bit) in bits.enumerated() where bit { data[i >> 3] |= UInt8(1 << (7 - (i & 7))) }

        let codewords = Self.interleave(data, version: ver)
        var grid = Grid(version: ver)
        grid.drawFunctionPatterns()
        grid.drawCodewords(codewords)
        var best = 0
        var bestPenalty = Int.max
        for m in 0..<8 {
            var candidate = grid
            candidate.applyMask(m)
            candidate.drawFormatBits(mask: m)
            let p = candidate.penalty()
            if p < bestPenalty {
                best = m
                bestPenalty = p
            }
        }
        grid.applyMask(best)
        grid.drawFormatBits(mask: best)
        version = ver
        size = grid.size
        mask = best
        modules = grid.modules
    }

    /// Splits data into blocks, adds Reed–Solomon codewords to each, interleaves them.
    static func interleave(_ data: [UInt8], version ver: Int) -> [UInt8] {
        let numBlocks = blocks[ver - 1]
        let eccLen = eccPerBlock[ver - 1]
        let raw = rawCodewords(ver)
        let numShort = numBlocks - raw % numBlocks
        let shortLen = raw / numBlocks
        let generator = ReedSolomon.generator(degree: eccLen)
        var blockList: [[UInt8]] = []
        var k = 0
        for i in 0..<numBlocks {
            let dataLen = shortLen - eccLen + (i < numShort ? 0 : 1)
            var block = Array(data[k..<(k + dataLen)])
            k += dataLen
            let ecc = ReedSolomon.remainder(block, generator: generator)
            if i < numShort { block.append(0) }  // placeholder, skipped below
            blockList.append(block + ecc)
        }
        var result: [UInt8] = []
        for i in 0..<blockList[0].count {
            for (j, block) in blockList.enumerated() where i != shortLen - eccLen || j >= numShort {
                result.append(block[i])
            }
        }
        return result
    }

    /// An SVG drawing with a 4-module quiet zone, for printing at any size.
    public func svg(moduleSize: Int = 4) -> String {
        let border = 4
        let total = size + 2 * border
        var path = ""
        for y in 0..<size { for x in 0..<size where modules[y][x] { path += "M\(x + border),\(y + border)h1v1h-1z" } }
        return
            """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(total) \(total)" width="\(total * moduleSize)" \
            height="\(total * moduleSize)" shape-rendering="crispEdges">
            """
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}

enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> i) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], generator: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: generator.count)
        for b in data {
            let factor = b ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(generator[i], factor) }
        }
        return result
    }
}

struct Grid {
    let version: Int
    let size: Int
    var modules: [[Bool]]
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
    }

    mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y][x] = dark
        isFunction[y][x] = true
    }

    mutating func drawFunctionPatterns() {
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let xx = x + dx
                    let yy = y + dy
                    guard (0..<size).contains(xx), (0..<size).contains(yy) else { continue }
                    let dist = max(abs(dx), abs(dy))
                    set(xx, yy, dist != 2 && dist != 4)
                }
            }
        }
        let positions = alignmentPositions()
        let last = positions.count - 1
        for i in positions.indices {
            for j in positions.indices {
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 { set(positions[i] + dx, positions[j] + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        drawFormatBits(mask: 0)  // reserves the area; redrawn after masking
        if version >= 7 {
            var rem = version
            for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
            let bits = version << 12 | rem
            for i in 0..<18 {
                let bit = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3
                let b = i / 3
                set(a, b, bit)
                set(b, a, bit)
            }
        }
    }

    func alignmentPositions() -> [Int] {
        guard version > 1 else { return [] }
        let numAlign = version / 7 + 2
        let step = (version * 4 + numAlign * 2 + 1) / (numAlign * 2 - 2) * 2
        var result = [6]
        var pos = size - 7
        var tail: [Int] = []
        for _ in 1..<numAlign {
            tail.insert(pos, at: 0)
            pos -= step
        }
        result += tail
        return result
    }

    mutating func drawFormatBits(mask: Int) {
        let data = 0 << 3 | mask  // level M's format bits are 00
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        let bits = (data << 10 | rem) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)
    }

    mutating func drawCodewords(_ data: [UInt8]) {
        var i = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vert in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vert : vert
                    if !isFunction[y][x] && i < data.count * 8 {
                        modules[y][x] = (data[i >> 3] >> (7 - (i & 7))) & 1 == 1
                        i += 1
                    }
                }
            }
            right -= 2
        }
    }

    mutating func applyMask(_ m: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y][x] {
                let invert: Bool
                switch m {
                case 0: invert = (x + y) % 2 == 0
                case 1: invert = y % 2 == 0
                case 2: invert = x % 3 == 0
                case 3: invert = (x + y) % 3 == 0
                case 4: invert = (x / 3 + y / 2) % 2 == 0
                case 5: invert = x * y % 2 + x * y % 3 == 0
                case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
                default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if invert { modules[y][x].toggle() }
            }
        }
    }

    /// The standard's four penalty rules: long runs, 2×2 blocks, finder-like patterns, imbalance.
    func penalty() -> Int {
        var result = 0
        func lines(_ transposed: Bool) -> [[Bool]] {
            transposed ? (0..<size).map { x in (0..<size).map { y in modules[y][x] } } : modules
        }
        for t in [false, true] {
            for line in lines(t) {
                var run = 1
                for i in 1..<size {
                    if line[i] == line[i - 1] {
                        run += 1
                    } else {
                        if run >= 5 { result += run - 2 }
                        run = 1
                    }
                }
                if run >= 5 { result += run - 2 }
                let padded = Array(repeating: false, count: 4) + line + Array(repeating: false, count: 4)
                let pattern: [Bool] = [true, false, true, true, true, false, true]
                for i in 0...(padded.count - 7) where Array(padded[i..<(i + 7)]) == pattern {
                    let before = padded[max(0, i - 4)..<i].allSatisfy { !$0 } && i >= 4
                    let after = i + 11 <= padded.count && padded[(i + 7)..<(i + 11)].allSatisfy { !$0 }
                    if before || after { result += 40 }
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = modules[y][x]
                if c == modules[y][x + 1] && c == modules[y + 1][x] && c == modules[y + 1][x + 1] { result += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        result += max(0, k) * 10
        return result
    }
}
