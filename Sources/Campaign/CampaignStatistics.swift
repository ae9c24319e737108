import Driver
import Foundation
import Gen

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
    /// Feature coverage of the scenarios generated (step kinds, selector operators, peers,
    /// ports), for the report; nil in summaries written before it was recorded.
    public var generation: GenerationStats?

    public init() {}

    public mutating func record(_ outcome: ScenarioOutcome) {
        sequences += 1
        steps += outcome.stepsRun
        if outcome.failure != nil { failures += 1 }
        for (k, v) in outcome.stepKinds { stepKinds[k, default: 0] += v }
        for (k, v) in outcome.messagesByKind { messageKinds[k, default: 0] += v }
        for (k, v) in outcome.messagesByStepKind { messagesByStepKind[k, default: 0] += v }
    }

    /// Counts the features of a scenario the campaign generated.
    public mutating func recordGenerated(_ scenario: Scenario) {
        if generation == nil { generation = GenerationStats() }
        generation?.add(scenario)
    }

    public mutating func merge(_ other: CampaignStatistics) {
        if let more = other.generation {
            if generation == nil { generation = GenerationStats() }
            generation?.merge(more)
        }
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
