import CofferServer
import Foundation
import Logging
import ServiceLifecycle

/// Runs a Coffer server inside the demo's process, on a free loopback port, for the length of one closure.
enum DemoServer {
    /// Builds the server from `configuration` (its port should be 0), waits until it listens, runs `body` with its
    /// address, then shuts it down gracefully: requests drain, the store and the key service close.
    static func run<Result: Sendable>(
        configuration: CofferConfiguration, _ body: (URL) async throws -> Result
    ) async throws -> Result {
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let application = try await buildApplication(configuration: configuration) { port in
            listening.yield(port)
            listening.finish()
        }
        let services = ServiceGroup(
            configuration: .init(services: [application], logger: Logger(label: "coffer.demo")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { listening.finish() }  // a server that fails to start must not leave the wait below hanging
                try await services.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                throw DemoError("the server stopped before it listened")
            }
            do {
                let result = try await body(URL(string: "http://127.0.0.1:\(port)")!)
                await services.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

/// A demo step failed; the message says which and why, in words for the audience.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
