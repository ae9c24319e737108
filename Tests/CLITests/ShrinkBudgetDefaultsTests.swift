// `k8sfv fuzz` takes its shrink budget from the target when --shrink-evals/--shrink-time are
// left out (a live candidate costs seconds, a model one milliseconds), and a shrink's first
// line says which budget it runs with.

@testable import Driver
import Foundation
import Shrink
import Testing
@testable import K8sfvCLI

@Suite struct ShrinkBudgetDefaultsTests {
    static func budget(_ words: [String]) throws -> ShrinkBudget {
        var arguments = try Arguments(words + ["--seed", "7", "--iterations", "1"], for: FuzzCommand.self)
        return try FuzzOptions.parse(&arguments).shrinkBudget
    }

    @Test func eachTargetGetsItsOwnDefault() throws {
        #expect(try Self.budget([]) == ShrinkBudget(maxEvaluations: 5_000, maxSeconds: 60))
        #expect(try Self.budget(["--target", "live"]) == ShrinkBudget(maxEvaluations: 400, maxSeconds: 1_200))
    }

    @Test func givenBudgetsWinOverTheTargetsDefault() throws {
        let live = try Self.budget(["--target", "live", "--shrink-evals", "7", "--shrink-time", "5s"])
        #expect(live == ShrinkBudget(maxEvaluations: 7, maxSeconds: 5))
        // One given, the other from the target.
        #expect(try Self.budget(["--target", "live", "--shrink-evals", "9"]) == ShrinkBudget(maxEvaluations: 9, maxSeconds: 1_200))
    }

    @Test func theStartLineNamesTheBudgetAndWhereItCameFrom() {
        let live = TargetSpec.Kind.live.defaultShrinkBudget
        #expect(live.startLine(target: .live, isDefault: true)
            == "shrinking on the live target: budget 400 evaluations, 1200 s (default for live)")
        #expect(ShrinkBudget(maxEvaluations: 10, maxSeconds: 3).startLine(target: .model, isDefault: false)
            == "shrinking on the model target: budget 10 evaluations, 3 s (given)")
    }
}
