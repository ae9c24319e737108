import Calico
import Driver
import Foundation
import Gen
import Live

// One sequence of a campaign: generate it from its derived seed (recording every choice),
// run it, and, if it fails, shrink it to a minimal reproducer. Workers, shards and the
// Swift Testing entry point all go through here, so a failure found anywhere is the same
// failure everywhere: sequence i of seed S is a pure function of (S, i, k8sfv's version).

/// Generates, runs and shrinks single sequences for one configuration.
public struct FuzzCaseRunner: Sendable {
    public var configuration: CampaignConfiguration
    public var generator: Gen<Scenario>
    public var runner: ScenarioRunner

    public init(configuration: CampaignConfiguration) {
        self.configuration = configuration
        generator = ScenarioGenerators.scenario(scale: configuration.scale)
        runner = ScenarioRunner(properties: configuration.properties)
    }

    /// A fresh target for one run (wrapped by the test-only trap when its variable is set).
    public func makeTarget(for scenario: Scenario) throws -> any Target {
        let target: any Target
        if let custom = configuration.customTarget {
            target = try custom.make()
        } else {
            switch configuration.target.kind {
            case .model: target = ModelTarget(injections: configuration.target.injections)
            case .live: target = try LiveTargets.make()
            }
        }
        return TestTrap.current.map { $0.wrapping(target, scenario: scenario) } ?? target
    }

    /// The result of running sequence `index`.
    public struct CaseResult: Sendable {
        public var index: Int
        public var scenario: Scenario
        public var recording: ChoiceRecording
        public var outcome: ScenarioOutcome
        public init(index: Int, scenario: Scenario, recording: ChoiceRecording, outcome: ScenarioOutcome) {
            self.index = index
            self.scenario = scenario
            self.recording = recording
            self.outcome = outcome
        }
    }

    /// Generates sequence `index` without running it.
    public func generate(index: Int) throws -> (scenario: Scenario, recording: ChoiceRecording) {
        let (scenario, recording) = try generator.generate(seed: configuration.sequenceSeed(index))
        return (scenario, recording)
    }

    /// Generates and runs sequence `index`.
    public func run(index: Int) throws -> CaseResult {
        let (scenario, recording) = try generate(index: index)
        let outcome = runner.run(scenario, on: try makeTarget(for: scenario))
        return CaseResult(index: index, scenario: scenario, recording: recording, outcome: outcome)
    }

    /// Runs a scenario once and returns its failure, if any.
    public func evaluate(_ scenario: Scenario) -> Failure? {
        guard let target = try? makeTarget(for: scenario) else { return nil }
        return runner.run(scenario, on: target).failure
    }

    /// Shrinks a failing case and builds its reproducer (not yet saved).
    /// `evaluate` runs one candidate (default: in this process); crash isolation passes one
    /// that runs each candidate in a child process.
    public func shrink(
        _ result: CaseResult, failure: Failure, hooks: ShrinkHooks = .none,
        evaluate customEvaluate: ((Scenario) -> Failure?)? = nil
    ) -> (Reproducer, ShrinkReport) {
        let shrunk: ShrunkFailure
        if configuration.shrink {
            shrunk = FailureShrinker.shrink(
                recording: result.recording, scenario: result.scenario, failure: failure,
                generator: generator, budget: configuration.shrinkBudget, hooks: hooks, evaluate: customEvaluate ?? evaluate)
        } else {
            // Not shrunk, but cut after the failing step: that costs nothing (FailureCut).
            shrunk = FailureShrinker.cutOnly(
                recording: result.recording, scenario: result.scenario, failure: failure, generator: generator)
        }
        let reproducer = reproducer(result, shrunk: shrunk)
        return (reproducer, shrunk.report)
    }

    /// The reproducer for a shrink's best so far (for writing it to disk while shrinking goes on).
    public func reproducer(_ result: CaseResult, shrunk: ShrunkFailure) -> Reproducer {
        Reproducer(
            expect: .fail,
            origin: Reproducer.Origin(
                seed: String(configuration.seed), index: result.index, scale: configuration.scale.rawValue,
                generatorVersion: GeneratorVersion.current, shrunkBy: shrunk.report.shrunkBy),
            target: configuration.customTarget?.name ?? configuration.target.kind.rawValue, injectedBugs: configuration.target.injectionNames,
            failure: shrunk.failure, originalStepCount: result.scenario.steps.count, choices: shrunk.choices,
            scenario: shrunk.scenario)
    }
}
