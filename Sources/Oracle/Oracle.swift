import Calico

// The reference answer: what Felix's dataplane should hold once it is in sync with a cluster,
// computed from scratch from one snapshot (spec §3.7 with §0 A2/A3). It is deliberately a plain
// transcription of the recipe — no incremental state carried from one snapshot to the next, no
// code shared with the CalcGraph module — so that when the two disagree, the disagreement means
// something. The one thing it reuses is pure per-object results: a conversion is a function of
// the object alone, and the Calico conversions it calls (PodConversion.endpoint,
// FelixPolicyConversion.felixPolicy, ProfileConversion.namespaceProfile) remember their results
// by the object's value, so an unchanged pod is not converted again at the next checkpoint and
// a changed one is a new key. Every step of the recipe below still runs over the whole snapshot.
// Takes: a ClusterSnapshot and the local host's name. Gives: the expected DataplaneState.
// Cost: one hash per object (plus a conversion per object value not seen before),
// O(pods × policies) selector evaluations for activity and tiers, plus
// O(IP sets × pods) for members.

/// Felix's expected dataplane state for a snapshot, computed from scratch.
public enum Oracle {
    /// The state Felix on `localHost` should converge to for `snapshot` (with `inSync` true).
    public static func expectedState(of snapshot: ClusterSnapshot, localHost: String) -> DataplaneState {
        // Step 1: convert. Pods Felix does not see (unscheduled, host-networked, finished,
        // without an IP) give no endpoint.
        let endpoints = snapshot.sortedPods.compactMap(PodConversion.endpoint(for:))
        let profiles = OracleProfiles(snapshot: snapshot, endpoints: endpoints)
        var policies = snapshot.sortedPolicies.map(FelixPolicyConversion.felixPolicy(for:))
        // Calico's own resources, when the snapshot has them (OracleCalicoResources).
        let calico = OracleCalicoResources(snapshot)
        policies += calico.policies

        // Step 2: local endpoints, each with its own labels and then its profiles' labels.
        let local = endpoints.filter { $0.hostname == localHost }
        let localLabels = local.map(profiles.labels(of:))

        // Step 3: a policy is active iff it selects a local endpoint; a profile iff a local
        // endpoint names it.
        let active = policies.filter { policy in
            policy.isValid && localLabels.contains { policy.selector.matches($0) }
        }
        var state = DataplaneState()
        for policy in active {
            state.policies[policy.id] = policy.policy
        }
        for endpoint in local {
            for name in endpoint.profileIDs {
                state.profiles[ProfileID(name: name)] = profiles.rules(ofProfile: name)
            }
        }

        // Step 4: the IP sets active policies reference (namespace and service-account
        // profiles have no rules that use IP sets); members over every endpoint, local or
        // remote, each member once however many endpoints give it.
        var definitions: [String: IPSetDefinition] = [:]
        for policy in active {
            for definition in policy.ipSets { definitions[definition.id] = definition }
        }
        let allLabels = endpoints.map(profiles.labels(of:))
        // Each endpoint's member spellings, once for all the IP sets.
        let addresses = definitions.isEmpty ? [] : endpoints.map(\.memberAddresses)
        let anyNamedPort = definitions.values.contains { $0.namedPort != nil }
        let addressTexts = anyNamedPort ? endpoints.map(\.memberAddressTexts) : endpoints.map { _ in [] }
        for id in definitions.keys.sorted() {
            guard let definition = definitions[id] else { continue }
            var members = Set<String>()
            for index in endpoints.indices {
                definition.addMembers(
                    of: endpoints[index], labels: allLabels[index], addresses: addresses[index],
                    addressTexts: addressTexts[index], to: &members)
            }
            if definition.namedPort == nil && !calico.networkSets.isEmpty {
                for set in calico.networkSets {
                    members.formUnion(set.members(of: definition, labels: profiles.labels(own: set.labels, profileIDs: set.profileIDs)))
                }
                members = OracleCalicoResources.suppressingOverlaps(members)
            }
            state.ipSets[id] = IPSetState(type: definition.type, members: members)
        }

        // Step 5: every local endpoint, with its tiers.
        for (endpoint, labels) in zip(local, localLabels) {
            let matched = active.filter { $0.selector.matches(labels) }
            state.endpoints[endpoint.id] = endpoint.workloadEndpoint(
                tiers: OracleTiers.tiers(for: matched, resources: calico.tiers))
        }

        state.inSync = true
        return state
    }
}
