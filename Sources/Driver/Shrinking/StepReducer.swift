import Calico
import Foundation
import Gen
import Shrink

// Step-level reduction for scenarios without a usable recording. Delta debugging over the
// steps (then the initial objects) removes chunks while the failure keeps its signature;
// then each remaining object is simplified one small change at a time. Every candidate is
// repaired first (ScenarioRepair), so it is always a sequence the API server would accept.
// The loop ends when no single step, no single initial object and no single simplification
// can go: the result is 1-minimal.

public enum StepReducer {
    public struct Result: Sendable {
        public var scenario: Scenario
        public var failure: Failure
        public var evaluations: Int
        public var budgetExhausted: Bool
    }

    public static func reduce(
        _ scenario: Scenario, failure: Failure, budget: ShrinkBudget, isExhausted: () -> Bool = { false },
        onImprovement: (Scenario, Failure) -> Void = { _, _ in }, evaluate: (Scenario) -> Failure?
    ) -> Result {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(min(max(budget.maxSeconds, 0), 1e9) * 1000))
        var evaluations = 0
        var exhausted = false
        var best = FailureCut.cut(scenario, at: failure)
        let repairedStart = ScenarioRepair.repaired(best)
        if repairedStart != best, evaluate(repairedStart)?.signature == failure.signature {
            best = repairedStart
        }
        var bestFailure = failure
        let signature = failure.signature
        var cache: Set<Scenario> = []

        /// Tries a candidate; keeps it when it fails the same way.
        func attempt(_ candidate: Scenario) -> Bool {
            if exhausted { return false }
            if evaluations >= budget.maxEvaluations || clock.now >= deadline || isExhausted() {
                exhausted = true
                return false
            }
            let repaired = ScenarioRepair.repaired(candidate)
            guard repaired != best, cache.insert(repaired).inserted else { return false }
            evaluations += 1
            guard let found = evaluate(repaired), found.signature == signature else { return false }
            // A failure that now happens earlier takes the steps after it with it, for free.
            best = FailureCut.cut(repaired, at: found)
            bestFailure = found
            onImprovement(best, found)
            return true
        }

        var progress = true
        while progress && !exhausted {
            progress = false
            // Chunks of steps, halving the chunk size (ddmin's complement tests).
            var chunk = max(1, best.steps.count / 2)
            while chunk >= 1 && !exhausted {
                var start = 0
                while start < best.steps.count && !exhausted {
                    var candidate = best
                    candidate.steps.removeSubrange(start..<min(start + chunk, candidate.steps.count))
                    if attempt(candidate) { progress = true } else { start += chunk }
                }
                chunk /= 2
            }
            // Fold the first step into the initial cluster: a state the steps reach may be
            // one the cluster can start in (a pod created already finished, a policy that
            // arrives after another), and then those steps are not needed at all.
            while !best.steps.isEmpty && !exhausted && attempt(foldingFirstStep(of: best)) { progress = true }
            // Initial objects, one at a time (dependents go with them through repair).
            var index = 0
            while index < best.initial.count && !exhausted {
                var candidate = best
                candidate.initial.remove(at: index)
                if attempt(candidate) { progress = true } else { index += 1 }
            }
            // Simplify objects in place: initial objects, then each step's puts.
            for i in best.initial.indices where i < best.initial.count {
                for simpler in ObjectSimplifier.candidates(for: best.initial[i]) where !exhausted {
                    var candidate = best
                    guard i < candidate.initial.count else { break }
                    candidate.initial[i] = simpler
                    if attempt(candidate) { progress = true; break }
                }
            }
            for s in best.steps.indices where s < best.steps.count {
                for w in best.steps[s].writes.indices where w < best.steps[s].writes.count {
                    guard case .put(let object) = best.steps[s].writes[w] else { continue }
                    for simpler in ObjectSimplifier.candidates(for: object) where !exhausted {
                        var candidate = best
                        guard s < candidate.steps.count, w < candidate.steps[s].writes.count else { break }
                        candidate.steps[s].writes[w] = .put(simpler)
                        if attempt(candidate) { progress = true; break }
                    }
                }
            }
        }
        return Result(scenario: best, failure: bestFailure, evaluations: evaluations, budgetExhausted: exhausted)
    }

    /// The scenario with its first step's writes applied to the initial objects: a put
    /// replaces the object of the same kind and name in place (or is appended, keeping the
    /// order of arrival), a delete removes it.
    static func foldingFirstStep(of scenario: Scenario) -> Scenario {
        var result = scenario
        guard let first = result.steps.first else { return result }
        result.steps.removeFirst()
        for write in first.writes {
            switch write {
            case .put(let object):
                if let index = result.initial.firstIndex(where: { $0.ref == object.ref }) {
                    result.initial[index] = object
                } else {
                    result.initial.append(object)
                }
            case .delete(let ref):
                result.initial.removeAll { $0.ref == ref }
            }
        }
        return result
    }
}
