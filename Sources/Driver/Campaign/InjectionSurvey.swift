import CalcGraph
import Foundation
import Gen
import Shrink

// How good is the fuzzer? For each injectable bug: how many sequences of a fixed-seed
// campaign it takes to find it, and what shrinking makes of the first failure. The test
// suite uses `sequencesToFind` (with a budget), and `k8sfv bench injections` prints the
// whole table for the docs.

public enum InjectionSurvey {
    /// One bug's row.
    public struct Row: Codable, Hashable, Sendable {
        public var bug: String
        /// 1-based: the number of sequences run up to and including the first failing one;
        /// nil when the budget ran out first.
        public var sequencesToFind: Int?
        public var signature: String?
        public var originalSteps: Int?
        public var shrunkSteps: Int?
        public var shrinkSeconds: Double?
        public var shrinkEvaluations: Int?
    }

    /// Runs sequences 0, 1, ... of `seed` with `bug` switched on until one fails or `budget`
    /// sequences have passed. Returns the failing case, if any.
    public static func firstFailure(
        bug: InjectedBug, seed: UInt64, budget: Int, scale: ClusterScale = .small
    ) throws -> (index: Int, result: FuzzCaseRunner.CaseResult, failure: Failure)? {
        let configuration = CampaignConfiguration(
            seed: seed, sequenceLimit: budget, scale: scale, target: TargetSpec(injections: [bug]), shrink: false)
        let runner = FuzzCaseRunner(configuration: configuration)
        for index in 0..<budget {
            let result = try runner.run(index: index)
            if let failure = result.outcome.failure { return (index, result, failure) }
        }
        return nil
    }

    /// The full row: detection, then shrinking with `shrinkBudget`.
    public static func row(
        bug: InjectedBug, seed: UInt64, budget: Int, shrinkBudget: ShrinkBudget
    ) throws -> Row {
        guard let found = try firstFailure(bug: bug, seed: seed, budget: budget) else {
            return Row(bug: bug.rawValue)
        }
        var configuration = CampaignConfiguration(
            seed: seed, target: TargetSpec(injections: [bug]), shrink: true)
        configuration.shrinkBudget = shrinkBudget
        let runner = FuzzCaseRunner(configuration: configuration)
        let (reproducer, report) = runner.shrink(found.result, failure: found.failure)
        return Row(
            bug: bug.rawValue, sequencesToFind: found.index + 1, signature: found.failure.signature.description,
            originalSteps: found.result.scenario.steps.count, shrunkSteps: reproducer.stepCount,
            shrinkSeconds: report.seconds, shrinkEvaluations: report.evaluations)
    }
}
