import Foundation
import Live

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
