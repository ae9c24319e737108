import Campaign
import Driver
import Foundation
import Gen
import Shrink
import Testing

// The Swift Testing entry point for users' own test suites:
//
//     @Test func calcGraphHoldsItsProperties() {
//         K8sfvCheck.run(sequences: 200, seed: 42)
//     }
//
// One call runs N sequences from a fixed seed against a target, and when a property fails it
// records a test issue with the shrunk reproducer's failure, the saved file (when a directory
// is given) and the command that replays it.

public enum K8sfvCheck {
    /// Runs `sequences` generated sequences from `seed` against `target` and records an issue
    /// for the first failure of each distinct signature. Returns the campaign summary.
    /// Without `saveReproducersIn`, reproducers go to a temporary directory that is kept
    /// when something failed (the issue points into it) and removed otherwise.
    @discardableResult
    public static func run(
        sequences: Int, seed: UInt64, scale: ClusterScale = .small, target: TargetSpec = TargetSpec(),
        saveReproducersIn directory: URL? = nil, shrinkBudget: ShrinkBudget = ShrinkBudget(maxEvaluations: 2_000, maxSeconds: 20),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> CampaignSummary {
        check(
            sequences: sequences, seed: seed, scale: scale, target: target, custom: nil, directory: directory,
            shrinkBudget: shrinkBudget, sourceLocation: sourceLocation)
    }

    /// The same check against a target of your own: `makeTarget` is called for a fresh target
    /// for every run (shrinking included), and `targetName` goes into each reproducer's
    /// `target` field. Replay such a reproducer from a test with
    /// `Replayer.replay(try Reproducer.load(from: url).scenario, runs: 3) { YourTarget() }`.
    @discardableResult
    public static func run(
        sequences: Int, seed: UInt64, scale: ClusterScale = .small, targetName: String,
        makeTarget: @escaping @Sendable () throws -> any Target,
        saveReproducersIn directory: URL? = nil, shrinkBudget: ShrinkBudget = ShrinkBudget(maxEvaluations: 2_000, maxSeconds: 20),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> CampaignSummary {
        check(
            sequences: sequences, seed: seed, scale: scale, target: TargetSpec(),
            custom: CustomTarget(name: targetName, make: makeTarget), directory: directory, shrinkBudget: shrinkBudget,
            sourceLocation: sourceLocation)
    }

    private static func check(
        sequences: Int, seed: UInt64, scale: ClusterScale, target: TargetSpec, custom: CustomTarget?, directory: URL?,
        shrinkBudget: ShrinkBudget, sourceLocation: SourceLocation
    ) -> CampaignSummary {
        let out = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-\(getpid())-\(seed)")
        var configuration = CampaignConfiguration(
            seed: seed, sequenceLimit: sequences, scale: scale, target: target, outputDirectory: out,
            shrink: true, shrinkBudget: shrinkBudget)
        configuration.customTarget = custom
        let summary = Campaign(configuration: configuration).run()
        for record in summary.failures {
            var text = "k8sfv: \(record.message)\n"
            text += "sequence \(record.index) of seed \(seed): \(record.originalSteps) steps, shrunk to \(record.shrunkSteps)\n"
            text += "reproducer: \(record.path)\n"
            text += custom == nil
                ? "replay: k8sfv replay \(record.path)"
                : "replay from a test: Replayer.replay(try Reproducer.load(from: URL(fileURLWithPath: \"\(record.path)\")).scenario, runs: 3) { your target }"
            Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
        }
        // The issue names a reproducer and a replay command: the file must outlive the test.
        // A temporary directory is removed only when there is nothing in it to point at.
        if directory == nil && summary.failures.isEmpty { try? FileManager.default.removeItem(at: out) }
        return summary
    }
}
