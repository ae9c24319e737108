// Does the live path find what the model finds? For each injected bug: run sequences 0, 1, …
// of one seed with the bug on the model, and the same sequences through the live path (a
// loopback KubeStandIn, felix-sim with the same bug, the live writer making every change as a
// Kubernetes client would), each until the first failure or the budget. And how fast is the
// live path with namespace termination on (a deleted namespace Terminating for a while, as a
// namespace controller does) and off? `k8sfv bench live-parity` prints both.
// felix-sim flushes once per step (step fences, LiveFence), so what it finds does not depend
// on the machine's load. Cost: up to `budget` sequences per bug on each side; felix-sim is
// started once per bug (once per sequence for bugsSeenOnlyBeforeInSync).

import CalcGraph
import Driver
import Foundation
import Gen
import KubeStandIn
import Live
import Shrink

public enum LiveParity {
    /// Bugs that show only in what Felix sends before its first InSync. A Felix that has been
    /// in sync since before the run never shows them, so for these the live path starts a
    /// fresh felix-sim for each sequence once its initial objects exist (as a Felix restarted in
    /// a populated cluster: LiveTarget.Configuration.felixPerRun). Every other bug runs against
    /// one felix-sim for all sequences, where the initial objects arrive as watch events in the
    /// order they were written (a fresh Felix lists them in the server's order instead).
    public static let bugsSeenOnlyBeforeInSync: Set<InjectedBug> = [.endpointsBeforeInSync]

    public struct Row: Sendable, Codable, Hashable {
        public var bug: String
        /// 1-based sequences up to the first failure; nil: missed within the budget.
        public var modelSequences: Int?
        public var liveSequences: Int?
        public var modelSignature: String?
        public var liveSignature: String?
        /// The model's first failure shrunk (steps), for scale.
        public var shrunkSteps: Int?

        public var line: String {
            func side(_ sequences: Int?) -> String { sequences.map { "found(\($0) seq)" } ?? "missed" }
            let found = { (n: Int?) in n == nil ? "missed" : "found" }
            return "\(bug) model=\(found(modelSequences)) live=\(found(liveSequences))"
                + "  model \(side(modelSequences)) \(modelSignature ?? "")"
                + "  live \(side(liveSequences)) \(liveSignature ?? "")"
                + (shrunkSteps.map { "  shrunk to \($0) step(s)" } ?? "")
        }
    }

    /// One bug on both sides.
    public static func row(
        bug: InjectedBug, seed: UInt64, budget: Int, standIn: KubeStandIn, felixSim: FelixSimCommandLine,
        shrinkBudget: ShrinkBudget = ShrinkBudget(maxEvaluations: 200, maxSeconds: 10)
    ) throws -> Row {
        var row = Row(bug: bug.rawValue)
        if let found = try InjectionSurvey.firstFailure(bug: bug, seed: seed, budget: budget) {
            row.modelSequences = found.index + 1
            row.modelSignature = found.failure.signature.description
            var configuration = CampaignConfiguration(seed: seed, target: TargetSpec(injections: [bug]), shrink: true)
            configuration.shrinkBudget = shrinkBudget
            let (reproducer, _) = FuzzCaseRunner(configuration: configuration).shrink(found.result, failure: found.failure)
            row.shrunkSteps = reproducer.stepCount
        }
        let harness = try LiveHarness(
            server: standIn.baseURL, felixSim: felixSim, runID: "parity-\(bug.rawValue.lowercased().prefix(40))",
            injections: [bug], convergenceDeadline: 3, quietLimit: 0.3, stepFences: true,
            felixPerRun: bugsSeenOnlyBeforeInSync.contains(bug))
        defer { try? harness.close() }
        let configuration = CampaignConfiguration(seed: seed, scale: .small)
        let generator = ScenarioGenerators.scenario(scale: .small)
        let runner = ScenarioRunner()
        for index in 0..<budget {
            let (scenario, _) = try generator.generate(seed: configuration.sequenceSeed(index))
            if let failure = runner.run(scenario, on: harness.target).failure {
                row.liveSequences = index + 1
                row.liveSignature = failure.signature.description
                break
            }
        }
        return row
    }

    /// Sequences per minute through the live path on the correct model, with a deleted
    /// namespace staying Terminating for `namespaceDeletionDelay` seconds (0: gone at once).
    public static func sequencesPerMinute(
        felixSim: FelixSimCommandLine, seed: UInt64, sequences: Int, namespaceDeletionDelay: Double
    ) throws -> (perMinute: Double, failures: Int) {
        let standIn = try KubeStandIn.start(options: StandInOptions(namespaceDeletionDelaySeconds: namespaceDeletionDelay))
        defer { standIn.stop() }
        let harness = try LiveHarness(
            server: standIn.baseURL, felixSim: felixSim, runID: "pace-\(Int(namespaceDeletionDelay * 1000))",
            convergenceDeadline: 10, quietLimit: 2, stepFences: true)
        defer { try? harness.close() }
        let configuration = CampaignConfiguration(seed: seed, scale: .small)
        let generator = ScenarioGenerators.scenario(scale: .small)
        let runner = ScenarioRunner()
        var failures = 0
        let started = Date()
        for index in 0..<sequences {
            let (scenario, _) = try generator.generate(seed: configuration.sequenceSeed(index))
            if runner.run(scenario, on: harness.target).failure != nil { failures += 1 }
        }
        let seconds = max(Date().timeIntervalSince(started), 1e-9)
        return (Double(sequences) * 60 / seconds, failures)
    }
}
