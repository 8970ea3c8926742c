import Foundation

/// The async entry point of the runner, for async tests: it awaits the child process through its termination
/// handler instead of blocking a thread.
///
/// Swift concurrency has one cooperative thread per core (two here). A synchronous test that waits for the aws CLI
/// or boto3 holds one of them for seconds; two such tests at once starve every other test, including the live
/// servers of HummingbirdTesting, whose handlers then never run. In async tests these overloads are chosen.
extension Shell {
    /// Runs `executable` and awaits its exit without blocking; `timeout` bounds the wait (the process is killed
    /// past it).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 120
    ) async throws -> Result {
        let child = try Child(executable, arguments, environment: environment, input: nil)
        defer { child.removeFiles() }
        let process = child.process
        let exited = try process.runAndAwaitExit()
        let timer = Task {
            try await Task.sleep(for: .seconds(timeout))
            process.terminate()
        }
        await exited()
        timer.cancel()
        if case .success = await timer.result { throw child.timedOut(after: timeout) }
        return child.result()
    }
}

extension Process {
    /// Starts the process; the returned function awaits its exit without blocking a thread.
    func runAndAwaitExit() throws -> @Sendable () async -> Void {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        terminationHandler = { _ in continuation.finish() }
        try run()
        return { for await _ in stream {} }
    }
}
