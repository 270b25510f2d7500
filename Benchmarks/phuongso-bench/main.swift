// Benchmark of the working-day clock: one million deadlines from random starts and lengths across
// 2025–2030, on the default calendar. Run in release mode:
//   swift run -c release phuongso-bench
// Prints deadlines per second and the process's peak resident memory.
import Foundation
import PhuongSoCore

func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? .nan
        return kb / 1024
    }
    return .nan
}

/// A small, fast, seeded generator (SplitMix64) so every run computes the same deadlines.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let buildStart = Date()
let calendar = try WorkingCalendar(years: 2025...2031)
let buildSeconds = Date().timeIntervalSince(buildStart)

var rng = SplitMix64(state: 2026)
let origin = try LocalDateTime(parsing: "2025-01-01T00:00").instant.seconds
let span: Int64 = 6 * 365 * 86400
var starts = [Instant]()
var lengths = [Int64]()
starts.reserveCapacity(count)
lengths.reserveCapacity(count)
for _ in 0..<count {
    starts.append(Instant(seconds: origin + Int64.random(in: 0..<span, using: &rng)))
    // from half an hour to 60 working days, in half-hour steps
    lengths.append(Int64.random(in: 1...960, using: &rng) * 1800)
}

var checksum: Int64 = 0
let start = Date()
for i in 0..<count {
    checksum &+= try calendar.adding(workingSeconds: lengths[i], to: starts[i]).seconds
}
let seconds = Date().timeIntervalSince(start)

print("calendar built (2025–2031): \(String(format: "%.1f", buildSeconds * 1000)) ms")
print(
    "deadlines: \(count) in \(String(format: "%.3f", seconds)) s = \(String(format: "%.0f", Double(count) / seconds)) per second"
)
print("peak resident memory: \(String(format: "%.1f", peakResidentMegabytes())) MB (checksum \(checksum))")
