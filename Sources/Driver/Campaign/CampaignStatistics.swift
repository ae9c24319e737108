import Foundation

/// Counters a campaign keeps; merged across workers and shards by adding.
public struct CampaignStatistics: Codable, Hashable, Sendable {
    public var sequences = 0
    public var steps = 0
    public var failures = 0
    public var stepKinds: [String: Int] = [:]
    public var messageKinds: [String: Int] = [:]
    public var messagesByStepKind: [String: Int] = [:]
    /// (elapsed seconds, cumulative steps) samples, for throughput charts.
    public var throughput: [ThroughputSample] = []

    public init() {}

    public mutating func record(_ outcome: ScenarioOutcome) {
        sequences += 1
        steps += outcome.stepsRun
        if outcome.failure != nil { failures += 1 }
        for (k, v) in outcome.stepKinds { stepKinds[k, default: 0] += v }
        for (k, v) in outcome.messagesByKind { messageKinds[k, default: 0] += v }
        for (k, v) in outcome.messagesByStepKind { messagesByStepKind[k, default: 0] += v }
    }

    public mutating func merge(_ other: CampaignStatistics) {
        sequences += other.sequences
        steps += other.steps
        failures += other.failures
        for (k, v) in other.stepKinds { stepKinds[k, default: 0] += v }
        for (k, v) in other.messageKinds { messageKinds[k, default: 0] += v }
        for (k, v) in other.messagesByStepKind { messagesByStepKind[k, default: 0] += v }
        throughput = (throughput + other.throughput).sorted { $0.elapsed < $1.elapsed }
    }
}

public struct ThroughputSample: Codable, Hashable, Sendable {
    public var elapsed: Double
    public var steps: Int
    public init(elapsed: Double, steps: Int) {
        self.elapsed = elapsed
        self.steps = steps
    }
}
