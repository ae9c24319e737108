import Calico
import Driver
import Foundation
import Gen
import Shrink
import Synchronization
import Testing

/// The shrinker's guarantees that do not depend on which bug is shrunk: the free cut after
/// the failing step (also with no budget at all), never a result larger than the start (also
/// against a target that fails more readily on larger scenarios, as a flaky live one can),
/// and a stop request that ends the shrink at once with the best so far, which the hooks saw.
@Suite struct FailureShrinkerTests {
    static let generator = ScenarioGenerators.scenario(scale: .small)

    /// The first generated scenario with at least `steps` steps.
    static func scenario(withAtLeast steps: Int) throws -> (Scenario, ChoiceRecording) {
        for seed in UInt64(0)..<500 {
            let (value, recording) = try generator.generate(seed: seed)
            if value.steps.count >= steps { return (value, recording) }
        }
        throw GenerationFailure(.nothingToChoose, "no scenario with \(steps) steps in 500 seeds")
    }

    static func failure(at step: Int?) -> Failure {
        Failure(property: .convergence, kind: "test-difference", stepIndex: step, stepKind: nil, details: [])
    }

    @Test func theCutAfterTheFailingStepIsFreeAndRegenerates() throws {
        let (scenario, recording) = try Self.scenario(withAtLeast: 8)
        let cut = FailureShrinker.cutOnly(
            recording: recording, scenario: scenario, failure: Self.failure(at: 2), generator: Self.generator)
        #expect(cut.scenario.steps == Array(scenario.steps.prefix(3)))
        #expect(cut.scenario.initial == scenario.initial)
        #expect(cut.report.evaluations == 0)
        #expect(try Self.generator.replay(ChoiceSequence(cut.choices)).value == cut.scenario)
        // A failure at the initial sync keeps no step; one at the teardown keeps them all.
        let atSync = FailureShrinker.cutOnly(
            recording: recording, scenario: scenario, failure: Self.failure(at: nil), generator: Self.generator)
        #expect(atSync.scenario.steps.isEmpty)
        let atTeardown = FailureShrinker.cutOnly(
            recording: recording, scenario: scenario, failure: Self.failure(at: scenario.steps.count),
            generator: Self.generator)
        #expect(atTeardown.scenario == scenario)
    }

    @Test func aSpentBudgetStillCuts() throws {
        let (scenario, recording) = try Self.scenario(withAtLeast: 8)
        let runs = Mutex(0)
        let shrunk = FailureShrinker.shrink(
            recording: recording, scenario: scenario, failure: Self.failure(at: 1), generator: Self.generator,
            budget: ShrinkBudget(maxEvaluations: 0, maxSeconds: 60)
        ) { _ in
            runs.withLock { $0 += 1 }
            return Self.failure(at: 0)
        }
        #expect(shrunk.scenario.steps.count == 2)
        #expect(runs.withLock { $0 } == 0)
        #expect(shrunk.report.budgetExhausted)
    }

    @Test func neverLargerThanTheStartEvenWhenLargerScenariosFailMoreReadily() throws {
        let (scenario, recording) = try Self.scenario(withAtLeast: 6)
        let start = scenario.steps.count
        // Fails only with at least as many steps as the start: a shortlex-smaller choice sequence
        // (a smaller cluster) with more steps would fail too, and must still not be taken.
        let shrunk = FailureShrinker.shrink(
            recording: recording, scenario: scenario, failure: Self.failure(at: start - 1), generator: Self.generator,
            budget: ShrinkBudget(maxEvaluations: 300, maxSeconds: 600)
        ) { candidate in
            candidate.steps.count >= start ? Self.failure(at: candidate.steps.count - 1) : nil
        }
        #expect(shrunk.scenario.steps.count <= start)
        #expect(shrunk.scenario.initial.count <= scenario.initial.count)
        #expect(shrunk.scenario.steps.count < start || shrunk.scenario.steps.reduce(0) { $0 + $1.writes.count }
            <= scenario.steps.reduce(0) { $0 + $1.writes.count })
    }

    @Test func aStopEndsTheShrinkWithTheBestSoFar() throws {
        let (scenario, recording) = try Self.scenario(withAtLeast: 10)
        let runs = Mutex(0)
        let seen = Mutex<[Int]>([])
        let stopAfter = 3
        let hooks = ShrinkHooks(
            shouldStop: { runs.withLock { $0 } >= stopAfter },
            onImprovement: { best, _ in seen.withLock { $0.append(best.scenario.steps.count) } })
        // Fails whenever the last of the original steps' kinds is still there: steps can go.
        let kind = scenario.steps[9].kind
        let shrunk = FailureShrinker.shrink(
            recording: recording, scenario: scenario, failure: Self.failure(at: 9), generator: Self.generator,
            budget: .default, hooks: hooks
        ) { candidate in
            runs.withLock { $0 += 1 }
            guard let index = candidate.steps.lastIndex(where: { $0.kind == kind }) else { return nil }
            return Self.failure(at: index)
        }
        #expect(runs.withLock { $0 } <= stopAfter)
        #expect(shrunk.report.budgetExhausted)
        let improvements = seen.withLock { $0 }
        #expect(improvements.first == 10)
        #expect(shrunk.scenario.steps.count == improvements.last)
        #expect(improvements == improvements.sorted(by: >))
    }
}
