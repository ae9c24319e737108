import Calico
import Gen
import Foundation
import Shrink

// What a shrink spends, and the one door every candidate goes through. On a live target an
// evaluation costs up to a second per checkpoint, and a failing candidate waits out the
// convergence deadline, so the meter counts checkpoints as well as evaluations, answers
// repeated scenarios from its cache (different choice sequences often regenerate the same
// scenario), and refuses to run anything once the budget is spent or a stop was asked for.

/// Progress of a shrink, as reported after each improvement.
public struct ShrinkProgress: Sendable {
    /// `cut`, `steps`, `choices` or `polish`.
    public var stage: String
    public var steps: Int
    public var initialObjects: Int
    public var evaluations: Int
    public var checkpoints: Int
    public var seconds: Double

    public var line: String {
        "shrinking (\(stage)): \(steps) step\(steps == 1 ? "" : "s"), \(initialObjects) initial object\(initialObjects == 1 ? "" : "s"); "
            + "\(evaluations) evaluation\(evaluations == 1 ? "" : "s"), \(checkpoints) checkpoints, "
            + String(format: "%.1f s", seconds)
    }
}

/// Hooks a caller may give a shrink: a stop request (checked before every candidate) and a
/// callback with each new best, so the best so far can be written to disk and shown.
public struct ShrinkHooks: Sendable {
    public var shouldStop: @Sendable () -> Bool
    public var onImprovement: @Sendable (ShrunkFailure, ShrinkProgress) -> Void

    public init(
        shouldStop: @escaping @Sendable () -> Bool = { false },
        onImprovement: @escaping @Sendable (ShrunkFailure, ShrinkProgress) -> Void = { _, _ in }
    ) {
        self.shouldStop = shouldStop
        self.onImprovement = onImprovement
    }

    public static let none = ShrinkHooks()
}

final class ShrinkMeter {
    private let run: (Scenario) -> Failure?
    private let budget: ShrinkBudget
    private let shouldStop: () -> Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var cache: [Scenario: Failure?] = [:]
    private(set) var evaluations = 0
    private(set) var checkpoints = 0
    private(set) var cacheHits = 0
    /// Time spent inside the target's runs (the rest is the shrinker's own work).
    private(set) var runTime: Duration = .zero
    /// Set once a candidate was refused for lack of budget (or a stop request).
    private(set) var stopped = false

    init(budget: ShrinkBudget, shouldStop: @escaping () -> Bool, run: @escaping (Scenario) -> Failure?) {
        self.budget = budget
        self.shouldStop = shouldStop
        self.run = run
        start = clock.now
    }

    var seconds: Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// True when no further candidate may run.
    var exhausted: Bool {
        if stopped { return true }
        if evaluations >= budget.maxEvaluations || seconds >= budget.maxSeconds || shouldStop() { stopped = true }
        return stopped
    }

    /// Evaluations still allowed.
    var remainingEvaluations: Int { max(0, budget.maxEvaluations - evaluations) }
    var remainingSeconds: Double { max(0, budget.maxSeconds - seconds) }

    /// Records a result learnt without running (a free cut), so the cache can answer it.
    func remember(_ scenario: Scenario, _ failure: Failure?) {
        if cache[scenario] == nil { cache[scenario] = .some(failure) }
    }

    /// The candidate's failure; nil when it passes or may not run (budget spent, stop asked).
    func evaluate(_ scenario: Scenario) -> Failure? {
        if let known = cache[scenario] {
            cacheHits += 1
            return known
        }
        if exhausted { return nil }
        evaluations += 1
        let t0 = clock.now
        let failure = run(scenario)
        runTime += clock.now - t0
        checkpoints += Self.checkpoints(of: scenario, failure: failure)
        // A stop that arrived during the run may have cut it short: its answer is not kept.
        if !shouldStop() { cache[scenario] = .some(failure) }
        return failure
    }

    /// The flushes a run of `scenario` went through: the pre-sync and in-sync flushes, one per
    /// step run, and the teardown when it got there.
    static func checkpoints(of scenario: Scenario, failure: Failure?) -> Int {
        guard let failure else { return scenario.steps.count + 3 }
        guard let index = failure.stepIndex else {
            if failure.property == .targetError { return scenario.steps.count + 3 }
            return failure.kind == "endpoint-before-insync" ? 1 : 2
        }
        return min(index, scenario.steps.count) + 3
    }
}
