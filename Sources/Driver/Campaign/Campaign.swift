import Foundation
import Gen
import Synchronization

// The campaign loop for one process: sequences first, first+stride, ... until the sequence
// or time limit, or until asked to stop. Each new failure signature is shrunk and written to
// disk the moment shrinking ends; a repeat of a known signature is only counted.

/// Set from a signal handler or another thread to stop a campaign between sequences.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func stop() { flag.store(true, ordering: .relaxed) }
    public var isStopped: Bool { flag.load(ordering: .relaxed) }
}

/// What a campaign did.
public struct CampaignSummary: Codable, Sendable {
    public var seed: String
    public var statistics: CampaignStatistics
    public var failures: [FailureRecord]
    public var elapsed: Double
    public var interrupted: Bool
    /// The next index this process would have run: where `--resume` continues.
    public var nextIndex: Int
    public var stride: Int
    /// Why the campaign stopped early when the environment failed (LiveEnvironment), else nil.
    public var environmentError: String? = nil
    /// Each worker's next index, for a multi-process campaign (nil for a single process).
    public var nextIndices: [Int]? = nil
    /// The shard and worker layout, for a multi-process campaign.
    public var layout: IndexPartition? = nil

    /// Exit code: 130 interrupted, 3 environment error, 1 failures found, 0 otherwise.
    public var exitCode: Int32 {
        if interrupted { return 130 }
        if environmentError != nil { return LiveEnvironment.exitCode }
        return failures.isEmpty && statistics.failures == 0 ? 0 : 1
    }
}

public final class Campaign {
    public let configuration: CampaignConfiguration
    public let stopFlag: StopFlag
    private let cases: FuzzCaseRunner
    private let store: ReproducerStore
    private var seen: [FailureSignature: Int] = [:]
    /// Seconds to wait before retrying a sequence that met an environment error.
    public var environmentRetryWait = LiveEnvironment.retryWait

    public init(configuration: CampaignConfiguration, stopFlag: StopFlag = StopFlag(), knownSignatures: [FailureSignature] = []) {
        self.configuration = configuration
        self.stopFlag = stopFlag
        cases = FuzzCaseRunner(configuration: configuration)
        store = ReproducerStore(directory: configuration.outputDirectory)
        for signature in knownSignatures { seen[signature] = -1 }
    }

    /// Runs until a limit is reached or the stop flag is set; `events` sees everything as it happens.
    public func run(startingAt start: Int? = nil, events: (CampaignEvent) -> Void = { _ in }) -> CampaignSummary {
        let clock = ContinuousClock()
        let began = clock.now
        var statistics = CampaignStatistics()
        var records: [FailureRecord] = []
        var index = start ?? configuration.firstIndex
        var ran = 0
        var lastSample = 0.0
        var environmentAttempts = 0
        var environmentError: String?
        func elapsed() -> Double {
            let d = clock.now - began
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        while !stopFlag.isStopped {
            if let limit = configuration.sequenceLimit, ran >= limit { break }
            if let limit = configuration.timeLimit, elapsed() >= limit { break }
            let result: FuzzCaseRunner.CaseResult
            do {
                result = try cases.run(index: index)
            } catch {
                // A generator failure is a bug in k8sfv itself: report it as a failure of the sequence.
                statistics.failures += 1
                events(.failureFound(index: index, failure: Failure(
                    property: .targetError, kind: "generator-error", stepIndex: nil, stepKind: nil,
                    details: ["generating sequence \(index) failed: \(error)"])))
                index += configuration.stride
                ran += 1
                continue
            }
            // The environment failed, not Felix: never saved or shrunk; wait and run the same
            // sequence again, a bounded number of times, then stop (LiveEnvironment).
            if let failure = result.outcome.failure, failure.isEnvironmentError {
                environmentAttempts += 1
                if environmentAttempts > LiveEnvironment.retries {
                    environmentError = "\(failure.kind) (\(LiveEnvironment.retries) retries): " + failure.details.joined(separator: " ")
                    break
                }
                let until = clock.now + .milliseconds(Int(environmentRetryWait * 1000))
                while clock.now < until && !stopFlag.isStopped { Thread.sleep(forTimeInterval: 0.05) }
                continue
            }
            environmentAttempts = 0
            statistics.record(result.outcome)
            statistics.recordGenerated(result.scenario)
            if let failure = result.outcome.failure {
                if let count = seen[failure.signature] {
                    seen[failure.signature] = count + 1
                    if let i = records.firstIndex(where: { $0.signature == failure.signature }) {
                        records[i].duplicates += 1
                    }
                    events(.duplicateFailure(index: index, signature: failure.signature))
                } else {
                    seen[failure.signature] = 0
                    events(.failureFound(index: index, failure: failure))
                    let record = handleNewFailure(result, failure: failure)
                    records.append(record)
                    events(.reproducerSaved(record))
                }
            }
            events(.sequenceFinished(index: index, steps: result.outcome.stepsRun, failed: result.outcome.failure != nil))
            index += configuration.stride
            ran += 1
            let now = elapsed()
            if now - lastSample >= 1 || ran == 1 {
                statistics.throughput.append(ThroughputSample(elapsed: now, steps: statistics.steps))
                lastSample = now
            }
        }
        statistics.throughput.append(ThroughputSample(elapsed: elapsed(), steps: statistics.steps))
        var summary = CampaignSummary(
            seed: String(configuration.seed), statistics: statistics, failures: records, elapsed: elapsed(),
            interrupted: stopFlag.isStopped, nextIndex: index, stride: configuration.stride)
        summary.environmentError = environmentError
        return summary
    }

    private func handleNewFailure(_ result: FuzzCaseRunner.CaseResult, failure: Failure) -> FailureRecord {
        // An interrupt ends the shrink before its next candidate, keeping its best so far.
        let stopFlag = self.stopFlag
        let (reproducer, report) = cases.shrink(result, failure: failure, hooks: ShrinkHooks(shouldStop: { stopFlag.isStopped }))
        var path = ""
        do {
            path = try store.save(reproducer).path
        } catch {
            path = "(not saved: \(error))"
        }
        return FailureRecord(
            signature: reproducer.failure?.signature ?? failure.signature, reproducerID: reproducer.id, path: path,
            seed: String(configuration.seed), index: result.index, originalSteps: result.scenario.steps.count,
            shrunkSteps: reproducer.scenario.steps.count, shrinkEvaluations: report.evaluations,
            shrinkSeconds: report.seconds, shrinkBudgetExhausted: report.budgetExhausted,
            message: (reproducer.failure ?? failure).description, duplicates: 0)
    }
}
