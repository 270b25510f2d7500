import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How much free memory glibc's `malloc` keeps at the top of a heap before giving it back to the
/// kernel. Its default (128 KB, `M_TRIM_THRESHOLD`) is crossed on every request under load: a
/// catalogue search on SQLite frees the pages of its sorter and its statements' memory, `malloc`
/// returns them with `madvise`, which interrupts the other core to flush its address cache, and
/// the next request faults the same pages in again. That was 8% of the search page's server time
/// (`perf`, docs/PERFORMANCE.md, issue 18). Kept up to 16 MB per heap, the server's resident memory
/// stays about what it was after load (65–71 MB). Set once when the server starts (the threshold
/// is one for all of the process's heaps); an operator's own malloc tunables
/// (`GLIBC_TUNABLES=glibc.malloc.trim_threshold=N:glibc.malloc.mmap_threshold=M`) are left as they are.
///
/// Setting a threshold stops glibc from raising its mmap threshold as large blocks are freed, so
/// that one is set too: blocks under 8 MB come from the heaps (glibc's default is 128 KB, raised up
/// to 32 MB as blocks that size are freed, the trim threshold following at twice it); larger ones
/// are still mapped and unmapped on their own.
package enum MallocTrim {
    package static let keptBytes: Int32 = 16 << 20
    package static let mappedFromBytes: Int32 = 8 << 20

    /// Sets both thresholds (`mallopt`, found at run time: Swift's `Glibc` does not import
    /// `<malloc.h>`); false where there is no glibc or it refused.
    @discardableResult
    package static func apply(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        #if canImport(Glibc)
            if environment["GLIBC_TUNABLES"]?.contains("glibc.malloc.") == true { return true }
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return false }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD in <malloc.h>
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            return mallopt(trimThreshold, keptBytes) == 1 && mallopt(mmapThreshold, mappedFromBytes) == 1
        #else
            return false
        #endif
    }
}
