// libFuzzer entry point over the self-contained parsers: KMS's JSONReader, the S3 XML prolog check and the
// Range header. Built by scripts/libfuzz.sh with `swiftc -sanitize=fuzzer` from the sources themselves.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? JSONReader.parse(bytes)
    _ = XMLProlog.isPlain(bytes)
    if let header = String(validating: bytes, as: UTF8.self) {
        _ = try? ByteRangeRequest(header: header)?.resolve(size: Int64(size) * 1_000_003)
    }
    return 0
}
