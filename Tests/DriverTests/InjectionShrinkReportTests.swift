import CalcGraph
import Campaign
import Driver
import Foundation
import Gen
import Shrink
import Testing

/// For every injected bug, on every run of `swift test`: the campaign path (seed 1, the same
/// `FuzzCaseRunner.shrink` as `k8sfv fuzz`, default budget) finds it, shrinks it, and the
/// reproducer has no more steps than the smallest sequence that can show the bug (worked out
/// by hand, `InjectionMinimum`, for the identity of the failure found), is no larger than the sequence it started from, and replays
/// to the same failure. One test case per bug, so the cases run side by side.
/// `k8sfv bench shrink-injections` prints the same run as a table with its costs.
@Suite struct InjectionShrinkReportTests {
    static let seed: UInt64 = 1
    static let budget = 300
    /// No bug's shrink may cost more (the median goal is 200; the bench prints each figure).
    static let evaluationCeiling = 600

    // Kubernetes-reachable bugs only: the Calico ones are found by the Calico sequences (issue 16).
    @Test(arguments: InjectedBug.kubernetesReachable)
    func shrinksToItsMinimumAndReplays(_ bug: InjectedBug) throws {
        let minimum = try #require(InjectionMinimum.steps[bug], "no stated minimum for \(bug.rawValue)")
        let found = try #require(
            try InjectionSurvey.firstFailure(bug: bug, seed: Self.seed, budget: Self.budget),
            "\(bug.rawValue): not found in \(Self.budget) sequences of seed \(Self.seed)")
        var configuration = CampaignConfiguration(seed: Self.seed, target: TargetSpec(injections: [bug]), shrink: true)
        // Evaluations only, no clock: the result must not depend on how loaded the machine is.
        configuration.shrinkBudget = ShrinkBudget(maxEvaluations: ShrinkBudget.default.maxEvaluations, maxSeconds: 1e9)
        let runner = FuzzCaseRunner(configuration: configuration)
        let (reproducer, report) = runner.shrink(found.result, failure: found.failure)
        // The minimum for the first failure's identity, which the shrink keeps (InjectionMinimum).
        #expect(reproducer.stepCount <= minimum.shrinkTarget,
                "\(bug.rawValue): shrunk to \(reproducer.stepCount) steps, the minimum is \(minimum.shrinkTarget) (\(report.evaluations) evaluations)")
        #expect(!report.budgetExhausted, "\(bug.rawValue): the budget ran out (\(report.evaluations) evaluations)")
        #expect(report.evaluations <= Self.evaluationCeiling,
                "\(bug.rawValue): \(report.evaluations) evaluations, more than \(Self.evaluationCeiling)")
        #expect(reproducer.scenario.steps.count <= found.result.scenario.steps.count)
        #expect(reproducer.scenario.initial.count <= found.result.scenario.initial.count)
        let replayed = runner.evaluate(reproducer.scenario)
        #expect(replayed?.signature == found.failure.signature,
                "\(bug.rawValue): the reproducer replays to \(replayed?.signature.description ?? "a pass")")
        if !reproducer.choices.isEmpty {
            let regenerated = try runner.generator.replay(ChoiceSequence(reproducer.choices)).value
            #expect(regenerated == reproducer.scenario, "\(bug.rawValue): the saved choices do not regenerate the scenario")
        }
    }
}
