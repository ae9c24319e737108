import Calico
import Driver
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
    /// The injected bugs the shards ran with (the same in every shard with a state file).
    public var injections: [String]? = nil
    /// What the merge could do but a reader should know: shards missing from the set, shard
    /// directories without a state file (their statistics are not counted).
    public var warnings: [String]? = nil

    public static let fileName = ".k8sfv-summary.json"

    /// The merged campaign as one summary, e.g. for `CampaignReport`.
    public var campaignSummary: CampaignSummary {
        CampaignSummary(
            seed: shards.compactMap(\.seed).first ?? "", statistics: statistics, failures: failures, elapsed: elapsed,
            interrupted: shards.contains { $0.finished == false }, nextIndex: 0, stride: 1)
    }
}

public enum CampaignMerge {
    /// One input directory, read and checked before anything is written.
    struct Input {
        var directory: URL
        var state: CampaignState?
        var reproducers: [(url: URL, reproducer: Reproducer)]
    }

    /// Merges `directories` into `output`. Every input is read and every check made before
    /// `output` is created; a problem is a `ReproducerError` naming the directory or file.
    public static func merge(_ directories: [URL], into output: URL) throws -> MergedSummary {
        let inputs = try directories.map(read)
        let warnings = try check(inputs, output: output)
        return try write(inputs, into: output, warnings: warnings)
    }

    static func read(_ directory: URL) throws -> Input {
        let files: [URL]
        do {
            files = try ReproducerStore(directory: directory).all()
        } catch {
            throw ReproducerError("\(directory.path): cannot list the directory (\(error.localizedDescription))")
        }
        let stateURL = CampaignState.defaultURL(outputDirectory: directory)
        let state = FileManager.default.fileExists(atPath: stateURL.path) ? try CampaignState.load(from: stateURL) : nil
        return Input(directory: directory, state: state, reproducers: try files.map { ($0, try Reproducer.load(from: $0)) })
    }

    /// The refusals (the same directory or shard twice, shards of different campaigns, an
    /// output inside an input) and the warnings (an incomplete set, a shard without state).
    static func check(_ inputs: [Input], output: URL) throws -> [String] {
        func canonical(_ url: URL) -> String { url.standardizedFileURL.resolvingSymlinksInPath().path }
        let out = canonical(output)
        var seenPaths: [String: String] = [:]
        for input in inputs {
            let path = canonical(input.directory)
            if let earlier = seenPaths[path] {
                throw ReproducerError("\(input.directory.path): the same directory as \(earlier), given twice; each shard's output once")
            }
            seenPaths[path] = input.directory.path
            if out == path || out.hasPrefix(path + "/") {
                throw ReproducerError("--out \(output.path) is inside the input \(input.directory.path); merge into a new directory")
            }
            if path.hasPrefix(out + "/") {
                throw ReproducerError("the input \(input.directory.path) is inside --out \(output.path); merge into a new directory")
            }
        }
        let stated = inputs.compactMap { input in input.state.map { (input.directory.path, $0) } }
        var warnings: [String] = []
        if let (firstPath, first) = stated.first {
            var seenShards: [Int: String] = [:]
            for (path, state) in stated {
                func differ(_ what: String, _ mine: String, _ theirs: String) -> ReproducerError {
                    ReproducerError(
                        "\(path): \(what) \(mine), but \(firstPath) has \(theirs); shards of different campaigns cannot be merged")
                }
                if state.seed != first.seed { throw differ("seed", state.seed, first.seed) }
                if state.injections.sorted() != first.injections.sorted() {
                    throw differ("injections", state.injections.sorted().joined(separator: ",").ifEmpty("(none)"),
                        first.injections.sorted().joined(separator: ",").ifEmpty("(none)"))
                }
                if state.scale != first.scale { throw differ("scale", state.scale, first.scale) }
                if state.target != first.target { throw differ("target", state.target, first.target) }
                if state.shards != first.shards { throw differ("shards", String(state.shards), String(first.shards)) }
                if let earlier = seenShards[state.shard] {
                    throw ReproducerError(
                        "\(path): shard \(state.shard)/\(state.shards), the same shard as \(earlier); its sequences would be counted twice")
                }
                seenShards[state.shard] = path
            }
            let missing = (0..<first.shards).filter { seenShards[$0] == nil }
            if !missing.isEmpty {
                warnings.append(
                    "incomplete: \(missing.count) of \(first.shards) shards missing (\(missing.prefix(10).map { "\($0)/\(first.shards)" }.joined(separator: ", ")))")
            }
            for state in stated.map(\.1) where !state.finished {
                warnings.append("shard \(state.shard)/\(state.shards) did not finish (it was stopped early)")
            }
        }
        for input in inputs where input.state == nil {
            warnings.append("\(input.directory.path): no \(CampaignState.defaultURL(outputDirectory: input.directory).lastPathComponent); its reproducers are merged, its statistics are not counted")
        }
        return warnings
    }

    static func write(_ inputs: [Input], into output: URL, warnings: [String]) throws -> MergedSummary {
        var best: [FailureSignature: (reproducer: Reproducer, source: URL)] = [:]
        var passing: [String: Reproducer] = [:]
        var hits: [FailureSignature: Int] = [:]
        var filesPerSignature: [FailureSignature: Int] = [:]
        var records: [String: FailureRecord] = [:]
        var statistics = CampaignStatistics()
        var shards: [MergedShard] = []
        var dropped: [String] = []
        var elapsed = 0.0
        var throughputs: [[ThroughputSample]] = []
        for input in inputs {
            for (url, reproducer) in input.reproducers {
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
            if let state = input.state {
                var shardStatistics = state.statistics
                throughputs.append(shardStatistics.throughput)
                shardStatistics.throughput = []
                statistics.merge(shardStatistics)
                elapsed = max(elapsed, state.elapsed)
                for entry in state.signatures { hits[entry.signature, default: 0] += entry.count }
                for record in state.failures where !record.reproducerID.isEmpty { records[record.reproducerID] = record }
            }
            shards.append(MergedShard(
                directory: input.directory.path, seed: input.state?.seed, shard: input.state?.shard, shards: input.state?.shards,
                sequences: input.state?.statistics.sequences ?? 0, reproducers: input.reproducers.count,
                finished: input.state?.finished))
        }
        statistics.throughput = combinedThroughput(throughputs)
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw ReproducerError("--out \(output.path): cannot create the directory (\(error.localizedDescription))")
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
        var summary = MergedSummary(
            shards: shards, statistics: statistics, failures: failures, droppedDuplicates: dropped.sorted(), elapsed: elapsed)
        summary.injections = inputs.compactMap(\.state).first?.injections.sorted() ?? []
        summary.warnings = warnings
        var data = try KubeJSON.encode(summary, pretty: true)
        data.append(0x0A)
        let summaryURL = output.appendingPathComponent(MergedSummary.fileName)
        do {
            try data.write(to: summaryURL)
        } catch {
            throw ReproducerError("\(summaryURL.path): cannot write the summary (\(error.localizedDescription))")
        }
        return summary
    }

    /// The shards ran side by side, each sampling its own cumulative steps: the campaign's
    /// cumulative steps at time t is the sum of each shard's last sample at or before t.
    static func combinedThroughput(_ shards: [[ThroughputSample]]) -> [ThroughputSample] {
        let sorted = shards.map { $0.sorted { $0.elapsed < $1.elapsed } }
        let times = Set(sorted.flatMap { $0.map(\.elapsed) }).sorted()
        var positions = [Int](repeating: 0, count: sorted.count)
        var combined: [ThroughputSample] = []
        for time in times {
            var steps = 0
            for (shard, samples) in sorted.enumerated() {
                while positions[shard] < samples.count && samples[positions[shard]].elapsed <= time { positions[shard] += 1 }
                if positions[shard] > 0 { steps += samples[positions[shard] - 1].steps }
            }
            combined.append(ThroughputSample(elapsed: time, steps: steps))
        }
        return combined
    }
}

private extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
