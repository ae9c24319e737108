import Calico

// *work bounds*: what one step may cost the calc graph, in selector evaluations (one endpoint
// judged against one policy or IP-set selector), the unit Felix's own cost notes use
// (felix/calc/active_rules_calculator.go, felix/labelindex/label_inheritance_index.go and the
// cost table in felix/k8sfv/README.md, summarised in spec felix-live.md §4). Messages can be
// few while the work behind them explodes (an index that re-scans everything on each change
// emits exactly what a correct one does), so this reads the target's work counter directly.
//
// Where the work comes from, and so the bound (S = active IP sets, N = policies, E = pods,
// all the larger of before and after the step):
// - a pod written (created, relabelled, moved, readdressed): judged against every IP-set
//   selector and, on the local host, every policy selector: at most S + N;
// - a namespace written: its pods re-judged through label inheritance: pods × (S + N);
// - a policy written: a new selector is judged against every local endpoint: at most E;
// - an IP set activated: judged against every endpoint: at most E each. A set can be
//   activated without showing as new, when it went inactive and came back within the step:
//   a policy deleted and created again, or the only local pod a policy selects deleted and
//   created again (a restart). So each policy write, and each write of a pod on this host,
//   allows every set's re-activation too: at most S × E.
// And a floor: a step that creates an endpoint while IP sets are active must judge it at
// least once (felix/labelindex: a new endpoint is evaluated against every active selector),
// so a counter that stopped counting is caught too.

enum WorkBoundsProperty {
    static func check(_ o: StepObservation) -> Failure? {
        guard o.stepIndex != nil, let work = o.selectorEvaluations else { return nil }
        let bound = WorkBound(o)
        if work > bound.limit {
            return o.failure(.costBounds, "over-work", [
                "the step made \(work) selector evaluations; at most \(bound.limit) allowed (\(bound.explanation))"
            ])
        }
        if work == 0, let endpoint = bound.newEndpointWhileSetsActive {
            return o.failure(.costBounds, "uncounted-work", [
                "endpoint \(endpoint) appeared while \(bound.setsActiveThroughout) IP set(s) stayed active, "
                    + "but the step made no selector evaluation"
            ])
        }
        return nil
    }
}

/// The most selector evaluations one step may take, computed from the step alone.
struct WorkBound {
    var limit: Int
    var explanation: String
    /// A pod that became an endpoint in this step, if any (the floor's witness).
    var newEndpointWhileSetsActive: String?
    var setsActiveThroughout: Int

    init(_ o: StepObservation) {
        let setsAfter = Set(o.observed.ipSets.keys)
        let s = max(o.ipSetsBefore.count, setsAfter.count)
        let n = max(o.before.policies.count, o.after.policies.count)
        let e = max(o.before.pods.count, o.after.pods.count)
        let newSets = setsAfter.subtracting(o.ipSetsBefore).count

        var podWrites = 0, localPodWrites = 0, policyWrites = 0, namespacePods = 0
        for write in o.writes {
            let ref = write.ref
            switch ref.kind {
            case .pod:
                podWrites += 1
                let hosts = [o.before.object(ref), o.after.object(ref)].compactMap { object -> String? in
                    guard case .pod(let pod)? = object else { return nil }
                    return pod.spec.nodeName
                }
                if hosts.contains(o.localHost) { localPodWrites += 1 }
            case .networkPolicy: policyWrites += 1
            case .namespace:
                let inNamespace = { (snapshot: ClusterSnapshot) in
                    snapshot.pods.values.count(where: { $0.metadata.namespace == ref.name })
                }
                namespacePods += max(inNamespace(o.before), inNamespace(o.after))
            case .serviceAccount:
                // The first one ends the assumption that every account exists: any pod may
                // be re-evaluated.
                namespacePods += max(o.before.pods.count, o.after.pods.count)
            case .node: break
            }
        }
        limit = (podWrites + namespacePods) * (s + n) + localPodWrites * s * e + policyWrites * e * (1 + s)
            + newSets * e
        explanation = "\(podWrites) pod write(s) and \(namespacePods) pod(s) of written namespaces × "
            + "(\(s) IP sets + \(n) policies), \(localPodWrites) local pod write(s) × \(s) IP sets × \(e) pods, "
            + "\(policyWrites) policy write(s) × \(e) pods × (1 + \(s)), \(newSets) new IP set(s) × \(e) pods"

        setsActiveThroughout = o.ipSetsBefore.intersection(setsAfter).count
        newEndpointWhileSetsActive = nil
        guard setsActiveThroughout > 0 else { return }
        for write in o.writes where write.ref.kind == .pod {
            guard case .pod(let pod)? = o.after.object(write.ref), PodConversion.endpoint(for: pod) != nil else {
                continue
            }
            if case .pod(let old)? = o.before.object(write.ref), PodConversion.endpoint(for: old) != nil { continue }
            newEndpointWhileSetsActive = write.ref.description
            return
        }
    }
}
