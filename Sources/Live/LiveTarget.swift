// The live target: a real (or simulated) Felix behind a Kubernetes API server.
// Takes: scenario writes. Gives: Felix's calc-graph output for them, relayed by k8sfv's
// dataplane driver and translated back into scenario names. Cost per step: the API requests
// of its writes, then waiting until Felix's rebuilt state equals the oracle's (or a deadline).
//
//   begin ─► sweep this run's leftovers ─► apply: writes through OwnedClient (live names)
//         ─► flush(expecting:): pump relayed frames until state == expected, settle, return
//
// One Felix serves every scenario of a campaign, so one LiveTarget does too (see LiveTargets):
// its relay server and rebuilt state live across runs, and each run's first flush opens with
// the state Felix already holds (DataplaneState.rebuildingMessages), so the runner's checks start from nothing.
// The converges-within property fails, with the remaining differences, when the deadline
// passes. Felix's own node is never deleted (Felix needs it to run); everything else follows
// the writes. `internalLeaks` is nil: Felix's internals are out of sight.

import Calico
import Driver
import Foundation
import KubeClient

public final class LiveTarget: Target, @unchecked Sendable {
    // Used from one thread at a time (the runner's); @unchecked so one instance can be shared
    // through LiveTargets across the sequences of a campaign.

    public struct Configuration: Sendable {
        public var client: KubeClient
        public var runID: String
        /// Where `k8sfv dataplane-driver` relays Felix's stream (its K8SFV_RELAY_SOCKET).
        public var relaySocketPath: String
        /// Felix's FELIX_FELIXHOSTNAME; scenarios must use it as their local host.
        public var felixHostname: String?
        /// How long a step may take to converge before converges-within fails.
        public var convergenceDeadline: Double
        /// After convergence, how long to keep listening for late messages of the same step.
        public var settleTime: Double
        /// Give up early when Felix has been silent this long and the state still differs
        /// (useful with felix-sim, which answers at once; nil waits for the full deadline).
        public var quietLimit: Double?
        /// How long begin/end may spend removing leftovers and waiting for Felix to drop them.
        public var cleanupDeadline: Double
        /// Write a step fence (LiveFence) on Felix's Node after each step's writes, so a
        /// felix-sim flushes exactly once per step. Felix's Node must be this run's (live setup's).
        public var stepFences: Bool
        /// Starts a fresh Felix for each run once the run's initial objects exist, as a Felix
        /// restarted in a populated cluster; returns how to stop it (called at the run's end).
        /// Its first flush, before InSync, is then observed too (a Felix that has been in sync
        /// since before the run shows nothing of it). nil: one Felix, started by the caller,
        /// serves every run.
        public var felixPerRun: (@Sendable () throws -> @Sendable () -> Void)?

        public init(
            client: KubeClient, runID: String, relaySocketPath: String, felixHostname: String? = nil,
            convergenceDeadline: Double = 10, settleTime: Double = 0.05, quietLimit: Double? = nil,
            cleanupDeadline: Double = 30, stepFences: Bool = false,
            felixPerRun: (@Sendable () throws -> @Sendable () -> Void)? = nil
        ) {
            self.stepFences = stepFences
            self.felixPerRun = felixPerRun
            self.client = client
            self.runID = runID
            self.relaySocketPath = relaySocketPath
            self.felixHostname = felixHostname
            self.convergenceDeadline = convergenceDeadline
            self.settleTime = settleTime
            self.quietLimit = quietLimit
            self.cleanupDeadline = cleanupDeadline
        }
    }

    public let configuration: Configuration
    /// The current sequence's names (every `begin` moves to the next sequence number).
    public private(set) var naming: LiveNaming
    private var sequence = 0
    private let writer: LiveClusterWriter
    private var stream: LiveStream?
    private var translation: LiveTranslation

    private var scenarioSnapshot = ClusterSnapshot()
    private var liveSnapshot = ClusterSnapshot()
    private var localHost: String?
    private var stateAtBegin: DataplaneState?
    private var flushIndex = 0
    private var inSyncMarked = false
    private var lastWrites: [Write] = []
    private var writesDoneAt = ContinuousClock.now
    /// Felix restarts already reported (each is reported once, by the flush that sees it).
    private var restartsReported = 0
    /// The running per-run Felix's stop (Configuration.felixPerRun).
    private var stopFelix: (@Sendable () -> Void)?
    /// Step fences written so far, and this target's prefix for their ids.
    private var fencesWritten = 0
    private let fencePrefix = String(UUID().uuidString.prefix(8)).lowercased()

    /// Convergence latency of every checkpoint so far (all runs).
    public private(set) var latencies = ConvergenceLatencies()
    /// Writes sent to the API server so far (all runs), for "nothing lost or doubled" checks.
    public private(set) var writesApplied = 0

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        let ownership: Ownership
        do { ownership = try Ownership(runID: configuration.runID) } catch { throw TargetError("\(error)") }
        naming = LiveNaming(runID: configuration.runID)
        writer = LiveClusterWriter(client: OwnedClient(client: configuration.client, ownership: ownership))
        translation = LiveTranslation(naming: naming)
    }

    deinit { stream?.stop() }

    public var name: String { "live" }
    public var internalLeaks: [String]? { nil }

    /// What the API server should hold now (live names), for tests that compare.
    public var expectedLiveObjects: ClusterSnapshot { liveSnapshot }

    // MARK: - Target

    public func begin(localHost: String) throws {
        if let felix = configuration.felixHostname, felix != localHost {
            throw TargetError(
                "the scenario's local host is '\(localHost)' but Felix runs as '\(felix)'; start Felix (and 'k8sfv live setup') with --hostname \(localHost)")
        }
        let stream = try openStream()
        self.localHost = localHost
        if configuration.felixPerRun != nil {
            stopFelix?()
            stopFelix = nil
            stream.pump(translation, timeout: 0)
            stream.forgetFelix()
        }
        try environmentChecked { try sweep() }
        try fence([])
        waitForEmptyDataplane(stream, deadline: configuration.cleanupDeadline)
        sequence += 1
        naming = naming.forSequence(sequence)
        translation.move(to: naming, forgetting: stream.state.holdsNothing)
        stream.clearProblems()
        _ = stream.take()
        stateAtBegin = stream.state
        scenarioSnapshot = ClusterSnapshot()
        liveSnapshot = ClusterSnapshot()
        flushIndex = 0
        inSyncMarked = false
        writer.reset()
    }

    public func apply(_ writes: [Write]) throws {
        for write in writes {
            if case .put(let object) = write {
                try naming.check(object)
                if case .networkPolicy(let policy) = object { translation.learn(policy) }
            }
            scenarioSnapshot.apply(write)
            let live = naming.live(write)
            liveSnapshot.apply(live)
            if case .delete(let ref) = live, ref.kind == .node, ref.name == localHost { continue }
            try environmentChecked { try writer.apply(live) }
            writesApplied += 1
        }
        try fence(writes.map { naming.live($0).ref })
        lastWrites = writes
        writesDoneAt = ContinuousClock.now
    }

    /// Writes a step fence naming `refs` (live names), when fences are on.
    private func fence(_ refs: [ObjectRef]) throws {
        guard configuration.stepFences, let node = configuration.felixHostname ?? localHost else { return }
        fencesWritten += 1
        let id = "\(fencePrefix)-\(fencesWritten)"
        try environmentChecked { try writer.writeFence(id: id, refs: refs, felixNode: node) }
    }

    /// Felix decides by itself when it is in sync. A live Felix serving many runs has been
    /// in sync since long before this run, so the runner's pre-sync flush (the one before
    /// this call) observes nothing; everything arrives in the first flush after it.
    public func markInSync() throws { inSyncMarked = true }

    public func flush(expecting expected: DataplaneState) throws -> [FelixMessage] {
        guard let stream else { throw TargetError("live target used before begin(localHost:)") }
        guard inSyncMarked else {
            guard let start = configuration.felixPerRun, stopFelix == nil else { return [] }
            return try startFelix(start, stream)
        }
        let index = flushIndex
        flushIndex += 1
        let clock = ContinuousClock()
        let deadline = writesDoneAt + .seconds(configuration.convergenceDeadline)
        var convergedAt: ContinuousClock.Instant?

        func converged() -> Bool { stream.state.inSync && Self.differences(stream, expected).isEmpty }
        let framesAtStart = stream.framesSeen

        while true {
            if stream.restarts > restartsReported {
                restartsReported = stream.restarts
                throw TargetReportedFailure(liveFailure(index: index, kind: "felix-restarted", details: [
                    "Felix started again (its dataplane driver is new, or its sequence numbers returned to 0): it crashed or was restarted; check Felix's log around this step",
                ]))
            }
            if !stream.problems.isEmpty {
                let problems = stream.problems
                stream.clearProblems()
                throw TargetReportedFailure(liveFailure(index: index, kind: "felix-stream-corrupt", details: ["Felix's relayed stream is broken:"] + problems))
            }
            if stream.violation != nil { break }  // the runner reports it from the messages
            let now = clock.now
            if let at = convergedAt {
                let settleEnd = at + .seconds(configuration.settleTime)
                if now >= settleEnd { break }
                stream.pump(translation, timeout: seconds(settleEnd - now))
                if !converged() { convergedAt = nil }
                continue
            }
            if converged() {
                convergedAt = now
                continue
            }
            let quiet = configuration.quietLimit.map { limit in
                now - max(stream.lastMessageAt ?? writesDoneAt, writesDoneAt) >= .seconds(limit)
            } ?? false
            if now >= deadline || quiet {
                latencies.recordTimeout()
                throw TargetReportedFailure(timeoutFailure(
                    index: index, expected: expected, waited: seconds(now - writesDoneAt),
                    silent: now >= deadline && stream.framesSeen == framesAtStart))
            }
            stream.pump(translation, timeout: min(0.05, seconds(deadline - now)))
        }
        if let at = convergedAt { latencies.record(max(0, seconds(at - writesDoneAt))) }

        var messages = stream.take()
        if let opening = stateAtBegin {
            messages = opening.rebuildingMessages + messages
            stateAtBegin = nil
        }
        if stream.isLegacy { messages = messages.map { LegacyFelix.completed($0, from: expected) } }
        return messages
    }

    public func end() throws {
        defer { localHost = nil }
        guard let stream else { return }
        defer {
            // A per-run Felix stops with its run.
            stopFelix?()
            stopFelix = nil
        }
        // Remove what a failed run left behind, newest kinds first; Felix's node stays.
        for object in liveSnapshot.allObjects.reversed() {
            if object.kind == .node && object.metadata.name == localHost { continue }
            try environmentChecked { try writer.apply(.delete(object.ref)) }
        }
        try fence(liveSnapshot.allObjects.map(\.ref))
        liveSnapshot = ClusterSnapshot()
        scenarioSnapshot = ClusterSnapshot()
        waitForEmptyDataplane(stream, deadline: min(configuration.cleanupDeadline, configuration.convergenceDeadline))
    }

    /// Starts listening for the driver now (begin does it otherwise), so a driver started
    /// right after finds the socket.
    public func listen() throws { _ = try openStream() }

    /// Starts the run's own Felix (its initial lists hold the run's initial objects) and
    /// returns what it sends before InSync: the pre-sync flush. InSync and what follows stay
    /// for the first in-sync flush.
    private func startFelix(_ start: @Sendable () throws -> @Sendable () -> Void, _ stream: LiveStream) throws -> [FelixMessage] {
        stopFelix = try start()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(configuration.convergenceDeadline)
        while !stream.state.inSync && clock.now < deadline {
            stream.pump(translation, timeout: min(0.05, seconds(deadline - clock.now)))
        }
        // A new Felix is a new driver epoch: expected here, not a restart to report.
        restartsReported = stream.restarts
        if !stream.state.inSync {
            throw TargetReportedFailure(LiveEnvironment.notInSync(waited: configuration.convergenceDeadline, socket: configuration.relaySocketPath))
        }
        return stream.takeBeforeInSync()
    }

    /// Waits until Felix has sent InSync (a Felix just started is still listing; writes made
    /// before its lists would reach it as initial objects, not as the events a run expects).
    public func waitUntilFelixInSync(timeout: Double) throws {
        let stream = try openStream()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(timeout)
        while !stream.state.inSync && clock.now < deadline {
            stream.pump(translation, timeout: min(0.05, seconds(deadline - clock.now)))
        }
        if !stream.state.inSync { throw TargetReportedFailure(LiveEnvironment.notInSync(waited: timeout, socket: configuration.relaySocketPath)) }
    }

    /// Stops listening for the driver (the end of a campaign).
    public func close() {
        stopFelix?()
        stopFelix = nil
        stream?.stop()
        stream = nil
    }

    // MARK: - Helpers

    private func openStream() throws -> LiveStream {
        if let stream { return stream }
        let opened = try LiveStream(socketPath: configuration.relaySocketPath)
        stream = opened
        return opened
    }

    /// Deletes every object of this run still in the cluster (a crashed earlier run's), except
    /// Felix's node. Namespaces terminate in the background: the next sequence's names differ.
    private func sweep() throws {
        let setup = try LiveClusterSetup(client: configuration.client, runID: configuration.runID)
        try setup.deleteOwnedScenarioObjects(keepingNode: localHost)
    }

    private func waitForEmptyDataplane(_ stream: LiveStream, deadline: Double) {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(deadline)
        stream.pump(translation, timeout: 0)
        while !stream.state.holdsNothing && clock.now < end {
            let quietFor = configuration.quietLimit ?? deadline
            if let last = stream.lastMessageAt, clock.now - last > .seconds(quietFor) { break }
            stream.pump(translation, timeout: 0.05)
        }
    }

    /// A failure of the live target itself (`target-error` with a live kind), placed at the
    /// step whose flush saw it.
    private func liveFailure(index: Int, kind: String, details: [String]) -> Failure {
        let isTeardown = index > 0 && scenarioSnapshot.isEmpty
        return Failure(
            property: .targetError, kind: kind, stepIndex: index == 0 ? nil : index - 1,
            stepKind: index == 0 || isTeardown ? nil : Self.describe(lastWrites), details: details)
    }

    /// The deadline passed (or Felix was quiet for quietLimit). `silent`: the whole deadline
    /// passed without one frame although the state must change (`felix-silent`: Felix is
    /// stuck, or its driver is not relaying); an early quiet exit keeps the difference's kind,
    /// which is what the shrinker preserves.
    /// Runs API work; an error that means the environment is broken becomes its failure.
    private func environmentChecked(_ body: () throws -> Void) throws {
        do { try body() } catch {
            if let failure = LiveEnvironment.classify(error) { throw TargetReportedFailure(failure) }
            throw error
        }
    }

    private func timeoutFailure(index: Int, expected: DataplaneState, waited: Double, silent: Bool = false) -> Failure {
        guard let stream else { return Failure(property: .targetError, kind: "no-stream", stepIndex: nil, stepKind: nil, details: []) }
        // No InSync at all: nothing reached us from Felix, which says nothing about Felix's logic.
        if !stream.state.inSync { return LiveEnvironment.notInSync(waited: waited, socket: configuration.relaySocketPath) }
        let differences = stream.state.inSync
            ? Self.differences(stream, expected)
            : [StateDifference(kind: "not-in-sync", subject: "Felix", detail: "no InSync received yet")]
        if silent && stream.state.inSync && !differences.isEmpty {
            return liveFailure(index: index, kind: "felix-silent", details: [
                String(format: "Felix sent no frame at all within %.1f s of writes that change its dataplane; %d difference(s) remain:", waited, differences.count),
            ] + differences.map { "  " + $0.description })
        }
        let kind = differences.map(\.kind).min() ?? "not-in-sync"
        let isTeardown = index > 0 && scenarioSnapshot.isEmpty
        let stepIndex: Int? = index == 0 ? nil : index - 1
        let stepKind: String? = index == 0 || isTeardown ? nil : Self.describe(lastWrites)
        let header = String(
            format: "Felix's state did not reach the oracle's within %.1f s (deadline %.1f s); %d difference(s) remain:",
            waited, configuration.convergenceDeadline, differences.count)
        return Failure(
            property: .convergesWithin, kind: kind, stepIndex: stepIndex, stepKind: stepKind,
            details: [header] + differences.map { "  " + $0.description })
    }

    /// What separates the stream's state from `expected`, leaving out the fields a legacy
    /// Felix does not send (LegacyFelix).
    static func differences(_ stream: LiveStream, _ expected: DataplaneState) -> [StateDifference] {
        guard stream.isLegacy else { return stream.state.differences(from: expected) }
        return LegacyFelix.comparable(stream.state).differences(from: LegacyFelix.comparable(expected))
    }

    /// A step's writes in words, e.g. `put Pod ns1/a` (the target does not see step kinds).
    static func describe(_ writes: [Write]) -> String {
        guard let first = writes.first else { return "no writes" }
        let op: String
        if case .put = first { op = "put" } else { op = "delete" }
        let text = "\(op) \(first.ref)"
        return writes.count == 1 ? text : "\(text) and \(writes.count - 1) more write(s)"
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
