import Calico
import Foundation

// Merging the outputs of a sharded campaign (`k8sfv merge DIR... --out DIR`): every shard's
// reproducers go into one directory, one per failure signature (the one with the fewest
// steps, then the smallest id, so the result does not depend on the order of the shards),
// and the shards' statistics and hit counts are added up into one summary. Passing corpus
// entries are kept as they are, one per id.
// Cost: reads every reproducer once; O(files · log files).

/// One shard's contribution, as the merged summary lists it.
public struct MergedShard: Codable, Hashable, Sendable {
    public var directory: String
    public var seed: String?
    public var shard: Int?
    public var shards: Int?
    public var sequences: Int
    public var reproducers: Int
    public var finished: Bool?
}

/// The merged summary, written as `<out>/.k8sfv-summary.json`.
public struct MergedSummary: Codable, Hashable, Sendable {
    public var format = "k8sfv-merged-summary"
    public var version = 1
    public var shards: [MergedShard]
    public var statistics: CampaignStatistics
    /// One per signature, sorted by signature.
    public var failures: [FailureRecord]
    /// Reproducer files dropped because another file had the same signature and was smaller.
    public var droppedDuplicates: [String]
    /// The longest shard's running time.
    public var elapsed: Double

    public static let fileName = ".k8sfv-summary.json"

    /// The merged campaign as one summary, e.g. for `CampaignReport`.
    public var campaignSummary: CampaignSummary {
        CampaignSummary(
            seed: shards.compactMap(\.seed).first ?? "", statistics: statistics, failures: failures, elapsed: elapsed,
            interrupted: shards.contains { $0.finished == false }, nextIndex: 0, stride: 1)
    }
}

public enum CampaignMerge {
    /// Merges `directories` into `output`; throws a `ReproducerError` for an unreadable file.
    public static func merge(_ directories: [URL], into output: URL) throws -> MergedSummary {
        var best: [FailureSignature: (reproducer: Reproducer, source: URL)] = [:]
        var passing: [String: Reproducer] = [:]
        var hits: [FailureSignature: Int] = [:]
        var filesPerSignature: [FailureSignature: Int] = [:]
        var records: [String: FailureRecord] = [:]
        var statistics = CampaignStatistics()
        var shards: [MergedShard] = []
        var dropped: [String] = []
        var elapsed = 0.0
        for directory in directories {
            let files = try ReproducerStore(directory: directory).all()
            let stateURL = CampaignState.defaultURL(outputDirectory: directory)
            let state = FileManager.default.fileExists(atPath: stateURL.path) ? try CampaignState.load(from: stateURL) : nil
            for url in files {
                let reproducer = try Reproducer.load(from: url)
                guard reproducer.expect == .fail, let signature = reproducer.failure?.signature else {
                    passing[reproducer.id] = reproducer
                    continue
                }
                filesPerSignature[signature, default: 0] += 1
                if let current = best[signature] {
                    if (reproducer.stepCount, reproducer.id) < (current.reproducer.stepCount, current.reproducer.id) {
                        dropped.append(current.source.path)
                        best[signature] = (reproducer, url)
                    } else {
                        dropped.append(url.path)
                    }
                } else {
                    best[signature] = (reproducer, url)
                }
            }
            if let state {
                statistics.merge(state.statistics)
                elapsed = max(elapsed, state.elapsed)
                for entry in state.signatures { hits[entry.signature, default: 0] += entry.count }
                for record in state.failures where !record.reproducerID.isEmpty { records[record.reproducerID] = record }
            }
            shards.append(MergedShard(
                directory: directory.path, seed: state?.seed, shard: state?.shard, shards: state?.shards,
                sequences: state?.statistics.sequences ?? 0, reproducers: files.count, finished: state?.finished))
        }
        let store = ReproducerStore(directory: output)
        var failures: [FailureRecord] = []
        for signature in best.keys.sorted() {
            guard let (reproducer, _) = best[signature] else { continue }
            let path = try store.save(reproducer).path
            var record = records[reproducer.id] ?? FailureRecord(
                signature: signature, reproducerID: reproducer.id, path: path, seed: reproducer.origin.seed ?? "",
                index: reproducer.origin.index ?? -1, originalSteps: reproducer.originalStepCount,
                shrunkSteps: reproducer.stepCount, shrinkEvaluations: 0, shrinkSeconds: 0, shrinkBudgetExhausted: false,
                message: reproducer.failure?.description ?? "", duplicates: 0)
            record.path = path
            let total = max(hits[signature] ?? 0, filesPerSignature[signature] ?? 1)
            record.duplicates = max(0, total - 1)
            failures.append(record)
        }
        for id in passing.keys.sorted() {
            if let reproducer = passing[id] { try store.save(reproducer) }
        }
        let summary = MergedSummary(
            shards: shards, statistics: statistics, failures: failures, droppedDuplicates: dropped.sorted(), elapsed: elapsed)
        var data = try KubeJSON.encode(summary, pretty: true)
        data.append(0x0A)
        try data.write(to: output.appendingPathComponent(MergedSummary.fileName))
        return summary
    }
}
