import Calico
import Driver
import Foundation
import JSONCore

// The campaign state file (`--state FILE`, default `<out>/.k8sfv-campaign.json`): written
// every few seconds and at exit, atomically, so `--resume FILE` can continue an interrupted
// or finished campaign. It holds what decides which sequences run (seed, scale, target,
// injections, layout), where each worker's residue stopped, the signatures already found (so
// they are not shrunk twice) and the statistics so far. Sorted keys, sorted arrays.

/// A saved campaign, for `--resume`.
public struct CampaignState: Codable, Hashable, Sendable {
    public var format: String = CampaignState.formatName
    public var version: Int = CampaignState.currentVersion
    /// The campaign seed, as a decimal string (a JSON number would lose bits above 2^53).
    public var seed: String
    public var scale: String
    public var target: String
    public var injections: [String]
    public var shard: Int
    public var shards: Int
    public var workers: Int
    public var outputDirectory: String
    /// The limits: sequences per shard, and seconds over all sessions.
    public var sequenceLimit: Int?
    public var timeLimit: Double?
    /// Seconds run so far, over all sessions.
    public var elapsed: Double
    /// For each worker, the next index it has not finished.
    public var nextIndices: [Int]
    /// Every signature found, with how many sequences hit it.
    public var signatures: [SignatureCount]
    /// The reproducers saved, one per signature.
    public var failures: [FailureRecord]
    public var statistics: CampaignStatistics
    /// True when every worker reached its limit; false when stopped early.
    public var finished: Bool

    public init(
        seed: String, scale: String, target: String, injections: [String], shard: Int, shards: Int, workers: Int,
        outputDirectory: String, sequenceLimit: Int?, timeLimit: Double?, elapsed: Double, nextIndices: [Int],
        signatures: [SignatureCount], failures: [FailureRecord], statistics: CampaignStatistics, finished: Bool
    ) {
        self.seed = seed
        self.scale = scale
        self.target = target
        self.injections = injections
        self.shard = shard
        self.shards = shards
        self.workers = workers
        self.outputDirectory = outputDirectory
        self.sequenceLimit = sequenceLimit
        self.timeLimit = timeLimit
        self.elapsed = elapsed
        self.nextIndices = nextIndices
        self.signatures = signatures
        self.failures = failures
        self.statistics = statistics
        self.finished = finished
    }

    public static let formatName = "k8sfv-campaign-state"
    public static let currentVersion = 1

    /// The default place: beside the reproducers.
    public static func defaultURL(outputDirectory: URL) -> URL {
        outputDirectory.appendingPathComponent(".k8sfv-campaign.json")
    }

    /// The layout this state was written by.
    public var layout: IndexPartition { IndexPartition(shard: shard, shards: shards, workers: workers) }

    public func save(to url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var data = try KubeJSON.encode(self, pretty: true)
        data.append(0x0A)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw ReproducerError("cannot write \(url.path): \(String(cString: strerror(code)))")
        }
    }

    /// Reads a state file; every problem is a `ReproducerError` that names the file and the
    /// field, with what was found and what was expected.
    public static func load(from url: URL) throws -> CampaignState {
        let data: Data
        do {
            data = try InputFile.read(url.path, what: "campaign state", limit: 64 << 20)
            try InputFile.requireUTF8(data, source: url.path)
        } catch let error as InputFile.Problem {
            throw ReproducerError(error.message)
        }
        let object: JSONValue
        do {
            object = try JSONParser.parse(data)
        } catch {
            throw ReproducerError("\(url.path): not valid JSON (\(JSONErrorDescription.syntax(error, in: data))); expected a k8sfv campaign state")
        }
        guard case .object(let fields) = object, fields["format"]?.stringValue == formatName else {
            throw ReproducerError(
                "\(url.path): not a k8sfv campaign state file (expected \"format\": \"\(formatName)\"); "
                    + "give the file 'k8sfv fuzz' writes, by default <out>/.k8sfv-campaign.json")
        }
        guard let version = JSONErrorDescription.wholeNumber(fields["version"]), (1...currentVersion).contains(version)
        else {
            throw ReproducerError(
                "\(url.path): field \"version\" is \(JSONErrorDescription.shown(fields["version"])); this k8sfv reads version \(currentVersion)")
        }
        let state: CampaignState
        do {
            state = try JSONDecoder().decode(CampaignState.self, from: data)
        } catch {
            throw ReproducerError("\(url.path): \(JSONErrorDescription.describe(error, in: object))")
        }
        try state.validate(source: url.path)
        return state
    }
}

/// A failure signature and how many sequences hit it.
public struct SignatureCount: Codable, Hashable, Sendable {
    public var signature: FailureSignature
    public var count: Int
    public init(signature: FailureSignature, count: Int) {
        self.signature = signature
        self.count = count
    }
}
