import Calico
import Driver
import Foundation

// The one campaign engine. Sequences are drawn, run and checked by `CampaignWorker`'s loop,
// wherever it runs; everything decided about what a sequence reported happens here, whichever
// executor carried the report: the statistics, whether a failure is new (to be shrunk and
// saved) or a repeat (only counted), the saved records, throughput samples, the summary and
// the state a `--resume` continues from. An executor (`CampaignExecutor`) only moves
// messages: `InProcessExecutor` runs the worker loop and each shrink on the calling thread,
// `ChildProcessExecutor` runs them in child processes. So the same seed gives the same
// sequences, the same failures and the same reproducers with either.

/// A new failure the engine wants shrunk and saved; `id` names it until its record comes back.
public struct ShrinkRequest: Sendable {
    public var id: Int
    public var index: Int
    public var failure: Failure
}

/// The campaign's bookkeeping, fed by an executor.
public final class CampaignEngine {
    public let configuration: CampaignConfiguration
    public let stopFlag: StopFlag
    private let events: (CampaignEvent) -> Void
    /// How many sequences hit each failure identity (the key `isNewFailure` decides on).
    private var counts: [FailureSignature: Int] = [:]
    private var records: [FailureRecord] = []
    /// New failures whose shrink has not ended, by request id.
    private var pending: [Int: ShrinkRequest] = [:]
    private var resumedShrinks: [ShrinkRequest] = []
    private var nextRequest = 0
    private(set) var statistics = CampaignStatistics()
    private var environmentError: String?
    private var priorElapsed = 0.0
    private let clock = ContinuousClock()
    private var began: ContinuousClock.Instant
    private var lastSample = -Double.infinity

    /// `known` failures count as repeats from the start (never shrunk, never listed);
    /// `resume` continues a saved campaign: its counts, records, statistics and time, and its
    /// unfinished shrinks, which run again.
    init(
        configuration: CampaignConfiguration, stopFlag: StopFlag, known: [FailureSignature] = [],
        resume: CampaignState? = nil, events: @escaping (CampaignEvent) -> Void
    ) {
        self.configuration = configuration
        self.stopFlag = stopFlag
        self.events = events
        began = clock.now
        for signature in known { counts[signature] = 1 }
        if let resume {
            let reconciled = resume.reconciled(outputDirectory: configuration.outputDirectory)
            counts = reconciled.signatures
            records = reconciled.records
            for record in reconciled.pending {
                resumedShrinks.append(makeRequest(index: record.index, failure: CampaignState.pendingFailure(record)))
            }
            statistics = resume.statistics
            statistics.throughput = []
            priorElapsed = resume.elapsed
        }
    }

    /// Seconds run so far, earlier sessions included.
    public var elapsed: Double { priorElapsed + Self.seconds(clock.now - began) }

    /// True while a new failure's shrink has not ended.
    var hasPendingShrinks: Bool { !pending.isEmpty }

    /// Runs the campaign on `executor` and returns once it has nothing left to do.
    func run(on executor: some CampaignExecutor) {
        began = clock.now
        lastSample = -Double.infinity
        for request in resumedShrinks { executor.shrink(request, engine: self) }
        resumedShrinks = []
        executor.run(self)
        statistics.throughput.append(ThroughputSample(elapsed: elapsed, steps: statistics.steps))
    }

    // MARK: what executors report

    /// A worker's message: `finished` is counted and its failure judged; `stopped` brings the
    /// worker's generation coverage, and an environment error if that is why it stopped.
    func receive(_ message: WorkerMessage, executor: some CampaignExecutor) {
        switch message.event {
        case .started:
            break
        case .finished:
            statistics.merge(message.statistics)
            if let failure = message.failure { judge(failure, index: message.index, executor: executor) }
            events(.sequenceFinished(index: message.index, steps: message.steps ?? 0, failed: message.failure != nil))
        case .stopped:
            if let generation = message.generation {
                var coverage = CampaignStatistics()
                coverage.generation = generation
                statistics.merge(coverage)
            }
            if let error = message.environmentError { environmentError = error }
        }
    }

    /// A failure that belongs to no sequence (a worker that could not start): reported, not counted.
    func reportUncounted(_ failure: Failure, index: Int) {
        events(.failureFound(index: index, failure: failure))
    }

    /// A shrink ended: `record` is what it saved, or nil when it could not finish, in which
    /// case the failure is saved as generated and `note` says why.
    func shrinkEnded(_ id: Int, record: FailureRecord?, note: String?) {
        guard let request = pending.removeValue(forKey: id) else { return }
        let saved = record ?? ShrinkJobRunner.saveUnshrunk(
            configuration: configuration, index: request.index, failure: request.failure, note: note)
        records.append(saved)
        events(.reproducerSaved(saved))
    }

    /// Appends a throughput sample when a second has passed since the last (or none was taken).
    func tick() {
        let now = elapsed
        if now - lastSample >= 1 {
            statistics.throughput.append(ThroughputSample(elapsed: now, steps: statistics.steps))
            lastSample = now
        }
    }

    // MARK: failures

    /// The one place that decides whether a failure is new (shrink it, save a reproducer) or
    /// a repeat of one already found (only count it). Today a failure's identity is its
    /// signature; whatever identity is chosen belongs here and nowhere else.
    private func isNewFailure(_ failure: Failure) -> Bool {
        let identity = failure.signature
        let count = counts[identity] ?? 0
        counts[identity] = count + 1
        return count == 0
    }

    private func judge(_ failure: Failure, index: Int, executor: some CampaignExecutor) {
        guard isNewFailure(failure) else {
            events(.duplicateFailure(index: index, signature: failure.signature))
            return
        }
        events(.failureFound(index: index, failure: failure))
        let request = makeRequest(index: index, failure: failure)
        if !configuration.shrink || (failure.property == .targetError && failure.kind == "generator-error") {
            shrinkEnded(request.id, record: nil, note: nil)
        } else {
            executor.shrink(request, engine: self)
        }
    }

    private func makeRequest(index: Int, failure: Failure) -> ShrinkRequest {
        let request = ShrinkRequest(id: nextRequest, index: index, failure: failure)
        nextRequest += 1
        pending[request.id] = request
        return request
    }

    // MARK: results

    /// The saved failures, each with its repeat count (kept per identity, since repeats
    /// often arrive while the first is still being shrunk). `sorted` orders them by
    /// signature, for executors whose reports arrive in no fixed order; otherwise they are in
    /// the order they were found.
    func failures(sorted: Bool) -> [FailureRecord] {
        let counted = records.map { record in
            var record = record
            record.duplicates = max(0, (counts[record.signature] ?? 1) - 1)
            return record
        }
        return sorted ? counted.sorted { ($0.signature, $0.reproducerID) < ($1.signature, $1.reproducerID) } : counted
    }

    /// Failures found whose shrink has not ended: in the state so a resume after kill -9
    /// shrinks them again instead of forgetting them.
    private func pendingRecords() -> [FailureRecord] {
        pending.values.map { request in
            CampaignState.pendingRecord(
                signature: request.failure.signature, seed: String(configuration.seed), index: request.index,
                failure: request.failure, duplicates: max(0, (counts[request.failure.signature] ?? 1) - 1))
        }.sorted { ($0.signature, $0.index) < ($1.signature, $1.index) }
    }

    /// The summary; `nextIndex`/`stride` say where a single residue stopped, `nextIndices`
    /// and `layout` where each worker's did.
    func summary(
        nextIndex: Int, stride: Int, nextIndices: [Int]? = nil, layout: IndexPartition? = nil, sortedFailures: Bool
    ) -> CampaignSummary {
        var summary = CampaignSummary(
            seed: String(configuration.seed), statistics: statistics, failures: failures(sorted: sortedFailures),
            elapsed: elapsed, interrupted: stopFlag.isStopped, nextIndex: nextIndex, stride: stride)
        summary.environmentError = environmentError
        summary.nextIndices = nextIndices
        summary.layout = layout
        return summary
    }

    /// What `--resume` continues from.
    func state(layout: IndexPartition, nextIndices: [Int], finished: Bool) -> CampaignState {
        var statistics = self.statistics
        statistics.throughput = []
        return CampaignState(
            seed: String(configuration.seed), scale: configuration.scale.rawValue,
            target: configuration.target.kind.rawValue, injections: configuration.target.injectionNames,
            shard: layout.shard, shards: layout.shards, workers: layout.workers,
            outputDirectory: configuration.outputDirectory.path, sequenceLimit: configuration.sequenceLimit,
            timeLimit: configuration.timeLimit, elapsed: elapsed, nextIndices: nextIndices,
            signatures: counts.keys.sorted().map { SignatureCount(signature: $0, count: counts[$0] ?? 0) },
            failures: failures(sorted: true) + pendingRecords(), statistics: statistics,
            finished: finished && !stopFlag.isStopped)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
