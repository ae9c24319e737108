import Calico
import Gen

// Step-level reduction deletes steps and simplifies objects without a generator to keep the
// result meaningful, so every candidate is repaired before it runs: a write that the API
// server would refuse in that state (an object in a namespace that does not exist, a delete
// of an object that is not there) is dropped, and a step left with no writes goes with it.
// Replay of a hand-edited file gets the same treatment, so a user's edit cannot make the
// live target fail on a 404 that the model would silently ignore.

public enum ScenarioRepair {
    /// The scenario with every write that cannot apply dropped (and empty steps removed).
    public static func repaired(_ scenario: Scenario) -> Scenario {
        var snapshot = ClusterSnapshot()
        var result = scenario
        result.initial = []
        // Namespaces and nodes first, whatever order the file lists them in.
        let initial = scenario.initial.sorted { $0.kind < $1.kind }
        for object in initial where canApply(.put(object), to: snapshot) {
            snapshot.apply(.put(object))
            result.initial.append(object)
        }
        result.steps = []
        for var step in scenario.steps {
            var kept: [Write] = []
            for write in step.writes where canApply(write, to: snapshot) {
                snapshot.apply(write)
                kept.append(write)
            }
            guard !kept.isEmpty else { continue }
            step.writes = kept
            result.steps.append(step)
        }
        return result
    }

    /// Whether the API server would accept this write in this state.
    public static func canApply(_ write: Write, to snapshot: ClusterSnapshot) -> Bool {
        switch write {
        case .delete(let ref):
            guard snapshot.object(ref) != nil else { return false }
            // A namespace goes only once it is empty (the generators delete its pods and
            // policies first, as the namespace controller would).
            if ref.kind == .namespace {
                return !snapshot.pods.keys.contains { $0.namespace == ref.name }
                    && !snapshot.policies.keys.contains { $0.namespace == ref.name }
            }
            return true
        case .put(let object):
            guard object.kind.isNamespaced else { return true }
            return snapshot.namespaces[object.metadata.namespace ?? "default"] != nil
        }
    }
}
