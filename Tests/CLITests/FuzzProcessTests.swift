import Campaign
import Driver
import Foundation
import Testing

/// End-to-end campaign tests against the built `k8sfv` binary (`.build/debug/k8sfv`):
/// worker processes, crash isolation, interruption and resume. Skipped when the binary is
/// absent (e.g. `swift test` before `swift build`).
@Suite(.serialized) struct FuzzProcessTests {
    static let binary: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for configuration in ["debug", "release"] {
            let url = root.appendingPathComponent(".build/\(configuration)/k8sfv")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The last JSON line on stdout (the `--json` summary).
        var summary: [String: Any] {
            let line = stdout.split(separator: "\n").last.map(String.init) ?? "{}"
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// A spawned k8sfv. Uses the Driver's posix_spawn wrapper rather than Foundation's
    /// `Process` (no SIGCHLD handler in the test process), and waits without blocking a
    /// thread of the shared concurrency pool (other suites' async tests need it).
    final class Started: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        private var ended = false
        private var waiter: CheckedContinuation<Void, Never>?
        private var child: ChildProcess!

        init(_ binary: URL, _ arguments: [String], environment: [String: String]) throws {
            let assignments = environment.keys.sorted().map { "\($0)=\(environment[$0]!)" }
            child = try ChildProcess(
                executable: "/usr/bin/env", arguments: assignments + [binary.path] + arguments,
                onLine: { [self] line in lock.withLock { lines.append(line) } },
                onExit: { [self] _ in
                    let resume = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                        ended = true
                        defer { waiter = nil }
                        return waiter
                    }
                    resume?.resume()
                })
        }

        func interrupt() { child.send(SIGINT) }

        func finish(timeout: Double = 90) async -> Run {
            let child = self.child!
            let killer = Task {
                try await Task.sleep(for: .seconds(timeout))
                child.send(SIGKILL)
            }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = lock.withLock { () -> Bool in
                    if ended { return true }
                    waiter = continuation
                    return false
                }
                if done { continuation.resume() }
            }
            killer.cancel()
            let status: Int32
            switch child.exit {
            case .exited(let code): status = code
            case .signalled(let signal): status = 128 + signal
            case nil: status = -1
            }
            return Run(status: status, stdout: lock.withLock { lines.joined(separator: "\n") }, stderr: child.stderrTail)
        }
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        let binary = try #require(Self.binary)
        return await (try Started(binary, arguments, environment: environment)).finish()
    }

    func scratch(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-fuzz-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: url)
        return url
    }

    @Test(.enabled(if: binary != nil, "build k8sfv first: swift build"))
    func workersRunTheSameSequencesAsOneProcess() async throws {
        let one = scratch("one"), two = scratch("two")
        defer { for url in [one, two] { try? FileManager.default.removeItem(at: url) } }
        let common = ["fuzz", "--seed", "7", "--iterations", "10", "--json", "--no-shrink"]
        let single = try await run(common + ["--in-process", "--out", one.path])
        let parallel = try await run(common + ["--workers", "2", "--out", two.path])
        #expect([0, 1].contains(parallel.status), "\(parallel.stderr)")
        #expect(single.summary["sequences"] as? Int == 10)
        #expect(parallel.summary["sequences"] as? Int == 10)
        #expect(parallel.summary["steps"] as? Int == single.summary["steps"] as? Int, "same sequences, same steps")
        #expect(parallel.status == single.status)
        let events = parallel.stdout.split(separator: "\n").filter { $0.contains("\"event\":\"sequence\"") }
        let indices = events.compactMap { line -> Int? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["index"] as? Int
        }
        #expect(indices.sorted() == Array(0..<10))
    }

    @Test(.enabled(if: binary != nil, "build k8sfv first: swift build"))
    func aCrashingSequenceIsReportedShrunkAndTheCampaignGoesOn() async throws {
        let out = scratch("crash")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await run(
            ["fuzz", "--seed", "3", "--iterations", "16", "--workers", "1", "--json", "--shrink-evals", "25",
             "--out", out.path],
            environment: ["K8SFV_TEST_TRAP_AT_STEP_KIND": "deleteNamespace"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.summary["sequences"] as? Int == 16, "every sequence ran despite the crashes")
        let crash = result.stdout.split(separator: "\n").first { $0.contains("\"event\":\"reproducer\"") && $0.contains("target-error/crash") }
        let line = try #require(crash, "a crash reproducer was saved:\n\(result.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let path = try #require(object["path"] as? String)
        #expect(FileManager.default.fileExists(atPath: path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"kind\" : \"crash\""))
        #expect(text.contains("deleteNamespace"), "the shrunk scenario still has the trapping step")
        #expect((object["shrunkSteps"] as? Int ?? 99) <= (object["originalSteps"] as? Int ?? 0))
    }

    @Test(.enabled(if: binary != nil, "build k8sfv first: swift build"))
    func interruptLeavesReproducersAndAResumableState() async throws {
        let out = scratch("interrupt")
        defer { try? FileManager.default.removeItem(at: out) }
        let binary = try #require(Self.binary)
        let started = try Started(
            binary, ["fuzz", "--seed", "9", "--time", "60s", "--workers", "2", "--json", "--shrink-evals", "50", "--out", out.path],
            environment: [:])
        let deadline = Date().addingTimeInterval(2.5)
        while Date() < deadline {
            let found = (try? FileManager.default.contentsOfDirectory(atPath: out.path))?.contains { !$0.hasPrefix(".") && $0.hasSuffix(".json") }
            if found == true { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        started.interrupt()
        let interrupted = await started.finish(timeout: 30)
        #expect(interrupted.status == 130, "\(interrupted.stderr)")
        let summary = interrupted.summary
        #expect(summary["interrupted"] as? Bool == true)
        for path in summary["reproducers"] as? [String] ?? [] {
            #expect(FileManager.default.fileExists(atPath: path), "\(path) is on disk")
        }
        let statePath = try #require(summary["state"] as? String)
        let state = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: statePath))) as? [String: Any])
        #expect(state["finished"] as? Bool == false)
        let before = (state["statistics"] as? [String: Any])?["sequences"] as? Int ?? -1
        #expect(before == summary["sequences"] as? Int)

        let mismatch = try await run(["fuzz", "--resume", statePath, "--workers", "3"])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("--workers 3 differs"))

        let resumed = try await run(["fuzz", "--resume", statePath, "--time", "6s", "--json"])
        #expect([0, 1].contains(resumed.status), "\(resumed.stderr)")
        #expect((resumed.summary["sequences"] as? Int ?? 0) > before, "resume continued the count")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: statePath))) as? [String: Any])
        #expect(after["finished"] as? Bool == true)
        let firstIndices = state["nextIndices"] as? [Int] ?? []
        let laterIndices = after["nextIndices"] as? [Int] ?? []
        #expect(zip(firstIndices, laterIndices).allSatisfy { $0 <= $1 } && !laterIndices.isEmpty)
    }

    @Test(.enabled(if: binary != nil, "build k8sfv first: swift build"))
    func aHangingSequenceTimesOut() async throws {
        let out = scratch("hang")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await run(
            ["fuzz", "--seed", "3", "--iterations", "6", "--workers", "1", "--json", "--sequence-timeout", "1s",
             "--shrink-evals", "3", "--shrink-time", "3s", "--out", out.path],
            environment: ["K8SFV_TEST_HANG_AT_STEP_KIND": "deleteNamespace"])
        #expect(result.summary["sequences"] as? Int == 6, "\(result.stderr)")
        #expect(result.stdout.contains("target-error/timeout"), "\(result.stdout)")
    }
}
