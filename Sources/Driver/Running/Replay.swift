import Calico
import Gen

// Replaying a reproducer runs its stored steps (not its seed) several times. A target that
// gives different verdicts across runs is reported as flaky rather than pass or fail.

/// The verdict of replaying one reproducer.
public struct ReplayResult: Sendable {
    public enum Verdict: String, Sendable {
        /// Every run passed every property.
        case pass
        /// Every run failed, with the same signature.
        case fail
        /// Runs disagreed.
        case flaky
    }

    public var verdict: Verdict
    /// The failure of the first failing run.
    public var failure: Failure?
    /// Each run's failure signature (nil = passed).
    public var signatures: [FailureSignature?]

    /// True when the verdict is what the reproducer file says it should be: `pass` for a
    /// passing entry, `fail` with the same signature for a failing one (a file written before
    /// failures had aspects matches any aspect of its property and kind).
    public func matches(_ reproducer: Reproducer) -> Bool {
        switch (reproducer.expect, verdict) {
        case (.pass, .pass): return true
        case (.fail, .fail):
            guard let found = failure?.signature, let recorded = reproducer.failure?.signature else { return false }
            return recorded.admits(found)
        default: return false
        }
    }
}

public enum Replayer {
    /// Runs `scenario` `runs` times, each on a fresh target from `makeTarget`.
    public static func replay(
        _ scenario: Scenario, runs: Int = 3, properties: PropertySet = .all,
        makeTarget: () throws -> any Target
    ) rethrows -> ReplayResult {
        let runner = ScenarioRunner(properties: properties)
        var signatures: [FailureSignature?] = []
        var firstFailure: Failure?
        for _ in 0..<max(1, runs) {
            let outcome = runner.run(scenario, on: try makeTarget())
            signatures.append(outcome.failure?.signature)
            if firstFailure == nil { firstFailure = outcome.failure }
        }
        let distinct = Set(signatures.map { $0?.description ?? "pass" })
        let verdict: ReplayResult.Verdict
        if distinct.count > 1 {
            verdict = .flaky
        } else {
            verdict = signatures.first! == nil ? .pass : .fail
        }
        return ReplayResult(verdict: verdict, failure: firstFailure, signatures: signatures)
    }
}
