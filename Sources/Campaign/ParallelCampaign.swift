import Calico
import Foundation
import Gen

// A campaign in child processes: the `CampaignEngine` on the `ChildProcessExecutor` (a
// worker process per share of the index space, a shrink process per new failure, crash and
// hang isolation, the state file for `--resume`). Workers never shrink; the engine, in the
// parent, knows every failure seen so far, so each distinct failure is shrunk exactly once.

/// How the parent runs its children.
public struct ParallelCampaignOptions: Sendable {
    /// How to start the worker and shrink children (passed in by the program that has them).
    public var commands: WorkerCommandLine
    public var layout: IndexPartition
    /// A sequence running longer than this is killed and reported as a `timeout` failure.
    public var sequenceTimeout: Double
    /// Where the state goes (nil: nowhere).
    public var stateURL: URL?
    /// A state to continue from (already checked against the configuration).
    public var resume: CampaignState?
    /// How many shrink processes may run at once.
    public var maxShrinks: Int
    /// Seconds between state-file writes.
    public var stateInterval: Double

    public init(
        commands: WorkerCommandLine, layout: IndexPartition, sequenceTimeout: Double = 60, stateURL: URL? = nil,
        resume: CampaignState? = nil, maxShrinks: Int? = nil, stateInterval: Double = 5
    ) {
        self.commands = commands
        self.layout = layout
        self.sequenceTimeout = sequenceTimeout
        self.stateURL = stateURL
        self.resume = resume
        self.maxShrinks = max(1, maxShrinks ?? layout.workers)
        self.stateInterval = stateInterval
    }
}

/// A multi-process campaign. `configuration.sequenceLimit` is per shard; its
/// `firstIndex`/`stride` are ignored (the layout decides them).
public final class ParallelCampaign: Sendable {
    public let configuration: CampaignConfiguration
    public let options: ParallelCampaignOptions
    public let stopFlag: StopFlag

    public init(configuration: CampaignConfiguration, options: ParallelCampaignOptions, stopFlag: StopFlag = StopFlag()) {
        self.configuration = configuration
        self.options = options
        self.stopFlag = stopFlag
    }

    /// Runs until every worker reaches its limit, or a stop; returns the summary and the
    /// final state (already saved when a state URL is set).
    public func run(events: (CampaignEvent) -> Void = { _ in }) -> (CampaignSummary, CampaignState) {
        withoutActuallyEscaping(events) { events in
            let engine = CampaignEngine(configuration: configuration, stopFlag: stopFlag, resume: options.resume, events: events)
            let executor = ChildProcessExecutor(options: options, sequenceLimit: configuration.sequenceLimit)
            engine.run(on: executor)
            let state = executor.saveState(engine)
            let summary = engine.summary(
                nextIndex: executor.nextIndices.min() ?? 0, stride: options.layout.stride, nextIndices: executor.nextIndices,
                layout: options.layout, sortedFailures: true)
            return (summary, state)
        }
    }
}
