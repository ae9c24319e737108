// A felix-sim child process, for tests and benchmarks that need a Felix stand-in.
// Takes: how to start it (`FelixSimCommandLine`, from the caller), the API server URL, the relay socket, injected bugs. Gives:
// the running process (its stdin is a pipe: closing it is how felix-sim is told to stop) and
// its stderr, collected. Cost: one process (plus the driver it starts).

import CalcGraph
import Foundation
import Synchronization

public final class FelixSimProcess: @unchecked Sendable {
    // Mutable state is behind `output`'s lock or only touched by the owner's thread.
    public let process: Process
    private let stdin: Pipe
    private let output = Mutex<String>("")

    public init(
        felixSim: FelixSimCommandLine, server: URL, relaySocket: String, hostname: String,
        injections: Set<InjectedBug> = [], extraArguments: [String] = [], connectionArguments: [String]? = nil
    ) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: felixSim.executable)
        // `--server URL` by default; e.g. `--kubeconfig FILE` for an https server with credentials.
        process.arguments = felixSim.arguments(
            server: server, relaySocket: relaySocket, hostname: hostname, injections: injections,
            extra: extraArguments, connection: connectionArguments)
        var environment = ProcessInfo.processInfo.environment
        environment["FELIX_DATAPLANEDRIVER"] = nil  // the default: k8sfv's own dataplane-driver
        environment["no_proxy"] = "127.0.0.1,localhost"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        process.environment = environment
        stdin = Pipe()
        process.standardInput = stdin
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let handle = errors.fileHandleForReading
        try process.run()
        let reader = Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                self.output.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        reader.name = "k8sfv-felix-sim-stderr"
        reader.start()
    }

    /// What felix-sim (and its driver) wrote on stderr so far.
    public var log: String { output.withLock { $0 } }

    /// Ends felix-sim by closing its stdin; SIGTERM after `timeout`. Returns the exit status.
    @discardableResult
    public func stop(timeout: Double = 10) -> Int32 {
        try? stdin.fileHandleForWriting.close()
        let end = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < end { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { stop(timeout: 2) }
    }
}
