import Calico
import Campaign
import Driver
import Foundation
import Gen
import Testing

/// Merging shard outputs keeps one reproducer per signature (fewest steps, then smallest
/// id), adds the shards' statistics, and carries the state file's hit counts.
@Suite struct CampaignMergeTests {
    func reproducer(kind: String, steps: Int, salt: String) -> Reproducer {
        let namespace = KubeObject.namespace(Namespace(name: "ns-\(salt)"))
        let scenario = Scenario(
            localHost: "host-0", initial: [namespace],
            steps: (0..<steps).map { _ in Step(kind: .rewriteUnchanged, writes: [.put(namespace)]) })
        return Reproducer(
            expect: .fail,
            origin: .init(seed: "1", index: steps, scale: "small", generatorVersion: GeneratorVersion.current, shrunkBy: "none"),
            target: "model", injectedBugs: [],
            failure: Failure(property: .convergence, kind: kind, stepIndex: 0, stepKind: nil, details: []),
            originalStepCount: steps, choices: [], scenario: scenario)
    }

    func temporaryDirectory(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-merge-\(getpid())-\(name)-\(UInt32.random(in: 0...UInt32.max))")
    }

    @Test func keepsTheSmallestReproducerPerSignature() throws {
        let a = temporaryDirectory("a"), b = temporaryDirectory("b"), out = temporaryDirectory("out")
        defer { for url in [a, b, out] { try? FileManager.default.removeItem(at: url) } }
        let bigX = reproducer(kind: "x", steps: 5, salt: "1")
        let smallX = reproducer(kind: "x", steps: 2, salt: "2")
        let onlyY = reproducer(kind: "y", steps: 3, salt: "3")
        try ReproducerStore(directory: a).save(bigX)
        try ReproducerStore(directory: a).save(onlyY)
        try ReproducerStore(directory: b).save(smallX)
        var stats = CampaignStatistics()
        stats.sequences = 10
        stats.steps = 40
        let state = CampaignState(
            seed: "1", scale: "small", target: "model", injections: [], shard: 0, shards: 2, workers: 1,
            outputDirectory: a.path, sequenceLimit: 10, timeLimit: nil, elapsed: 3, nextIndices: [20],
            signatures: [SignatureCount(signature: FailureSignature(property: .convergence, kind: "x"), count: 4)],
            failures: [], statistics: stats, finished: true)
        try state.save(to: CampaignState.defaultURL(outputDirectory: a))

        let summary = try CampaignMerge.merge([a, b], into: out)
        let kept = try ReproducerStore(directory: out).all().map { $0.deletingPathExtension().lastPathComponent }
        #expect(Set(kept) == [smallX.id, onlyY.id])
        #expect(summary.failures.map(\.signature.kind) == ["x", "y"])
        #expect(summary.failures.first?.shrunkSteps == 2)
        #expect(summary.failures.first?.duplicates == 3, "4 hits of x recorded by shard a's state")
        #expect(summary.statistics.sequences == 10)
        #expect(summary.droppedDuplicates.count == 1)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(MergedSummary.fileName).path))

        // The order of the shards does not change the result.
        let out2 = temporaryDirectory("out2")
        defer { try? FileManager.default.removeItem(at: out2) }
        let reversed = try CampaignMerge.merge([b, a], into: out2)
        #expect(reversed.failures.map(\.reproducerID) == summary.failures.map(\.reproducerID))
    }

    @Test func stateFileRoundTrips() throws {
        let directory = temporaryDirectory("state")
        defer { try? FileManager.default.removeItem(at: directory) }
        var stats = CampaignStatistics()
        stats.sequences = 3
        stats.stepKinds = ["createPod": 2]
        let state = CampaignState(
            seed: "18446744073709551615", scale: "small", target: "model", injections: ["memberNotRefCounted"], shard: 1, shards: 3,
            workers: 2, outputDirectory: directory.path, sequenceLimit: nil, timeLimit: 60, elapsed: 1.5,
            nextIndices: [7, 10], signatures: [], failures: [], statistics: stats, finished: false)
        let url = CampaignState.defaultURL(outputDirectory: directory)
        try state.save(to: url)
        #expect(try CampaignState.load(from: url) == state)
        try Data("{\"format\":\"other\"}".utf8).write(to: url)
        #expect(throws: ReproducerError.self) { try CampaignState.load(from: url) }
    }
}
