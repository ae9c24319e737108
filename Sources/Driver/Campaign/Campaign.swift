import Foundation
import Gen
import Synchronization

// A campaign in this process: the `CampaignEngine` on the `InProcessExecutor`. Sequences
// first, first+stride, ... until the sequence or time limit, or until asked to stop. Each new
// failure is shrunk and written to disk the moment shrinking ends, before the next sequence;
// a repeat of a known failure is only counted.

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

/// A campaign run in this process (no child processes).
public final class Campaign {
    public let configuration: CampaignConfiguration
    public let stopFlag: StopFlag
    private let knownSignatures: [FailureSignature]
    /// Seconds to wait before retrying a sequence that met an environment error.
    public var environmentRetryWait = LiveEnvironment.retryWait

    public init(configuration: CampaignConfiguration, stopFlag: StopFlag = StopFlag(), knownSignatures: [FailureSignature] = []) {
        self.configuration = configuration
        self.stopFlag = stopFlag
        self.knownSignatures = knownSignatures
    }

    /// Runs until a limit is reached or the stop flag is set; `events` sees everything as it happens.
    public func run(startingAt start: Int? = nil, events: (CampaignEvent) -> Void = { _ in }) -> CampaignSummary {
        withoutActuallyEscaping(events) { events in
            let engine = CampaignEngine(configuration: configuration, stopFlag: stopFlag, known: knownSignatures, events: events)
            let executor = InProcessExecutor(start: start ?? configuration.firstIndex, environmentRetryWait: environmentRetryWait)
            engine.run(on: executor)
            return engine.summary(nextIndex: executor.nextIndex, stride: configuration.stride, sortedFailures: false)
        }
    }
}
