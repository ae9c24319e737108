import Calico

// Checks that a scenario only refers to objects that exist when each write happens: deletes and
// updates target live objects, creates target absent ones (per step kind), and every pod or policy
// lives in an existing namespace. Generators promise this; the check lets tests (and step-level
// shrinking, which drops steps) verify it. Cost: one pass over the writes, O(writes · log objects).

public enum ScenarioIntegrity {
    /// Human-readable problems, in scenario order; empty when the scenario is consistent.
    public static func problems(in scenario: Scenario) -> [String] {
        var problems: [String] = []
        var snapshot = ClusterSnapshot()
        for object in scenario.initial {
            if let problem = namespaceProblem(object, in: snapshot) { problems.append("initial: \(problem)") }
            snapshot.apply(.put(object))
        }
        if snapshot.nodes[scenario.localHost] == nil {
            problems.append("initial: the local host '\(scenario.localHost)' has no Node object")
        }
        for (index, step) in scenario.steps.enumerated() {
            let before = snapshot
            if step.writes.isEmpty { problems.append("step \(index) (\(step.kind.rawValue)): no writes") }
            for write in step.writes {
                let at = "step \(index) (\(step.kind.rawValue))"
                switch write {
                case .delete(let ref):
                    if snapshot.object(ref) == nil { problems.append("\(at): deletes missing \(ref)") }
                    if ref.kind == .namespace, snapshot.pods.keys.contains(where: { $0.namespace == ref.name })
                        || snapshot.policies.keys.contains(where: { $0.namespace == ref.name }) {
                        problems.append("\(at): deletes \(ref) while it still holds pods or policies")
                    }
                case .put(let object):
                    if let problem = namespaceProblem(object, in: snapshot) { problems.append("\(at): \(problem)") }
                    let exists = snapshot.object(object.ref) != nil
                    // Only the API server sets deletionTimestamp, on an object that exists
                    // (a graceful delete); it never clears it. A create cannot carry one.
                    let deleting = object.metadata.deletionTimestamp != nil
                    if deleting, !exists { problems.append("\(at): creates \(object.ref) with a deletionTimestamp") }
                    if !deleting, snapshot.object(object.ref)?.metadata.deletionTimestamp != nil {
                        problems.append("\(at): clears the deletionTimestamp of \(object.ref)")
                    }
                    if let wantsNew = createsNew(step.kind, object.kind), wantsNew == exists {
                        problems.append("\(at): \(wantsNew ? "creates existing" : "updates missing") \(object.ref)")
                    }
                    if step.kind == .rewriteUnchanged, snapshot.object(object.ref) != object {
                        problems.append("\(at): rewrites \(object.ref) with changes")
                    }
                }
                snapshot.apply(write)
            }
            if step.kind != .rewriteUnchanged, before == snapshot {
                problems.append("step \(index) (\(step.kind.rawValue)): changes nothing")
            }
        }
        return problems
    }

    /// Whether a put of `object` in a step of `kind` must create (true) or update (false) it;
    /// nil when either is fine.
    private static func createsNew(_ kind: StepKind, _ object: ObjectKind) -> Bool? {
        switch (kind, object) {
        case (.createPod, .pod), (.movePod, .pod), (.restartPod, .pod), (.createNamespace, .namespace),
            (.createPolicy, .networkPolicy), (.replacePolicy, .networkPolicy):
            return true
        case (.relabelPod, .pod), (.setPodIP, .pod), (.clearPodIP, .pod), (.finishPod, .pod), (.terminatePod, .pod),
            (.relabelNamespace, .namespace), (.rotateMaturity, .namespace),
            (.changePolicySelector, .networkPolicy), (.changePolicyRules, .networkPolicy),
            (.rewriteUnchanged, _):
            return false
        case (.toggleDefaultDeny, .networkPolicy):
            return true
        default:
            return nil
        }
    }

    private static func namespaceProblem(_ object: KubeObject, in snapshot: ClusterSnapshot) -> String? {
        guard object.kind.isNamespaced else { return nil }
        let namespace = object.metadata.namespace ?? "default"
        if snapshot.namespaces[namespace] == nil {
            return "\(object.ref) is in missing namespace '\(namespace)'"
        }
        return nil
    }
}
