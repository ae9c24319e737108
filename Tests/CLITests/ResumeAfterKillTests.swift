@testable import Campaign
@testable import Driver
import Foundation
import Testing

/// Issue 12, item 14: after kill -9 the state still lists what was found, and the
/// campaign's children die with it.
@Suite struct ResumeAfterKillTests {
    typealias H = HostileInput

    static let signature = FailureSignature(property: .convergence, kind: "ipset-member-missing")

    func state(in directory: URL, failures: [FailureRecord], signatures: [SignatureCount]) -> CampaignState {
        var state = H.state(in: directory)
        state.signatures = signatures
        state.failures = failures
        return state
    }

    /// A failure whose shrink was running at the last state write comes back as pending
    /// (to be shrunk again from its index), not as a known signature with no reproducer.
    @Test func pendingShrinkIsResumedNotForgotten() throws {
        let directory = try H.scratch("pending")
        defer { try? FileManager.default.removeItem(at: directory) }
        let failure = Failure(property: .convergence, kind: "ipset-member-missing", stepIndex: 0, stepKind: "finishPod", details: ["x"])
        let pending = CampaignState.pendingRecord(signature: Self.signature, seed: "7", index: 25, failure: failure, duplicates: 2)
        let other = FailureSignature(property: .silence, kind: "unexpected-message")
        let state = state(
            in: directory, failures: [pending],
            signatures: [SignatureCount(signature: Self.signature, count: 3), SignatureCount(signature: other, count: 1)])
        let url = directory.appendingPathComponent("state.json")
        try state.save(to: url)
        let loaded = try CampaignState.load(from: url)
        let reconciled = loaded.reconciled(outputDirectory: directory)
        #expect(reconciled.pending.map(\.index) == [25])
        #expect(CampaignState.pendingFailure(reconciled.pending[0]) == failure, "the failure travels in the record")
        #expect(reconciled.records.isEmpty)
        #expect(reconciled.signatures[Self.signature] == 3)
        #expect(reconciled.signatures[other] == nil, "a signature with no record and no file is found again")
    }

    /// A reproducer saved after the last state write is picked up from disk, so the summary
    /// lists it.
    @Test func reproducerOnDiskIsListed() throws {
        let directory = try H.scratch("on-disk")
        defer { try? FileManager.default.removeItem(at: directory) }
        let reproducer = try Reproducer.decode(try H.sampleReproducer(), source: "sample")
        let path = try ReproducerStore(directory: directory).save(reproducer)
        let state = state(in: directory, failures: [], signatures: [SignatureCount(signature: Self.signature, count: 2)])
        let reconciled = state.reconciled(outputDirectory: directory)
        #expect(reconciled.pending.isEmpty)
        #expect(reconciled.records.map(\.reproducerID) == [reproducer.id])
        #expect(reconciled.records.first?.path == path.path)
        #expect(reconciled.records.first?.duplicates == 1)
    }

    /// kill -9 of a campaign's process leaves no worker running: a real worker, started the
    /// way a campaign starts it, dies within seconds of its parent.
    @Test func workerDiesWithItsParent() throws {
        guard let binary = FuzzProcessTests.binary else { return }
        let spec = WorkerSpec(configuration: CampaignConfiguration(seed: 1, sequenceLimit: 1_000_000), start: 0).encodedArgument()
        // The shell is the parent: it starts the worker with its own pid in the environment,
        // prints the worker's pid, and waits.
        let script = "K8SFV_PARENT_PID=$$ \"$0\" fuzz-worker --spec \"$1\" >/dev/null 2>&1 & echo $!; wait"
        let lines = LineBox()
        let shell = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", script, binary.path, spec], onLine: { lines.add($0) }, onExit: { _ in })
        var worker: pid_t?
        for _ in 0..<100 where worker == nil {
            worker = lines.first.flatMap { pid_t($0) }
            if worker == nil { usleep(50_000) }
        }
        let pid = try #require(worker)
        usleep(300_000)
        #expect(Self.isRunning(pid), "the worker runs while its parent does")
        kill(shell.pid, SIGKILL)
        var alive = true
        for _ in 0..<100 where alive {
            usleep(50_000)
            alive = Self.isRunning(pid)
        }
        if alive { kill(pid, SIGKILL) }
        #expect(!alive, "the worker must die with its parent")
    }

    /// Running, not a zombie waiting to be reaped.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        guard let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }

    final class LineBox: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var first: String? { lock.withLock { lines.first } }
    }
}
