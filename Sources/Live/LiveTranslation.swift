// Felix's output in the live cluster's names → the same output in the scenario's names.
// Takes: messages as Felix sent them for the live (prefixed, labelled) objects, and the
// scenario policies seen so far. Gives: the messages the same Felix would have sent for the
// scenario's objects, so the runner can judge them against the oracle of the scenario
// snapshot. Cost: linear in each message; learning a policy converts it twice.
//
// What changes with the namespace prefix, and how it is undone:
// - workload IDs `<ns>/<pod>`, policy IDs' namespace, `Policy.namespace`: strip the prefix;
// - profile IDs `kns.<ns>` and `ksa.<ns>.<sa>`: strip it from the namespace part;
// - the interface name `cali<sha1(ns.pod)>`: recomputed from the scenario names when it is
//   the one the live names give (otherwise kept, so a wrong name still shows);
// - selector texts: quoted literals `'k8sfv-<run>-<n>-…'` lose the prefix (namespace names
//   are the only values k8sfv prefixes);
// - IP set IDs (hashes of selectors): looked up in a table built by converting each scenario
//   policy and its live twin and pairing the IDs their rules reference, position by
//   position. An ID not in the table is kept as is, so it shows as a difference.
// Legacy `knp.default.` policy names are normalised too (LegacyFelix).

import Calico

public struct LiveTranslation: Sendable {
    /// The current sequence's naming: `learn` pairs policies with their live twins under it;
    /// names of any sequence of the run translate back.
    public private(set) var naming: LiveNaming
    /// Live IP set ID → scenario IP set ID.
    public private(set) var ipSetIDs: [String: String] = [:]
    private var learned: Set<NetworkPolicy> = []

    public init(naming: LiveNaming) { self.naming = naming }

    /// Moves on to another sequence's names. With `forgetting`, the IP set table starts
    /// afresh (only safe once Felix holds nothing of earlier sequences).
    public mutating func move(to naming: LiveNaming, forgetting: Bool) {
        self.naming = naming
        learned = []
        if forgetting { ipSetIDs = [:] }
    }

    /// Records the IP set IDs of a scenario policy and of its live twin (as written and as the
    /// API server defaults it).
    public mutating func learn(_ policy: NetworkPolicy) {
        guard learned.insert(policy).inserted else { return }
        guard case .networkPolicy(let live) = naming.live(.networkPolicy(policy)) else { return }
        pair(FelixPolicyConversion.felixPolicy(for: policy), FelixPolicyConversion.felixPolicy(for: live))
        pair(
            FelixPolicyConversion.felixPolicy(for: policy.defaultedByAPIServer),
            FelixPolicyConversion.felixPolicy(for: live.defaultedByAPIServer))
    }

    public mutating func learn(_ objects: [KubeObject]) {
        for case .networkPolicy(let policy) in objects { learn(policy) }
    }

    private mutating func pair(_ scenario: FelixPolicy, _ live: FelixPolicy) {
        let scenarioRules = scenario.policy.inboundRules + scenario.policy.outboundRules
        let liveRules = live.policy.inboundRules + live.policy.outboundRules
        for (s, l) in zip(scenarioRules, liveRules) {
            for (sid, lid) in zip(s.referencedIPSetIDs, l.referencedIPSetIDs) { ipSetIDs[lid] = sid }
        }
    }

    // MARK: - Names

    public func namespace(_ live: String) -> String { naming.scenarioNamespace(live) ?? live }

    public func ipSet(_ id: String) -> String { ipSetIDs[id] ?? id }

    public func selectorText(_ text: String) -> String {
        naming.strippingPrefixes(text)
    }

    public func policyID(_ id: PolicyID) -> PolicyID {
        var copy = LegacyFelix.normalised(id)
        copy.namespace = namespace(copy.namespace)
        return copy
    }

    public func profileName(_ name: String) -> String {
        if name.hasPrefix("kns.") { return "kns." + namespace(String(name.dropFirst(4))) }
        if name.hasPrefix("ksa.") {
            let rest = name.dropFirst(4)
            // Namespace names are DNS labels (no dots), so the first dot ends the namespace.
            guard let dot = rest.firstIndex(of: ".") else { return name }
            return "ksa." + namespace(String(rest[..<dot])) + String(rest[dot...])
        }
        return name
    }

    public func endpointID(_ id: WorkloadEndpointID) -> WorkloadEndpointID {
        var copy = id
        if let slash = id.workloadID.firstIndex(of: "/") {
            copy.workloadID = namespace(String(id.workloadID[..<slash])) + String(id.workloadID[slash...])
        }
        return copy
    }

    // MARK: - Messages

    public func rule(_ rule: Rule) -> Rule {
        var r = rule
        r.srcIPSetIDs = r.srcIPSetIDs.map(ipSet)
        r.dstIPSetIDs = r.dstIPSetIDs.map(ipSet)
        r.srcNamedPortIPSetIDs = r.srcNamedPortIPSetIDs.map(ipSet)
        r.dstNamedPortIPSetIDs = r.dstNamedPortIPSetIDs.map(ipSet)
        r.dstIPPortSetIDs = r.dstIPPortSetIDs.map(ipSet)
        r.notSrcIPSetIDs = r.notSrcIPSetIDs.map(ipSet)
        r.notDstIPSetIDs = r.notDstIPSetIDs.map(ipSet)
        r.notSrcNamedPortIPSetIDs = r.notSrcNamedPortIPSetIDs.map(ipSet)
        r.notDstNamedPortIPSetIDs = r.notDstNamedPortIPSetIDs.map(ipSet)
        r.originalSrcSelector = selectorText(r.originalSrcSelector)
        r.originalDstSelector = selectorText(r.originalDstSelector)
        r.originalSrcNamespaceSelector = selectorText(r.originalSrcNamespaceSelector)
        r.originalDstNamespaceSelector = selectorText(r.originalDstNamespaceSelector)
        r.originalNotSrcSelector = selectorText(r.originalNotSrcSelector)
        r.originalNotDstSelector = selectorText(r.originalNotDstSelector)
        return r
    }

    public func policy(_ policy: Policy) -> Policy {
        var p = policy
        p.namespace = namespace(p.namespace)
        p.originalSelector = selectorText(p.originalSelector)
        p.inboundRules = p.inboundRules.map(rule)
        p.outboundRules = p.outboundRules.map(rule)
        return p
    }

    public func endpoint(_ endpoint: WorkloadEndpoint, liveID: WorkloadEndpointID) -> WorkloadEndpoint {
        var e = endpoint
        let id = endpointID(liveID)
        if let slash = liveID.workloadID.firstIndex(of: "/"), let scenarioSlash = id.workloadID.firstIndex(of: "/") {
            let pod = String(liveID.workloadID[liveID.workloadID.index(after: slash)...])
            let liveName = PodConversion.interfaceName(namespace: String(liveID.workloadID[..<slash]), pod: pod)
            if e.name == liveName {
                e.name = PodConversion.interfaceName(namespace: String(id.workloadID[..<scenarioSlash]), pod: pod)
            }
        }
        e.profileIDs = e.profileIDs.map(profileName)
        e.tiers = e.tiers.map { tier in
            var t = tier
            t.ingressPolicies = t.ingressPolicies.map(policyID)
            t.egressPolicies = t.egressPolicies.map(policyID)
            return t
        }
        return e
    }

    public func message(_ message: FelixMessage) -> FelixMessage {
        switch message {
        case .inSync, .unmodelled:
            return message
        case .ipSetUpdate(var update):
            update.id = ipSet(update.id)
            return .ipSetUpdate(update)
        case .ipSetDeltaUpdate(var delta):
            delta.id = ipSet(delta.id)
            return .ipSetDeltaUpdate(delta)
        case .ipSetRemove(let id):
            return .ipSetRemove(id: ipSet(id))
        case .activeProfileUpdate(let id, let profile):
            var p = profile
            p.inboundRules = p.inboundRules.map(rule)
            p.outboundRules = p.outboundRules.map(rule)
            return .activeProfileUpdate(id: ProfileID(name: profileName(id.name)), profile: p)
        case .activeProfileRemove(let id):
            return .activeProfileRemove(id: ProfileID(name: profileName(id.name)))
        case .activePolicyUpdate(let id, let body):
            return .activePolicyUpdate(id: policyID(id), policy: policy(body))
        case .activePolicyRemove(let id):
            return .activePolicyRemove(id: policyID(id))
        case .workloadEndpointUpdate(let id, let body):
            return .workloadEndpointUpdate(id: endpointID(id), endpoint: endpoint(body, liveID: id))
        case .workloadEndpointRemove(let id):
            return .workloadEndpointRemove(id: endpointID(id))
        }
    }
}
