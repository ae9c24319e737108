import Calico

// InputDispatcher: the graph's front door, playing the part of the syncer's update processors,
// Felix's ValidationFilter and its dispatchers (felix/calc/calc_graph.go: AllUpdDispatcher,
// endpointHostnameFilter, localEndpointDispatcher).
// Takes: one Kubernetes write. Converts it as Felix receives it (PodConversion →
// EndpointData, ProfileConversion → ProfileData, FelixPolicyConversion → FelixPolicy) and
// compares it with the last value for that key: an unchanged value stops here (which is why
// writing an object again unchanged emits nothing).
// Gives: endpoint changes to the member index (all endpoints) and, for local endpoints, to the
// active-rules calculator and the policy resolver; policy changes to both; namespace-profile
// labels to both label indexes and its rules to the active-rules calculator; service-account
// profiles likewise, once the first ServiceAccount write has told every sink to stop assuming
// that accounts exist. A pod that moves host is a removal on one side and an addition on the
// other.
// Calico's own resources arrive as `CalicoWrite`s: a Calico NetworkPolicy or GlobalNetworkPolicy
// is converted by V3PolicyConversion and joins the Kubernetes policies (its PolicyID's kind keeps
// it apart); a NetworkSet or GlobalNetworkSet (V3NetworkSetConversion) goes to the network-set
// member index; a Tier to the policy resolver.
// Cost: one conversion and one comparison per write, O(size of the object).

final class InputDispatcher {
    private let localHost: String
    private let allEndpoints: any EndpointChangeSink
    private let ruleEndpoints: any LocalEndpointChangeSink
    private let resolverEndpoints: any LocalEndpointChangeSink
    private let policySinks: [any PolicyChangeSink]
    private let parentLabelSinks: [any ParentLabelsSink]
    private let profileRules: any ProfileRulesSink
    private let networkSetSink: any NetworkSetChangeSink
    private let tierSink: any TierChangeSink

    private let finishedPodKeepsIP: Bool
    private let terminatingPodTreatedAsFinished: Bool
    private let remoteEndpointsActivatePolicies: Bool
    /// The injected bug `globalNamespaceSelectorNotRewritten`: Calico policies converted with
    /// a rule's `global()` left as written.
    private let rewritesGlobal: Bool
    /// The injected bug `notSelectorSetUnreferenced`.
    private let dropsNotSelectorSets: Bool

    /// The last converted value of every key that Felix currently sees.
    private var endpoints: [ObjectKey: EndpointData] = [:]
    private var namespaceProfiles: [String: ProfileData] = [:]
    private var serviceAccountProfiles: [ObjectKey: ProfileData] = [:]
    private var serviceAccountsListed = false
    private var policies: [ObjectKey: FelixPolicy] = [:]
    private var calicoPolicies: [V3ResourceKey: FelixPolicy] = [:]
    private var networkSets: [V3ResourceKey: FelixNetworkSet] = [:]
    private var tiers: [String: V3Tier] = [:]

    init(
        localHost: String, injections: Set<InjectedBug>,
        allEndpoints: any EndpointChangeSink, ruleEndpoints: any LocalEndpointChangeSink,
        resolverEndpoints: any LocalEndpointChangeSink, policies: [any PolicyChangeSink],
        parentLabels: [any ParentLabelsSink], profileRules: any ProfileRulesSink,
        networkSets: any NetworkSetChangeSink, tiers: any TierChangeSink
    ) {
        self.networkSetSink = networkSets
        self.tierSink = tiers
        self.localHost = localHost
        self.allEndpoints = allEndpoints
        self.ruleEndpoints = ruleEndpoints
        self.resolverEndpoints = resolverEndpoints
        self.policySinks = policies
        self.parentLabelSinks = parentLabels
        self.profileRules = profileRules
        finishedPodKeepsIP = injections.contains(.finishedPodKeepsIP)
        terminatingPodTreatedAsFinished = injections.contains(.terminatingPodTreatedAsFinished)
        remoteEndpointsActivatePolicies = injections.contains(.remoteEndpointsActivatePolicies)
        rewritesGlobal = !injections.contains(.globalNamespaceSelectorNotRewritten)
        dropsNotSelectorSets = injections.contains(.notSelectorSetUnreferenced)
    }

    func apply(_ write: Write) {
        switch write {
        case .put(.pod(let pod)):
            podChanged(pod.key, endpoint(for: pod))
        case .put(.namespace(let namespace)):
            namespaceChanged(namespace.name, ProfileConversion.namespaceProfile(for: namespace))
        case .put(.networkPolicy(let policy)):
            policyChanged(policy.key, FelixPolicyConversion.felixPolicy(for: policy))
        case .put(.serviceAccount(let account)):
            serviceAccountChanged(account.key, ProfileConversion.serviceAccountProfile(for: account))
        case .put(.node):
            return  // Host metadata is outside the policy pipeline this model covers.
        case .delete(let ref):
            let key = ObjectKey(namespace: ref.namespace ?? "default", name: ref.name)
            switch ref.kind {
            case .pod: podChanged(key, nil)
            case .namespace: namespaceChanged(ref.name, nil)
            case .networkPolicy: policyChanged(key, nil)
            case .serviceAccount: serviceAccountChanged(key, nil)
            case .node: return
            }
        }
    }

    func apply(_ write: CalicoWrite) {
        let key = write.key
        var resource: V3Resource? = nil
        if case .put(let put) = write { resource = put }
        switch key.kind {
        case "NetworkPolicy", "GlobalNetworkPolicy":
            var new: FelixPolicy? = nil
            if case .networkPolicy(let policy)? = resource {
                new = V3PolicyConversion.felixPolicy(for: policy, rewritingGlobal: rewritesGlobal)
            }
            if case .globalNetworkPolicy(let policy)? = resource {
                new = V3PolicyConversion.felixPolicy(for: policy, rewritingGlobal: rewritesGlobal)
            }
            if dropsNotSelectorSets, var policy = new {
                // The mutant: the proto rule loses its negated-selector sets, which the rule
                // scanner still activates (`FelixPolicy.ipSets` keeps them).
                for index in policy.policy.inboundRules.indices { policy.policy.inboundRules[index].dropNotSelectorSets() }
                for index in policy.policy.outboundRules.indices { policy.policy.outboundRules[index].dropNotSelectorSets() }
                new = policy
            }
            Self.replace(key, with: new, in: &calicoPolicies, id: \.id) { id, old, new in
                for sink in policySinks { sink.policyChanged(id, old: old, new: new) }
            }
        case "NetworkSet", "GlobalNetworkSet":
            var new: FelixNetworkSet? = nil
            if case .networkSet(let set)? = resource { new = V3NetworkSetConversion.felixNetworkSet(for: set) }
            if case .globalNetworkSet(let set)? = resource { new = V3NetworkSetConversion.felixNetworkSet(for: set) }
            Self.replace(key, with: new, in: &networkSets, id: \.id) { id, old, new in
                networkSetSink.networkSetChanged(id, old: old, new: new)
            }
        default:
            var new: V3Tier? = nil
            if case .tier(let tier)? = resource { new = tier }
            let old = tiers[key.name]
            if old?.definition == new?.definition { return }
            tiers[key.name] = new
            tierSink.tierChanged(key.name, old: old, new: new)
        }
    }

    /// Records `new` (nil: deleted) as the value of `key` in `table` and, unless it equals the
    /// value already there, reports the change under the ID of whichever side exists. Calico
    /// policies and network sets differ only in their table, their ID and who hears of it.
    private static func replace<Value: Equatable, ID>(
        _ key: V3ResourceKey, with new: Value?, in table: inout [V3ResourceKey: Value], id: (Value) -> ID,
        notify: (ID, _ old: Value?, _ new: Value?) -> Void
    ) {
        let old = table[key]
        if old == new { return }
        table[key] = new
        guard let changed = (new ?? old).map(id) else { return }
        notify(changed, old, new)
    }

    /// The endpoint Felix would see for the pod, with the conversion bugs applied by editing
    /// the pod before the (correct) conversion runs.
    private func endpoint(for pod: Pod) -> EndpointData? {
        var pod = pod
        if terminatingPodTreatedAsFinished && pod.metadata.deletionTimestamp != nil { return nil }
        if finishedPodKeepsIP, let phase = pod.status?.phase, ["Succeeded", "Failed", "Completed"].contains(phase) {
            pod.status?.phase = "Running"  // The mutant: no phase check in IsFinished.
        }
        return PodConversion.endpoint(for: pod)
    }

    private func isLocal(_ endpoint: EndpointData?) -> Bool {
        endpoint?.hostname == localHost
    }

    private func podChanged(_ key: ObjectKey, _ new: EndpointData?) {
        let old = endpoints[key]
        if old == new { return }
        endpoints[key] = new
        // A pod's endpoint ID does not include the host, so old and new share it.
        guard let id = new?.id ?? old?.id else { return }
        allEndpoints.endpointChanged(id, old: old, new: new)
        let oldLocal = isLocal(old) ? old : nil
        let newLocal = isLocal(new) ? new : nil
        if remoteEndpointsActivatePolicies {
            ruleEndpoints.localEndpointChanged(id, old: old, new: new)
        } else if oldLocal != nil || newLocal != nil {
            ruleEndpoints.localEndpointChanged(id, old: oldLocal, new: newLocal)
        }
        if oldLocal != nil || newLocal != nil {
            resolverEndpoints.localEndpointChanged(id, old: oldLocal, new: newLocal)
        }
    }

    private func namespaceChanged(_ name: String, _ new: ProfileData?) {
        let old = namespaceProfiles[name]
        if old == new { return }
        namespaceProfiles[name] = new
        let id = new?.id ?? old?.id ?? ProfileID(name: ProfileConversion.namespaceProfileName(name))
        if old?.labels != new?.labels {
            for sink in parentLabelSinks { sink.parentLabelsChanged(id, old: old?.labels, new: new?.labels) }
        }
        if old?.profile != new?.profile {
            profileRules.profileRulesChanged(id, rules: new?.profile)
        }
    }

    private func serviceAccountChanged(_ key: ObjectKey, _ new: ProfileData?) {
        if !serviceAccountsListed {
            serviceAccountsListed = true
            for sink in parentLabelSinks { sink.serviceAccountsListed() }
            profileRules.serviceAccountsListed()
        }
        let old = serviceAccountProfiles[key]
        if old == new { return }
        serviceAccountProfiles[key] = new
        let id = new?.id ?? old?.id
            ?? ProfileID(name: ProfileConversion.serviceAccountProfileName(namespace: key.namespace, name: key.name))
        if old?.labels != new?.labels {
            for sink in parentLabelSinks { sink.parentLabelsChanged(id, old: old?.labels, new: new?.labels) }
        }
        if old?.profile != new?.profile {
            profileRules.profileRulesChanged(id, rules: new?.profile)
        }
    }

    private func policyChanged(_ key: ObjectKey, _ new: FelixPolicy?) {
        let old = policies[key]
        if old == new { return }
        policies[key] = new
        guard let id = new?.id ?? old?.id else { return }
        for sink in policySinks { sink.policyChanged(id, old: old, new: new) }
    }

    var leakReport: [String] {
        leakLine("InputDispatcher", "endpoints", count: endpoints.count)
            + leakLine("InputDispatcher", "namespaceProfiles", count: namespaceProfiles.count)
            + leakLine("InputDispatcher", "serviceAccountProfiles", count: serviceAccountProfiles.count)
            + leakLine("InputDispatcher", "policies", count: policies.count)
            + leakLine("InputDispatcher", "calicoPolicies", count: calicoPolicies.count)
            + leakLine("InputDispatcher", "networkSets", count: networkSets.count)
            + leakLine("InputDispatcher", "tiers", count: tiers.count)
    }
}

extension Rule {
    fileprivate mutating func dropNotSelectorSets() {
        notSrcIPSetIDs = []
        notDstIPSetIDs = []
    }
}
