import CMalloc

/// glibc's malloc, set for a daemon with few threads whose planning allocates in bursts (issue 15).
///
/// By default glibc gives each thread that meets contention an arena of its own (up to 8 per core) and
/// keeps freed memory for reuse: after a week's rendering on every core the process stayed 30–40 MiB above
/// what it used. A single arena was too few: the rendering lanes, the store's writer and the reader then
/// queue on its lock (the full network's week planned with the server down: 33.9 s with one arena, 26.8 s
/// with four, peak 74 → 82 MiB). The process sets it itself, unless the environment chose otherwise.
public enum MemoryAllocator {
    /// An arena per core and two more (the store's writer and reader), and freed memory above 64 KiB at the
    /// top of a heap returned at once.
    public static func configure(environment: [String: String], processors: Int) {
        if environment["GLIBC_TUNABLES"]?.contains("glibc.malloc.") == true { return }
        _ = mallopt(M_ARENA_MAX, Int32(clamping: max(1, processors) + 2))
        _ = mallopt(M_TRIM_THRESHOLD, 64 * 1024)
    }

    /// Returns the free memory of the heap to the system: after a group of AMAPs is planned, what it
    /// read and rendered is no longer needed, and the next group should not find the process larger.
    public static func giveBack() {
        _ = malloc_trim(0)
    }
}
