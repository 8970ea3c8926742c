#if canImport(Glibc)
    import Glibc
#endif

/// glibc malloc tuning for the AES-GCM and body buffers of about 1 MiB on the hot paths.
enum Malloc {
    /// Raises the mmap threshold to 4 MiB and the trim threshold to 64 MiB (platform notes, item 4), as
    /// `GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4194304:glibc.malloc.trim_threshold=67108864` would: buffers of
    /// about 1 MiB are then reused from the heap instead of being mapped and unmapped on every allocation.
    static func raiseThresholds() {
        #if canImport(Glibc)
            // `mallopt` is declared in <malloc.h>, which the Glibc module does not export: look it up by name.
            typealias MalloptFunction = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: MalloptFunction.self)
            let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            _ = mallopt(mmapThreshold, 4 * 1024 * 1024)
            _ = mallopt(trimThreshold, 64 * 1024 * 1024)
        #endif
    }
}
