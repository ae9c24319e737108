import Calico

// What a failure's kind alone does not say: several different bugs show the same kind
// (four injected bugs leave an IP set member missing), so a failure's identity also names
// the aspect that differs, in terms that survive shrinking. An aspect never contains a
// random name (an IP set's hash, a pod's name): it names the object's role (what kind of rule
// match references the set; what the step did to the policy still holding a removed set) and
// what the dataplane message that last touched it did. Every function here
// reads only sorted collections, so the same run gives the same aspect.

enum FailureAspect {
    // MARK: convergence

    /// The aspect of a convergence failure whose kind is `kind`: taken from the first
    /// difference of that kind (the differences are in a fixed order), nil for kinds whose
    /// name already says all there is.
    static func convergence(kind: String, differences: [StateDifference], observation o: StepObservation) -> String? {
        switch kind {
        case "ipset-member-missing", "ipset-member-extra":
            guard let id = firstIPSet(of: kind, in: differences) else { return nil }
            let want = o.expected.ipSets[id]?.members ?? []
            let got = o.observed.ipSets[id]?.members ?? []
            let missing = kind == "ipset-member-missing"
            let member = (missing ? want.subtracting(got) : got.subtracting(want)).min()
            return role(ofSet: id, o) + "@" + memberMessage(id, member: member, missing: missing, in: o.earlierMessages + o.messages)
        case "ipset-missing", "ipset-extra", "ipset-type":
            guard let id = firstIPSet(of: kind, in: differences) else { return nil }
            return role(ofSet: id, o)
        case "endpoint-tiers":
            guard let id = firstEndpoint(of: kind, in: differences, o),
                let want = o.expected.endpoints[id]?.tiers, let got = o.observed.endpoints[id]?.tiers
            else { return nil }
            return tiersAspect(expected: want, observed: got, orderOf: { policyOrder($0, in: o.after) })
        default:
            return nil
        }
    }

    /// The set's role in the expected state, else in the observed one (an extra set).
    private static func role(ofSet id: String, _ o: StepObservation) -> String {
        ipSetRole(id, in: o.expected) ?? ipSetRole(id, in: o.observed) ?? "unreferenced-set"
    }

    /// The IP set named by the first difference of `kind` (its subject is `IP set <id>`).
    private static func firstIPSet(of kind: String, in differences: [StateDifference]) -> String? {
        let prefix = "IP set "
        guard let subject = differences.first(where: { $0.kind == kind })?.subject, subject.hasPrefix(prefix) else {
            return nil
        }
        return String(subject.dropFirst(prefix.count))
    }

    /// The endpoint named by the first difference of `kind` (its subject is `endpoint <id>`).
    private static func firstEndpoint(of kind: String, in differences: [StateDifference], _ o: StepObservation) -> WorkloadEndpointID? {
        guard let subject = differences.first(where: { $0.kind == kind })?.subject else { return nil }
        return o.expected.endpoints.keys.sorted().first { "endpoint \($0)" == subject }
    }

    /// `order` when every tier lists the same policies in another order; `ingress-policies` or
    /// `egress-policies` for the first direction whose set of policies differs; `tiers` when
    /// the tiers themselves differ; `default-action` when only that does.
    /// `order-value` instead of `order` when `orderOf` shows that the first two policies out of
    /// place have different orders (their order itself was misread, not their tie-break); with
    /// Kubernetes policies alone every order is the same, so they always give `order`.
    static func tiersAspect(
        expected: [TierInfo], observed: [TierInfo], orderOf: ((PolicyID) -> String)? = nil
    ) -> String {
        guard expected.map(\.name) == observed.map(\.name) else { return "tiers" }
        for (want, got) in zip(expected, observed) {
            if Set(want.ingressPolicies) != Set(got.ingressPolicies) { return "ingress-policies" }
            if Set(want.egressPolicies) != Set(got.egressPolicies) { return "egress-policies" }
        }
        for (want, got) in zip(expected, observed) where want.defaultAction != got.defaultAction {
            return "default-action"
        }
        if let orderOf {
            for (want, got) in zip(expected, observed) {
                for (lists, _) in [((want.ingressPolicies, got.ingressPolicies), 0), ((want.egressPolicies, got.egressPolicies), 1)] {
                    guard let (a, b) = zip(lists.0, lists.1).first(where: { $0.0 != $0.1 }) else { continue }
                    return orderOf(a) == orderOf(b) ? "order" : "order-value"
                }
            }
        }
        return "order"
    }

    /// A policy's order as its resource gives it ("none" when absent), for `tiersAspect`.
    static func policyOrder(_ id: PolicyID, in snapshot: ClusterSnapshot) -> String {
        guard id.kind == V3PolicyConversion.networkPolicyKind || id.kind == V3PolicyConversion.globalNetworkPolicyKind else {
            return "\(PolicyConversion.order)"
        }
        let key = V3ResourceKey(kind: id.kind, namespace: id.namespace, name: id.name)
        switch snapshot.calicoResources[key] {
        case .networkPolicy(let policy)?: return policy.spec.order.map { "\($0)" } ?? "none"
        case .globalNetworkPolicy(let policy)?: return policy.spec.order.map { "\($0)" } ?? "none"
        default: return "unknown"
        }
    }

    /// What the set is for, from the first rule referencing it: `pod-selector`,
    /// `namespace-selector` (that side of the rule selects namespaces), `named-port`,
    /// `ip-port`, or `not-…` for a negated match. The direction (source or destination) is
    /// left out: a bug does not care, and naming it would split one bug into two identities.
    /// Policies are searched before profiles, each by sorted ID, inbound rules before
    /// outbound. Nil when nothing in `state` references the set.
    static func ipSetRole(_ id: String, in state: DataplaneState) -> String? {
        let rules = state.policies.keys.sorted().flatMap { state.policies[$0]!.rules }
            + state.profiles.keys.sorted().flatMap { state.profiles[$0]!.rules }
        for rule in rules {
            if let role = role(of: id, in: rule) { return role }
        }
        return nil
    }

    private static func role(of id: String, in rule: Rule) -> String? {
        let srcSelector = rule.originalSrcNamespaceSelector.isEmpty ? "pod-selector" : "namespace-selector"
        let dstSelector = rule.originalDstNamespaceSelector.isEmpty ? "pod-selector" : "namespace-selector"
        let fields: [(ids: [String], role: String)] = [
            (rule.srcIPSetIDs, srcSelector),
            (rule.dstIPSetIDs, dstSelector),
            (rule.srcNamedPortIPSetIDs, "named-port"),
            (rule.dstNamedPortIPSetIDs, "named-port"),
            (rule.dstIPPortSetIDs, "ip-port"),
            (rule.notSrcIPSetIDs, "not-selector"),
            (rule.notDstIPSetIDs, "not-selector"),
            (rule.notSrcNamedPortIPSetIDs, "not-named-port"),
            (rule.notDstNamedPortIPSetIDs, "not-named-port"),
        ]
        return fields.first { $0.ids.contains(id) }?.role
    }

    /// What the last message of this checkpoint that touched the set did to `member` (the
    /// first differing member): `IPSetUpdate` (the set was sent whole, wrongly),
    /// `IPSetDeltaUpdate-removed` or `IPSetDeltaUpdate-added` (a delta moved it the wrong way),
    /// else `not-added` or `not-removed` (nothing this checkpoint sent changed it). Coarse on
    /// purpose: a finer name (which other members a delta carried) would stop the shrinker
    /// from dropping the steps that put them there.
    private static func memberMessage(_ id: String, member: String?, missing: Bool, in messages: [FelixMessage]) -> String {
        for message in messages.reversed() {
            switch message {
            case .ipSetUpdate(let update) where update.id == id:
                return message.kindName
            case .ipSetDeltaUpdate(let delta) where delta.id == id:
                guard let member else { continue }
                if missing, delta.removedMembers.contains(member) { return message.kindName + "-removed" }
                if !missing, delta.addedMembers.contains(member) { return message.kindName + "-added" }
            default:
                continue
            }
        }
        return missing ? "not-added" : "not-removed"
    }

    // MARK: stream integrity

    /// The aspect of a stream violation: for a removal while something still references the
    /// removed object, what the step does to the first referencing policy or profile
    /// (`policy-removed`, `policy-released` when it stays but stops referencing,
    /// `policy-keeps` when it still references it after the step, i.e. the removal is wrong
    /// whatever the order). `before` is the state the message was applied to.
    static func streamViolation(
        kind: String, message: FelixMessage, before: DataplaneState, expected: DataplaneState?
    ) -> String? {
        guard kind == StreamViolation.Kind.ipSetRemoveReferenced.rawValue, case .ipSetRemove(let id) = message,
            let expected
        else { return nil }
        if let holder = before.policies.keys.sorted().first(where: { references(before.policies[$0]!.rules, id) }) {
            return fate("policy", after: expected.policies[holder].map { $0.rules }, id)
        }
        if let holder = before.profiles.keys.sorted().first(where: { references(before.profiles[$0]!.rules, id) }) {
            return fate("profile", after: expected.profiles[holder].map { $0.rules }, id)
        }
        return nil
    }

    private static func fate(_ what: String, after rules: [Rule]?, _ id: String) -> String {
        guard let rules else { return "\(what)-removed" }
        return references(rules, id) ? "\(what)-keeps" : "\(what)-released"
    }

    private static func references(_ rules: [Rule], _ id: String) -> Bool {
        rules.contains { $0.referencedIPSetIDs.contains(id) }
    }
}

extension Policy {
    fileprivate var rules: [Rule] { inboundRules + outboundRules }
}

extension Profile {
    fileprivate var rules: [Rule] { inboundRules + outboundRules }
}
