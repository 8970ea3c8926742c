import Foundation
import Testing

extension RealClients.BucketKeyLecture {
    /// `coffer demo`, run as a user would run it: the built executable, its output read as text.
    @Suite(.serialized)
    struct DemoTests {
        /// 100 objects per bucket: 200 KMS calls without Bucket Keys against at most 2 with them, at least 99% fewer.
        static let objects = 100

        /// A table row `<label>  <PUT calls>  <GET calls>  <total>`, as `coffer demo` prints it.
        static func row(_ label: String, in output: String) -> [Int]? {
            for line in output.split(separator: "\n") where line.hasPrefix(label + " ") {
                let numbers = line.dropFirst(label.count).split(separator: " ").compactMap { Int($0) }
                if numbers.count == 3 { return numbers }
            }
            return nil
        }

        @Test func demoShowsAtLeast99PercentFewerKMSCallsWithBucketKeys() async throws {
            let coffer = try CofferProcess.cofferBinary()
            let result = try await Shell.run(coffer.path, ["demo", "--objects", String(Self.objects)], timeout: 180)
            try #require(result.status == 0, "coffer demo failed:\n\(result.stdout)\n\(result.stderr)")

            let without = try #require(Self.row("without Bucket Keys", in: result.stdout), "\(result.stdout)")
            let with = try #require(Self.row("with Bucket Keys", in: result.stdout), "\(result.stdout)")
            #expect(without == [Self.objects, Self.objects, 2 * Self.objects])
            #expect(with[0] == 1 && with[1] <= 1 && with[2] == with[0] + with[1], "\(with)")

            let reductionLine = try #require(
                result.stdout.split(separator: "\n").first { $0.hasPrefix("reduction: ") }, "\(result.stdout)")
            let reduction = try #require(Double(reductionLine.dropFirst("reduction: ".count).dropLast()))
            #expect(reduction >= 99)
            #expect(result.stdout.contains("$0.03 per 10,000 KMS requests"))
            #expect(result.stdout.contains("found in the data folder: no"))
            #expect(result.stdout.contains("key_source          bucket-key-derived"))
            #expect(result.stdout.contains("key_source          kms-data-key"))
            #expect(result.stdout.split(separator: "\n").last?.hasPrefix("OK: ") == true)
        }

        @Test func explainNarratesEachStepAndDataIsKept() async throws {
            let coffer = try CofferProcess.cofferBinary()
            let data = try CofferProcess.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: data) }
            let result = try await Shell.run(
                coffer.path, ["demo", "--objects", "3", "--explain", "--data", data.path], timeout: 120)
            try #require(result.status == 0, "coffer demo failed:\n\(result.stdout)\n\(result.stderr)")
            let narration = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  | ") }
            #expect(narration.count > 20)
            #expect(result.stdout.contains("[6/6]"))
            #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("meta/meta.sqlite").path))
        }

        @Test func demoRefusesNonsense() async throws {
            let coffer = try CofferProcess.cofferBinary()
            let result = try await Shell.run(coffer.path, ["demo", "--objects", "0"], timeout: 30)
            #expect(result.status != 0)
            #expect(result.stderr.contains("--objects must be between 1 and 100000"))
        }
    }
}
