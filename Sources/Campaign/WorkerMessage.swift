import Calico
import Driver
import Foundation
import Gen

// The JSON-lines protocol a worker speaks on its stdout. One object per line, sorted keys.
// `started` comes before each sequence so the parent knows which index was in flight if the
// worker dies or hangs; `finished` carries the sequence's counters and its failure, if any.
// Workers never shrink: the parent decides which failures are new across all workers.

/// One line of a worker's output.
public struct WorkerMessage: Codable, Hashable, Sendable {
    public enum Event: String, Codable, Hashable, Sendable {
        /// A sequence is about to run.
        case started
        /// A sequence ran (passed or failed).
        case finished
        /// The worker stopped cleanly; `index` is the next index it would have run.
        case stopped
    }

    public var event: Event
    public var index: Int
    public var steps: Int?
    public var failure: Failure?
    public var stepKinds: [String: Int]?
    public var messageKinds: [String: Int]?
    public var messagesByStepKind: [String: Int]?
    /// With `stopped`: the coverage of the scenarios this worker generated (for the report).
    public var generation: GenerationStats?
    /// With `stopped`: why the worker gave up when the environment kept failing (LiveEnvironment).
    public var environmentError: String?

    public init(
        event: Event, index: Int, steps: Int? = nil, failure: Failure? = nil, stepKinds: [String: Int]? = nil,
        messageKinds: [String: Int]? = nil, messagesByStepKind: [String: Int]? = nil, generation: GenerationStats? = nil,
        environmentError: String? = nil
    ) {
        self.generation = generation
        self.environmentError = environmentError
        self.event = event
        self.index = index
        self.steps = steps
        self.failure = failure
        self.stepKinds = stepKinds
        self.messageKinds = messageKinds
        self.messagesByStepKind = messagesByStepKind
    }

    /// The sequence's counters, as the campaign statistics add them.
    public var statistics: CampaignStatistics {
        var statistics = CampaignStatistics()
        guard event == .finished else { return statistics }
        statistics.sequences = 1
        statistics.steps = steps ?? 0
        statistics.failures = failure == nil ? 0 : 1
        statistics.stepKinds = stepKinds ?? [:]
        statistics.messageKinds = messageKinds ?? [:]
        statistics.messagesByStepKind = messagesByStepKind ?? [:]
        return statistics
    }

    /// The line, without its newline.
    public func line() -> String {
        (try? KubeJSON.encodeString(self)) ?? "{}"
    }

    /// Parses one line; nil for anything that is not a worker message (e.g. stray output).
    public static func parse(_ line: Substring) -> WorkerMessage? {
        guard line.first == "{" else { return nil }
        return try? JSONDecoder().decode(WorkerMessage.self, from: Data(line.utf8))
    }
}
