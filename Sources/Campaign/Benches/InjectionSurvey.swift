import CalcGraph
import Driver
import Foundation
import Gen

// How good is the fuzzer? For each injectable bug: the first sequence of a fixed-seed
// campaign that finds it. The tests, `bench shrink-injections` and `bench live-parity` start
// from it.

public enum InjectionSurvey {
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
}
