import Dispatch
import Foundation
import Synchronization
import Testing

@testable import KMS

/// The per-thread pool behind `SecureRandom`: fresh bytes on every draw, across refills and threads.
@Suite("Secure random")
struct SecureRandomTests {
    @Test("draws never repeat, across many refills of the 4 KiB pool")
    func noRepeats() {
        var seen = Set<[UInt8]>()
        for count in [60, 28, 1, 16, 1024, 4096, 2000] {
            for _ in 0..<500 {
                let bytes = SecureRandom.bytes(count)
                #expect(bytes.count == count)
                if count >= 16 { #expect(seen.insert(bytes).inserted) }
            }
        }
    }

    @Test("the bytes look uniform: every byte value appears, none dominates")
    func distribution() {
        var histogram = [Int](repeating: 0, count: 256)
        for _ in 0..<2000 { for byte in SecureRandom.bytes(64) { histogram[Int(byte)] += 1 } }
        // 128,000 bytes: 500 expected per value; a working CSPRNG stays far inside these bounds.
        #expect(histogram.allSatisfy { (350...650).contains($0) })
    }

    @Test("concurrent draws on several threads never repeat")
    func threads() {
        let draws = Mutex<[[UInt8]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let bytes = (0..<200).map { _ in SecureRandom.bytes(32) }
            draws.withLock { $0.append(contentsOf: bytes) }
        }
        let all = draws.withLock { $0 }
        #expect(all.count == 1600)
        #expect(Set(all).count == 1600)
    }
}
