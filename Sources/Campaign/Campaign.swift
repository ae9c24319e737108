import Driver
import Foundation
import Gen
import Live

// A campaign in this process: the `CampaignEngine` on the `InProcessExecutor`. Sequences
// first, first+stride, ... until the sequence or time limit, or until asked to stop. Each new
// failure is shrunk and written to disk the moment shrinking ends, before the next sequence;
// a repeat of a known failure is only counted.

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
