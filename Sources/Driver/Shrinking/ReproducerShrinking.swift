import CalcGraph
import Calico
import Gen
import Shrink

/// Shrinking a saved reproducer again: by its choices when they still regenerate its
/// scenario with this generator version, otherwise step by step.
public enum ReproducerShrinking {
    public struct Result: Sendable {
        public var reproducer: Reproducer
        public var report: ShrinkReport
    }

    /// Nil when the reproducer does not fail on the model (with its injected bugs).
    public static func shrink(
        _ reproducer: Reproducer, injections: Set<InjectedBug>, budget: ShrinkBudget, hooks: ShrinkHooks = .none
    ) -> Result? {
        let runner = ScenarioRunner()
        let evaluate: (Scenario) -> Failure? = { runner.run($0, on: ModelTarget(injections: injections)).failure }
        guard let failure = evaluate(reproducer.scenario) else { return nil }
        let scale = reproducer.origin.scale.flatMap(ClusterScale.init(rawValue:)) ?? .small
        let generator = ScenarioGenerators.scenario(scale: scale)
        let shrunk: ShrunkFailure
        if !reproducer.choices.isEmpty, reproducer.origin.generatorVersion == GeneratorVersion.current,
            let regenerated = try? generator.replay(ChoiceSequence(reproducer.choices)),
            regenerated.value == reproducer.scenario
        {
            shrunk = FailureShrinker.shrink(
                recording: regenerated.recording, scenario: reproducer.scenario, failure: failure,
                generator: generator, budget: budget, hooks: hooks, evaluate: evaluate)
        } else {
            shrunk = FailureShrinker.shrink(
                scenario: reproducer.scenario, failure: failure, budget: budget, hooks: hooks, evaluate: evaluate)
        }
        var origin = reproducer.origin
        origin.shrunkBy = shrunk.report.shrunkBy
        let result = Reproducer(
            expect: .fail, origin: origin, target: reproducer.target, injectedBugs: reproducer.injectedBugs,
            failure: shrunk.failure, originalStepCount: reproducer.originalStepCount, choices: shrunk.choices,
            scenario: shrunk.scenario)
        return Result(reproducer: result, report: shrunk.report)
    }
}
