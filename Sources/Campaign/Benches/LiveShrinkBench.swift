// What a shrink costs against a live target, beside what it costs on the model. For each
// injected bug: the model finds the failure (the first failing sequence of the seed, as
// `bench shrink-injections` does) and shrinks it; the same failing sequence then runs through
// the live path (a loopback KubeStandIn and felix-sim started with the same bug, step fences
// on) and is shrunk there, every candidate a live run. `k8sfv bench shrink-live` prints both
// sides' evaluations, checkpoints, seconds and sizes, and whether the live reproducer is as
// small as the model's. Cost: the model's side (seconds), then up to the live budget per bug,
// plus one felix-sim start per bug (per candidate for bugsSeenOnlyBeforeInSync).

import CalcGraph
import Driver
import Foundation
import Gen
import KubeStandIn
import Live
import Shrink

public enum LiveShrinkBench {
    /// The bench shrinks with the budget `k8sfv fuzz` gives a live target when none is given
    /// (`TargetSpec.Kind.defaultShrinkBudget`, DefaultShrinkBudget.swift says why), so its
    /// figures are what a user of the live target gets.
    public static let defaultBudget = TargetSpec.Kind.live.defaultShrinkBudget

    public struct Row: Codable, Hashable, Sendable {
        public var bug: String
        /// InjectionMinimum's hand-worked fewest steps.
        public var minimum: Int
        /// The model's shrink of the same failure (nil fields: not found).
        public var model: InjectionShrinkBench.Row
        /// Steps of the failing sequence both sides start from.
        public var foundAtSteps: Int?
        public var liveSignature: String?
        public var shrunkSteps: Int?
        public var evaluations: Int?
        public var checkpoints: Int?
        public var seconds: Double?
        public var budgetExhausted: Bool?
        /// The live reproducer fails on the model with the bug too.
        public var failsOnModel: Bool?
        /// Why the live side has no figures (the model missed the bug, or its failing
        /// sequence passed live).
        public var note: String?

        /// The live reproducer has no more steps than the model's shrunk one and the hand-worked minimum.
        public var atModelMinimum: Bool {
            guard let live = shrunkSteps, let model = model.shrunkSteps else { return false }
            return live <= model && live <= minimum
        }
    }

    /// One bug: the model's figures, then the live shrink of the same failing sequence.
    /// `convergenceDeadline` and `quietLimit` are the live target's (LiveParity's by default:
    /// with step fences felix-sim answers each step at once, so a failing candidate gives up
    /// after 0.3 s of silence); a heavily loaded machine may need more.
    public static func row(
        bug: InjectedBug, seed: UInt64 = 1, sequences: Int = 300, budget: ShrinkBudget = defaultBudget,
        standIn: KubeStandIn, felixSim: FelixSimCommandLine, convergenceDeadline: Double = 3, quietLimit: Double = 0.3,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Row {
        let minimum = InjectionMinimum.steps[bug]?.steps ?? 0
        let modelRow = try InjectionShrinkBench.row(bug: bug, seed: seed, sequences: sequences)
        var row = Row(bug: bug.rawValue, minimum: minimum, model: modelRow)
        guard let found = try InjectionSurvey.firstFailure(bug: bug, seed: seed, budget: sequences) else {
            row.note = "the model did not find it in \(sequences) sequences"
            return row
        }
        row.foundAtSteps = found.result.scenario.steps.count
        let harness = try LiveHarness(
            server: standIn.baseURL, felixSim: felixSim, runID: "shrink-\(bug.rawValue.lowercased().prefix(40))",
            injections: [bug], convergenceDeadline: convergenceDeadline, quietLimit: quietLimit, stepFences: true,
            felixPerRun: LiveParity.bugsSeenOnlyBeforeInSync.contains(bug))
        defer { try? harness.close() }
        var configuration = CampaignConfiguration(seed: seed, target: TargetSpec(injections: [bug]), shrink: true)
        configuration.shrinkBudget = budget
        let runner = FuzzCaseRunner(configuration: configuration)
        let live: (Scenario) -> Failure? = { runner.runner.run($0, on: harness.target).failure }
        // The live side shrinks its own failure: the same sequence, judged by the live target
        // (whose signature is usually converges-within where the model names another property).
        guard let liveFailure = live(found.result.scenario) else {
            row.note = "the model's failing sequence passed live"
            return row
        }
        row.liveSignature = liveFailure.signature.description
        let hooks = ShrinkHooks(onImprovement: { _, step in progress?("\(bug.rawValue) live: \(step.line)") })
        let (reproducer, report) = runner.shrink(found.result, failure: liveFailure, hooks: hooks, evaluate: live)
        row.shrunkSteps = reproducer.stepCount
        row.evaluations = report.evaluations
        row.checkpoints = report.checkpoints
        row.seconds = report.seconds
        row.budgetExhausted = report.budgetExhausted
        row.failsOnModel = runner.evaluate(reproducer.scenario) != nil
        return row
    }

    public static func text(_ rows: [Row], budget: ShrinkBudget) -> String {
        var lines = [
            "live budget per shrink: \(budget.maxEvaluations) evaluations or "
                + String(format: "%.0f s", budget.maxSeconds) + "; model: the default budget",
            "| bug | minimum | found at steps | model steps | live steps | model evals | live evals | model checkpoints "
                + "| live checkpoints | model s | live s | live ≤ model min | live repro fails on model |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        func number(_ value: Int?) -> String { value.map(String.init) ?? "-" }
        func seconds(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
        for r in rows {
            let cells: [String] = [
                "`\(r.bug)`", String(r.minimum), number(r.foundAtSteps), number(r.model.shrunkSteps),
                r.shrunkSteps.map { "\($0)" + (r.budgetExhausted == true ? " (budget)" : "") } ?? (r.note ?? "-"),
                number(r.model.evaluations), number(r.evaluations), number(r.model.checkpoints), number(r.checkpoints),
                seconds(r.model.seconds), seconds(r.seconds),
                r.shrunkSteps == nil ? "-" : (r.atModelMinimum ? "yes" : "NO"),
                r.failsOnModel.map { $0 ? "yes" : "NO" } ?? "-",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let median = { (values: [Double], format: String) in InjectionShrinkBench.median(values, format) }
        let at = rows.filter(\.atModelMinimum).count
        lines.append(
            "| **median** | | | \(median(rows.compactMap(\.model.shrunkSteps).map(Double.init), "%.0f")) "
                + "| \(median(rows.compactMap(\.shrunkSteps).map(Double.init), "%.0f")) "
                + "| \(median(rows.compactMap(\.model.evaluations).map(Double.init), "%.0f")) "
                + "| \(median(rows.compactMap(\.evaluations).map(Double.init), "%.0f")) "
                + "| \(median(rows.compactMap(\.model.checkpoints).map(Double.init), "%.0f")) "
                + "| \(median(rows.compactMap(\.checkpoints).map(Double.init), "%.0f")) "
                + "| \(median(rows.compactMap(\.model.seconds), "%.2f")) | \(median(rows.compactMap(\.seconds), "%.2f")) "
                + "| \(at)/\(rows.count) | |")
        return lines.joined(separator: "\n")
    }
}
