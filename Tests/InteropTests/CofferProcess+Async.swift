import Foundation

/// Starting and stopping a server without holding a Swift concurrency thread.
///
/// `CofferProcess`'s start and stop block while the process launches, answers `/_coffer/health` or exits. Swift
/// concurrency has one cooperative thread per core (two here), so async tests run that blocking work on a
/// Dispatch thread instead, and the live HTTP tests running beside them keep their threads (see Shell+Async.swift).
extension CofferProcess {
    /// Starts a server as `init(dataDirectory:extraArguments:)` does, off the cooperative threads.
    static func started(dataDirectory: URL? = nil, extraArguments: [String] = []) async throws -> CofferProcess {
        try await offCooperativeThreads {
            try CofferProcess(dataDirectory: dataDirectory, extraArguments: extraArguments)
        }
    }

    /// Stops the process gracefully and starts it again on the same port and data, off the cooperative threads.
    func restart() async throws {
        try await offCooperativeThreads {
            self.stop()
            try self.start()
        }
    }
}

/// Runs blocking `work` on a Dispatch thread and awaits its result.
func offCooperativeThreads<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
