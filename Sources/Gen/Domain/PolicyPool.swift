import Calico

// PolicyPool: the selectors and rule peers of the policies that already exist, so a new policy
// (or a rule change) can reuse them. Felix shares one IP set between every rule with the same
// selector, and sorts every policy that selects an endpoint; both ref-counting and ordering
// bugs need two policies to meet there, which independent random draws rarely arrange.
// Takes the live policies (sorted by key); gives their distinct pod selectors and peers, in
// first-seen order. Cost: O(rules) to build; O(1) to pick.

/// Reusable parts of the live policies.
struct PolicyPool {
    private(set) var podSelectors: [LabelSelector] = []
    /// Selector peers only (ipBlocks name no IP set).
    private(set) var peers: [NetworkPolicyPeer] = []

    init(policies: [NetworkPolicy]) {
        for policy in policies {
            if !podSelectors.contains(policy.spec.podSelector) { podSelectors.append(policy.spec.podSelector) }
            let all = (policy.spec.ingress ?? []).flatMap { $0.from ?? [] } + (policy.spec.egress ?? []).flatMap { $0.to ?? [] }
            for peer in all where peer.ipBlock == nil && !peers.contains(peer) { peers.append(peer) }
        }
    }

    static let empty = PolicyPool(policies: [])
}
