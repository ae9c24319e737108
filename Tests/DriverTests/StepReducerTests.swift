import CalcGraph
import Campaign
import Driver
import Gen
import Shrink
import Testing

/// `StepReducer` is the one delta-debugging routine (the generic `DeltaDebugging` copy in the
/// Shrink module, used only by its own tests, is gone): its result is 1-minimal in steps and
/// initial objects, it keeps the failure's identity, and it stops at its budget.
@Suite struct StepReducerTests {
    static func failing(_ bug: InjectedBug) throws -> (scenario: Scenario, failure: Failure, runner: FuzzCaseRunner) {
        let found = try #require(try InjectionSurvey.firstFailure(bug: bug, seed: 1, budget: 100))
        let runner = FuzzCaseRunner(configuration: CampaignConfiguration(
            seed: 1, target: TargetSpec(injections: [bug]), shrink: false))
        return (found.result.scenario, found.failure, runner)
    }

    @Test func reachesAOneMinimalScenarioWithTheSameIdentity() throws {
        let (scenario, failure, runner) = try Self.failing(.memberNotRefCounted)
        let result = StepReducer.reduce(
            scenario, failure: failure, budget: ShrinkBudget(maxEvaluations: 2_000, maxSeconds: 1e9),
            evaluate: runner.evaluate)
        #expect(!result.budgetExhausted)
        #expect(result.failure.signature == failure.signature)
        #expect(result.scenario.steps.count < scenario.steps.count)
        #expect(runner.evaluate(result.scenario)?.signature == failure.signature)
        // Removing any one step, or any one initial object, loses the failure (after the same
        // repair the reducer applies to its candidates).
        for index in result.scenario.steps.indices {
            var smaller = result.scenario
            smaller.steps.remove(at: index)
            let repaired = ScenarioRepair.repaired(smaller)
            #expect(runner.evaluate(repaired)?.signature != failure.signature, "step \(index) could go")
        }
        for index in result.scenario.initial.indices {
            var smaller = result.scenario
            smaller.initial.remove(at: index)
            let repaired = ScenarioRepair.repaired(smaller)
            #expect(runner.evaluate(repaired)?.signature != failure.signature, "initial object \(index) could go")
        }
    }

    @Test func stopsAtTheBudget() throws {
        let (scenario, failure, runner) = try Self.failing(.memberNotRefCounted)
        var calls = 0
        let result = StepReducer.reduce(
            scenario, failure: failure, budget: ShrinkBudget(maxEvaluations: 3, maxSeconds: 1e9)
        ) { candidate in
            calls += 1
            return runner.evaluate(candidate)
        }
        #expect(result.budgetExhausted)
        #expect(result.evaluations <= 3)
        #expect(calls <= 4, "at most the budget, plus the one check of the repaired start")
        #expect(result.failure.signature == failure.signature)
    }
}
