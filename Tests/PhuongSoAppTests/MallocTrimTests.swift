import Testing

@testable import PhuongSoApp

/// The server keeps freed memory up to `MallocTrim.keptBytes` per heap instead of giving it back
/// to the kernel on every request (docs/PERFORMANCE.md).
@Suite struct MallocTrimTests {
    @Test func glibcTakesTheThreshold() {
        #if canImport(Glibc)
            // glibc takes both values (it refuses an mmap threshold over 32 MB)
            #expect(MallocTrim.apply(environment: [:]))
            // an operator's tunable is theirs: nothing is called
            #expect(MallocTrim.apply(environment: ["GLIBC_TUNABLES": "glibc.malloc.trim_threshold=1048576"]))
        #else
            #expect(!MallocTrim.apply(environment: [:]))
        #endif
    }
}
