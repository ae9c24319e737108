import Calico

// Calico's own resources in a snapshot, as the oracle uses them: Calico NetworkPolicies and
// GlobalNetworkPolicies join the Kubernetes ones (invalid ones never become active, as for a
// Kubernetes policy), Tier resources order the tiers and give their default actions (Deny or
// Pass), and network sets add their CIDRs to the selector IP sets that select them.
// With network sets a set can hold CIDRs of different lengths; Felix then suppresses a member
// covered by a broader member of the same set (overlap suppression, on by default at the
// spec's baseline: NFTablesMode Auto; spec §3.1, item 6). Pods alone give only full-length
// members, so the suppression never changes a Kubernetes-only snapshot.
// Takes: a snapshot. Gives: the Felix policies, the Tier resources and the network sets.
// Cost: one conversion per resource; suppression O(members²) per IP set, only with network sets.

struct OracleCalicoResources {
    var policies: [FelixPolicy] = []
    var tiers: [V3Tier] = []
    var networkSets: [FelixNetworkSet] = []

    init(_ snapshot: ClusterSnapshot) {
        for resource in snapshot.sortedCalicoResources {
            switch resource {
            case .networkPolicy(let policy): policies.append(V3PolicyConversion.felixPolicy(for: policy))
            case .globalNetworkPolicy(let policy): policies.append(V3PolicyConversion.felixPolicy(for: policy))
            case .networkSet(let set): networkSets.append(V3NetworkSetConversion.felixNetworkSet(for: set))
            case .globalNetworkSet(let set): networkSets.append(V3NetworkSetConversion.felixNetworkSet(for: set))
            case .tier(let tier): tiers.append(tier)
            }
        }
    }

    /// The members with every CIDR that a strictly broader member of the same family
    /// contains removed.
    static func suppressingOverlaps(_ members: Set<String>) -> Set<String> {
        let networks = members.compactMap { text in IPNetwork(cidr: text).map { (text, $0) } }
        let broad = networks.filter { $0.1.prefixLength < $0.1.bitCount }
        if broad.isEmpty { return members }
        var kept = members
        for (text, network) in networks {
            let covered = broad.contains { other in
                other.1.isIPv4 == network.isIPv4 && other.1.prefixLength < network.prefixLength
                    && IPNetwork(bytes: network.bytes, prefixLength: other.1.prefixLength).masked.bytes == other.1.masked.bytes
            }
            if covered { kept.remove(text) }
        }
        return kept
    }
}
