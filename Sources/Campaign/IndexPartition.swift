// How a campaign's sequence indices are split between shards (machines or pods) and, within
// a shard, between worker processes. Worker w of W in shard s of S runs the indices
// ≡ s + S·w (mod S·W), in increasing order. The split is a pure function of (s, S, W), so a
// failure found by any worker is reproducible from the campaign seed and its index alone,
// and a sequence limit N per shard runs exactly the shard's first N indices whatever W is.
// Cost: O(1) per question.

/// The layout of a campaign: which shard this is, how many shards, how many workers.
public struct IndexPartition: Codable, Hashable, Sendable {
    /// This shard, `0 ..< shards`.
    public var shard: Int
    public var shards: Int
    /// Worker processes in this shard.
    public var workers: Int

    public init(shard: Int = 0, shards: Int = 1, workers: Int = 1) {
        self.shard = shard
        self.shards = max(1, shards)
        self.workers = max(1, workers)
    }

    /// The distance between two consecutive indices of one worker.
    public var stride: Int { shards * workers }

    /// Worker `worker`'s first index.
    public func firstIndex(worker: Int) -> Int { shard + shards * worker }

    /// The `k`-th index of this shard (k = 0, 1, ...): the shard's own numbering.
    public func shardIndex(_ k: Int) -> Int { shard + shards * k }

    /// How many of the shard's first `total` sequences worker `worker` runs.
    public func sequenceCount(worker: Int, ofShardTotal total: Int) -> Int {
        total > worker ? (total - worker + workers - 1) / workers : 0
    }

    /// The first `count` indices worker `worker` runs.
    public func indices(worker: Int, count: Int) -> [Int] {
        (0..<max(0, count)).map { firstIndex(worker: worker) + stride * $0 }
    }

    /// Which worker of this shard runs `index` (nil when another shard runs it).
    public func worker(of index: Int) -> Int? {
        guard index >= 0, index % shards == shard else { return nil }
        return (index / shards) % workers
    }

    /// How many sequences worker `worker` has finished when its next index is `next`.
    public func sequencesDone(worker: Int, nextIndex next: Int) -> Int {
        max(0, (next - firstIndex(worker: worker)) / stride)
    }

    /// Parses `--shard I/N`: 0 ≤ I < N. The error says what is wrong.
    public static func parseShard(_ text: String) -> Result<(shard: Int, shards: Int), ShardSyntaxError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            return .failure(ShardSyntaxError("takes I/N, e.g. 0/4 (shard I of N), not '\(text)'"))
        }
        guard n >= 1 else { return .failure(ShardSyntaxError("needs N ≥ 1 shards, not '\(text)'")) }
        guard i >= 0, i < n else {
            return .failure(ShardSyntaxError("needs 0 ≤ I < N (shards are numbered from 0), not '\(text)'"))
        }
        return .success((i, n))
    }
}

/// A malformed `--shard` value.
public struct ShardSyntaxError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
