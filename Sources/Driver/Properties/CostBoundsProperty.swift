import Calico

// *cost bounds*: what one step may emit, by what the step touched. The classes follow how
// Felix's graph is wired (spec felix-semantics.md §3.1): remote endpoints reach only the
// IP-set member index; namespace labels reach endpoints only through profile-label
// inheritance (policy selectors never read `pcns.` keys, so only IP set members move);
// a rules-only policy change re-sends the policy, never the endpoints
// (felix/calc/policy_resolver.go marks endpoints dirty only on metadata changes).
//
// | step touches                         | may emit                                              |
// |--------------------------------------|-------------------------------------------------------|
// | only pods on remote hosts            | IPSetDeltaUpdate                                      |
// | only existing namespaces' labels     | IPSetDeltaUpdate                                      |
// | only existing policies' rules        | ≤1 ActivePolicyUpdate each, IPSetUpdate, IPSetRemove   |
// | one pod on the local host            | ≤1 endpoint update and ≤1 remove, ≤2 profile updates   |
// |                                      | and removes, policy and IP set changes                 |
// Messages k8sfv does not model (config, namespaces, host metadata) are not counted.

/// The classes of step whose output has a known bound.
enum StepCostClass: Equatable {
    case remotePodsOnly
    case namespaceLabelsOnly
    case policyRulesOnly(policies: Int)
    case oneLocalPod
    case unbounded

    static func classify(_ o: StepObservation) -> StepCostClass {
        let refs = Set(o.writes.map(\.ref))
        guard !refs.isEmpty else { return .unbounded }
        if refs.allSatisfy({ $0.kind == .pod }) {
            let hosts = refs.flatMap { ref -> [String?] in
                [podHost(o.before.object(ref)), podHost(o.after.object(ref))]
            }.compactMap { $0 }
            if hosts.allSatisfy({ $0 != o.localHost }) { return .remotePodsOnly }
            if refs.count == 1 { return .oneLocalPod }
            return .unbounded
        }
        if refs.allSatisfy({ $0.kind == .namespace }),
            refs.allSatisfy({ o.before.object($0) != nil && o.after.object($0) != nil })
        {
            return .namespaceLabelsOnly
        }
        // Only puts: a policy deleted and created again within the step (replacePolicy) was
        // inactive for a moment, so Felix re-resolves its endpoints (policy_resolver.go marks
        // them dirty on the delete) even when the end state differs only in rules.
        if refs.allSatisfy({ $0.kind == .networkPolicy }),
            o.writes.allSatisfy({ if case .put = $0 { return true } else { return false } }),
            refs.allSatisfy({ ref in
                guard case .networkPolicy(let old)? = o.before.object(ref),
                    case .networkPolicy(let new)? = o.after.object(ref)
                else { return false }
                return sameMetadata(old, new)
            })
        {
            return .policyRulesOnly(policies: refs.count)
        }
        return .unbounded
    }

    private static func podHost(_ object: KubeObject?) -> String? {
        guard case .pod(let pod)? = object else { return nil }
        return pod.spec.nodeName ?? ""
    }

    /// Same selector and same types: only the rules can differ.
    private static func sameMetadata(_ a: NetworkPolicy, _ b: NetworkPolicy) -> Bool {
        guard a.metadata.labels == b.metadata.labels, a.spec.podSelector == b.spec.podSelector else { return false }
        if a.spec.policyTypes != b.spec.policyTypes { return false }
        // With no explicit types, whether egress rules exist decides the types.
        if a.spec.policyTypes == nil { return (a.spec.egress == nil) == (b.spec.egress == nil) }
        return true
    }
}

enum CostBoundsProperty {
    static func check(_ o: StepObservation) -> Failure? {
        guard o.stepIndex != nil, o.stepKind != nil else { return nil }
        var counts: [String: Int] = [:]
        for message in o.messages {
            if case .unmodelled = message { continue }
            counts[message.kindName, default: 0] += 1
        }
        let cls = StepCostClass.classify(o)
        let limits: [String: Int]
        let label: String
        switch cls {
        case .unbounded:
            return nil
        case .remotePodsOnly:
            label = "a step touching only remote pods"
            limits = ["IPSetDeltaUpdate": Int.max]
        case .namespaceLabelsOnly:
            label = "a namespace label change"
            limits = ["IPSetDeltaUpdate": Int.max]
        case .policyRulesOnly(let n):
            label = "a change to policy rules only"
            limits = ["ActivePolicyUpdate": n, "IPSetUpdate": Int.max, "IPSetRemove": Int.max]
        case .oneLocalPod:
            label = "a step touching one local pod"
            limits = [
                "WorkloadEndpointUpdate": 1, "WorkloadEndpointRemove": 1,
                "ActiveProfileUpdate": 2, "ActiveProfileRemove": 2,
                "ActivePolicyUpdate": Int.max, "ActivePolicyRemove": Int.max,
                "IPSetUpdate": Int.max, "IPSetDeltaUpdate": Int.max, "IPSetRemove": Int.max,
            ]
        }
        var details: [String] = []
        for kind in counts.keys.sorted() {
            let count = counts[kind]!
            let limit = limits[kind] ?? 0
            if count > limit {
                details.append("\(label) emitted \(count) \(kind) (at most \(limit == 0 ? "none" : String(limit)) allowed)")
            }
        }
        guard !details.isEmpty else { return nil }
        return o.failure(.costBounds, "over-bound", details)
    }
}
