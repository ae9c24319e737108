import Calico

// IPSetMemberDeduplicator: one IP set's members from all its sources, counted, with overlap
// suppression.
// Source: projectcalico/calico:felix/calc (the `memberDeduplicator` behind the IP set member
// callbacks) and spec §3.1 item 6 / §5 row 2: with NFTablesMode other than Disabled (the
// baseline's Auto), a member covered by a strictly broader member of the same set and family
// is not programmed; it appears when its last broader cover goes, and removing it while it is
// covered emits nothing (PR #13274).
// Takes: member added/removed from the endpoint index and the network-set index (each pair of
// add and remove once per contribution); IP set inactive from the rule scanner.
// Gives: member added/removed to the event sequencer, once per member that is programmed.
// Endpoints give only full-length members, so without network sets (or /0 splits) nothing is
// ever covered and every call passes straight through.
// Cost: O(1) per member when the set has no broad member; otherwise O(broad members) per
// change, and O(set members) when a broad member comes or goes.

final class IPSetMemberDeduplicator: IPSetMemberSink, IPSetActivationSink {
    private let memberSink: any IPSetMemberSink

    /// Set → member → how many contributions carry it.
    private var counts: [String: [String: Int]] = [:]
    /// Set → its present members shorter than their family's full length.
    private var broad: [String: [String: IPNetwork]] = [:]

    init(members: any IPSetMemberSink) {
        memberSink = members
    }

    /// Nothing to set up: a set's counts start with its first member.
    func ipSetActivated(_ definition: IPSetDefinition) {}

    func ipSetDeactivated(_ id: String) {
        counts[id] = nil
        broad[id] = nil
    }

    func memberAdded(set: String, member: String) {
        let before = counts[set]?[member] ?? 0
        counts[set, default: [:]][member] = before + 1
        if before > 0 { return }
        guard let network = IPNetwork(cidr: member) else {
            memberSink.memberAdded(set: set, member: member)  // Not a CIDR (a named-port member).
            return
        }
        let covered = isCovered(network, in: set)
        let isBroad = network.prefixLength < network.bitCount
        // The programmed members a new broad member hides (found before it joins `broad`).
        let hidden = covered || !isBroad ? [] : (counts[set] ?? [:]).keys.filter { other in
            guard other != member, let inner = IPNetwork(cidr: other) else { return false }
            return Self.covers(network, inner) && !isCovered(inner, in: set)
        }
        // Every present broad member covers, programmed or not (covering is transitive).
        if isBroad { broad[set, default: [:]][member] = network }
        if covered { return }
        memberSink.memberAdded(set: set, member: member)
        for other in hidden.sorted() { memberSink.memberRemoved(set: set, member: other) }
    }

    func memberRemoved(set: String, member: String) {
        guard let before = counts[set]?[member] else {
            memberSink.memberRemoved(set: set, member: member)  // Never counted: pass it on.
            return
        }
        if before > 1 {
            counts[set]?[member] = before - 1
            return
        }
        counts[set]?[member] = nil
        if counts[set]?.isEmpty == true { counts[set] = nil }
        let network = IPNetwork(cidr: member)
        let wasBroad = broad[set]?.removeValue(forKey: member) != nil
        if broad[set]?.isEmpty == true { broad[set] = nil }
        if let network, isCovered(network, in: set) { return }  // Never programmed.
        memberSink.memberRemoved(set: set, member: member)
        guard wasBroad, let network else { return }
        // Members it hid reappear unless another broad member still covers them.
        let revealed = (counts[set] ?? [:]).keys.filter { other in
            guard let inner = IPNetwork(cidr: other) else { return false }
            return Self.covers(network, inner) && !isCovered(inner, in: set)
        }
        for other in revealed.sorted() { memberSink.memberAdded(set: set, member: other) }
    }

    /// True when a present member of the set strictly broader than `network` contains it.
    private func isCovered(_ network: IPNetwork, in set: String) -> Bool {
        guard let candidates = broad[set] else { return false }
        return candidates.values.contains { Self.covers($0, network) }
    }

    /// `outer` is strictly broader than `inner`, of the same family, and contains it.
    private static func covers(_ outer: IPNetwork, _ inner: IPNetwork) -> Bool {
        outer.isIPv4 == inner.isIPv4 && outer.prefixLength < inner.prefixLength
            && IPNetwork(bytes: inner.bytes, prefixLength: outer.prefixLength).masked.bytes == outer.masked.bytes
    }

    var leakReport: [String] {
        leakLine("IPSetMemberDeduplicator", "counts", count: counts.count)
            + leakLine("IPSetMemberDeduplicator", "broad", count: broad.count)
    }
}
