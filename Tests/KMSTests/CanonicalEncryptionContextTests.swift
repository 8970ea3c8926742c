import Testing

@testable import KMS

@Suite("Canonical encryption context")
struct CanonicalEncryptionContextTests {
    @Test func emptyMapIsNoBytes() {
        #expect(CanonicalEncryptionContext.encode([:]) == [])
    }

    @Test func encodesLengthPrefixedPairsSortedByKey() {
        let bytes = CanonicalEncryptionContext.encode(["b": "2", "a": "1"])
        #expect(bytes == [0, 0, 0, 1, 0x61, 0, 0, 0, 1, 0x31, 0, 0, 0, 1, 0x62, 0, 0, 0, 1, 0x32])
    }

    @Test func orderIndependent() {
        var forward: [String: String] = [:]
        var backward: [String: String] = [:]
        let pairs = (0..<50).map { ("key-\($0)", "value-\($0)") }
        for (key, value) in pairs { forward[key] = value }
        for (key, value) in pairs.reversed() { backward[key] = value }
        #expect(CanonicalEncryptionContext.encode(forward) == CanonicalEncryptionContext.encode(backward))
    }

    @Test func sortsByUTF8Bytes() {
        // "Z" (0x5A) < "a" (0x61) < "é" (0xC3 0xA9) in byte order.
        let bytes = CanonicalEncryptionContext.encode(["é": "", "a": "", "Z": ""])
        #expect(
            bytes == [0, 0, 0, 1, 0x5A, 0, 0, 0, 0, 0, 0, 0, 1, 0x61, 0, 0, 0, 0, 0, 0, 0, 2, 0xC3, 0xA9, 0, 0, 0, 0])
    }

    @Test(
        "ambiguous-looking contexts encode differently",
        arguments: [
            (["ab": "c"], ["a": "bc"]),
            (["a": "b=c"], ["a=b": "c"]),
            (["a": ""], ["": "a"]),
            (["a": "b", "c": "d"], ["a": "bcd"]),
            (["k": "v"], ["k": "v", "": ""]),
            (["aws:s3:arn": "arn:aws:s3:::b/k"], ["aws:s3:arn": "arn:aws:s3:::b/K"]),
        ])
    func ambiguityFree(lhs: [String: String], rhs: [String: String]) {
        #expect(CanonicalEncryptionContext.encode(lhs) != CanonicalEncryptionContext.encode(rhs))
    }
}
