import Foundation
import Testing

/// The bounded CI pass of `scripts/fuzz_e2e.py`: signed hostile requests against the real debug `coffer`, for at
/// most 75 seconds of cases (the whole test stays under 2 minutes), with a fixed seed so a failure replays.
/// `scripts/fuzz.sh` runs the long pass (100,000 cases) against a release build.
@Suite(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 (botocore) is not installed"))
struct FuzzE2ETests {
    /// The repository's `scripts/fuzz_e2e.py`, found from this file's path.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/fuzz_e2e.py")

    @Test func boundedFuzzPassFindsNothing() async throws {
        let python = try #require(Interop.boto3Python, "python3 with boto3 is not installed (see .ci/run)")
        let binary = try CofferProcess.cofferBinary()
        let result = try await Shell.run(
            python,
            [
                Self.script.path, "--coffer", binary.path, "--seed", "11", "--cases", "20000", "--time-limit", "75",
                "--request-timeout", "10",
            ],
            timeout: 110)
        let summary = result.stdout.split(separator: "\n").last { $0.hasPrefix("fuzz: ") && $0.contains(" cases, ") }
        let line = try #require(summary.map(String.init), "no summary line:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.status == 0, "\(result.stdout.suffix(6000))\n\(result.stderr.suffix(3000))")
        #expect(line.hasSuffix(" 0 crashes, 0 hangs, 0 bad 5xx, canaries intact"), "\(line)")
        let cases = Int(line.dropFirst("fuzz: ".count).prefix { $0.isNumber }) ?? 0
        #expect(cases >= 500, "only \(cases) cases ran: \(line)")
    }
}
