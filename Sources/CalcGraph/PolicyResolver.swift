import Calico

// PolicyResolver: each local endpoint with its tiers of policies.
// Source: projectcalico/calico:felix/calc/policy_resolver.go (with policy_sorter.go).
// Takes: local endpoints, all policies and Calico Tier resources from the dispatcher; match started/stopped from the
// active-rules calculator; in-sync.
// Gives: at flush, endpoint update (with tiers) or removal for every dirty endpoint, to the
// event sequencer. Nothing before the datastore is in sync: dirty endpoints wait.
// An endpoint is dirty when it changes, a match starts or stops, or a matched policy's metadata
// (order, tier, types) changes. A change to a policy's rules alone dirties nothing (the rule
// scanner re-sends the policy).
// Cost: O(1) per match event; O(matched endpoints) per policy metadata change; at flush,
// O(p log p) per dirty endpoint with p matched policies.

final class PolicyResolver: LocalEndpointChangeSink, PolicyChangeSink, PolicyMatchSink, TierChangeSink {
    private let endpointSink: any WorkloadEndpointSink
    private let sorter: PolicySorter
    private let endpointsBeforeInSync: Bool
    private let tracksArrival: Bool
    private let tierOrderChangeNotResorted: Bool

    private var endpoints: [WorkloadEndpointID: EndpointData] = [:]
    private var policies: [PolicyID: FelixPolicy] = [:]
    private var matchesByEndpoint: [WorkloadEndpointID: Set<PolicyID>] = [:]
    private var endpointsByPolicy: [PolicyID: Set<WorkloadEndpointID>] = [:]
    private var dirty: Set<WorkloadEndpointID> = []
    private var inSync = false
    /// Calico Tier resources by name, and the tier definitions they give.
    private var tierResources: [String: V3Tier] = [:]
    private var tierDefinitions = V3TierOrdering.definitions([])
    /// Only with `policyOrderNoNameTieBreak`: the order policies first arrived in.
    private var arrival: [PolicyID: UInt64] = [:]
    private var arrivals: UInt64 = 0

    init(endpoints: any WorkloadEndpointSink, injections: Set<InjectedBug>) {
        endpointSink = endpoints
        tracksArrival = injections.contains(.policyOrderNoNameTieBreak)
        sorter = PolicySorter(
            policyTypesIgnored: injections.contains(.policyTypesIgnored), noNameTieBreak: tracksArrival,
            orderAsInteger: injections.contains(.policyOrderComparedAsInteger))
        endpointsBeforeInSync = injections.contains(.endpointsBeforeInSync)
        tierOrderChangeNotResorted = injections.contains(.tierOrderChangeNotResorted)
    }

    func markInSync() { inSync = true }

    func localEndpointChanged(_ id: WorkloadEndpointID, old: EndpointData?, new: EndpointData?) {
        endpoints[id] = new
        dirty.insert(id)
    }

    func policyChanged(_ id: PolicyID, old: FelixPolicy?, new: FelixPolicy?) {
        policies[id] = new
        if tracksArrival {
            if new == nil {
                arrival[id] = nil
            } else if arrival[id] == nil {
                arrivals += 1
                arrival[id] = arrivals
            }
        }
        let metadataChanged = old?.order != new?.order || old?.tier != new?.tier
            || old?.appliesToIngress != new?.appliesToIngress || old?.appliesToEgress != new?.appliesToEgress
        if metadataChanged { dirty.formUnion(endpointsByPolicy[id] ?? []) }
    }

    func matchStarted(policy: PolicyID, endpoint: WorkloadEndpointID) {
        matchesByEndpoint[endpoint, default: []].insert(policy)
        endpointsByPolicy[policy, default: []].insert(endpoint)
        dirty.insert(endpoint)
    }

    func matchStopped(policy: PolicyID, endpoint: WorkloadEndpointID) {
        matchesByEndpoint[endpoint]?.remove(policy)
        if matchesByEndpoint[endpoint]?.isEmpty == true { matchesByEndpoint[endpoint] = nil }
        endpointsByPolicy[policy]?.remove(endpoint)
        if endpointsByPolicy[policy]?.isEmpty == true { endpointsByPolicy[policy] = nil }
        dirty.insert(endpoint)
    }

    /// A tier's order or default action changed: every endpoint with a matched policy in that
    /// tier is dirty (other endpoints do not list the tier).
    func tierChanged(_ name: String, old: V3Tier?, new: V3Tier?) {
        tierResources[name] = new
        tierDefinitions = V3TierOrdering.definitions(tierResources.keys.sorted().compactMap { tierResources[$0] })
        // The mutant looks only at the default action, so a move alone re-sorts nobody until
        // something else dirties the endpoint.
        if tierOrderChangeNotResorted, let old, let new, old.definition.defaultAction == new.definition.defaultAction {
            return
        }
        for (policyID, endpoints) in endpointsByPolicy where policies[policyID]?.tier == name {
            dirty.formUnion(endpoints)
        }
    }

    /// Sends every dirty endpoint (once in sync).
    func flush() {
        guard inSync || endpointsBeforeInSync else { return }
        for id in dirty.sorted() {
            if let endpoint = endpoints[id] {
                let matched = (matchesByEndpoint[id] ?? []).compactMap { policies[$0] }
                let tiers = sorter.tiers(for: matched, arrival: arrival, definitions: tierDefinitions)
                endpointSink.endpointUpdated(id, endpoint: endpoint.workloadEndpoint(tiers: tiers))
            } else {
                endpointSink.endpointRemoved(id)
            }
        }
        dirty = []
    }

    var leakReport: [String] {
        let name = "PolicyResolver"
        return leakLine(name, "endpoints", count: endpoints.count)
            + leakLine(name, "policies", count: policies.count)
            + leakLine(name, "matchesByEndpoint", count: matchesByEndpoint.count)
            + leakLine(name, "endpointsByPolicy", count: endpointsByPolicy.count)
            + leakLine(name, "dirty", count: dirty.count)
            + leakLine(name, "arrival", count: arrival.count)
            + leakLine(name, "tierResources", count: tierResources.count)
    }
}
