import Calico

// NetworkSetMemberIndex: what Calico NetworkSets and GlobalNetworkSets add to selector IP sets.
// Source: projectcalico/calico:felix/labelindex/named_port_index.go (network sets are items of
// the same label index as endpoints; `CalculateEndpointContribution` gives their CIDRs to
// selector sets and nothing to named-port sets) and label_inheritance_index.go (a namespaced set
// inherits its namespace's labels through the parent profile `kns.<ns>`).
// Takes: network sets from the dispatcher; IP set active/inactive from the rule scanner;
// namespace profile labels from the dispatcher.
// Gives: member added/removed to the member deduplicator, once per (IP set, network set, CIDR)
// contribution; the deduplicator counts contributions across network sets and endpoints.
// Kept apart from IPSetMemberIndex so that the endpoint index (and its work count) stays as it
// was: a cluster without network sets never reaches this file.
// Cost: set activated O(network sets); network set changed O(active selector sets);
// namespace relabel O(that namespace's network sets × active selector sets).

final class NetworkSetMemberIndex: IPSetActivationSink, NetworkSetChangeSink, ParentLabelsSink {
    private let memberSink: any IPSetMemberSink
    /// The injected bug `networkSetRelabelKeepsMembers`.
    private let relabelKeepsMembers: Bool

    private var networkSets: [String: FelixNetworkSet] = [:]
    /// Active selector sets (named-port sets get nothing from a network set).
    private var sets: [String: IPSetDefinition] = [:]
    /// Namespace (and listed service-account) profile labels, for inheritance.
    private var parentLabels: [ProfileID: [String: String]] = [:]
    /// IP set → network set → the CIDRs it contributes (non-empty only).
    private var contributions: [String: [String: [String]]] = [:]

    init(members: any IPSetMemberSink, injections: Set<InjectedBug> = []) {
        memberSink = members
        relabelKeepsMembers = injections.contains(.networkSetRelabelKeepsMembers)
    }

    // MARK: Sets

    func ipSetActivated(_ definition: IPSetDefinition) {
        guard definition.namedPort == nil else { return }
        sets[definition.id] = definition
        for id in networkSets.keys.sorted() { evaluate(definition.id, id) }
    }

    func ipSetDeactivated(_ id: String) {
        // Dropped silently: the sequencer removes the set whole, and the deduplicator forgets it.
        sets[id] = nil
        contributions[id] = nil
    }

    // MARK: Network sets

    func networkSetChanged(_ id: String, old: FelixNetworkSet?, new: FelixNetworkSet?) {
        networkSets[id] = new
        // The mutant: after a relabel, a selector the set no longer matches keeps its CIDRs (the
        // sets it still matches are updated as they should be).
        let relabelled = relabelKeepsMembers && old != nil && new != nil && old?.labels != new?.labels
        for setID in sets.keys.sorted() { evaluate(setID, id, keepingOnMismatch: relabelled) }
    }

    // MARK: Inherited labels

    func parentLabelsChanged(_ id: ProfileID, old: [String: String]?, new: [String: String]?) {
        parentLabels[id] = new
        for (setID, networkSet) in networkSets.sorted(by: { $0.key < $1.key })
        where networkSet.profileIDs.contains(id.name) {
            for ipSet in sets.keys.sorted() { evaluate(ipSet, setID) }
        }
    }

    /// Network sets have no service account, so the switch changes nothing here.
    func serviceAccountsListed() {}

    // MARK: Contributions

    private func labels(of networkSet: FelixNetworkSet) -> InheritedLabels {
        InheritedLabels(own: networkSet.labels, parents: networkSet.profileIDs.map { parentLabels[ProfileID(name: $0)] ?? [:] })
    }

    private func evaluate(_ setID: String, _ networkSetID: String, keepingOnMismatch: Bool = false) {
        guard let definition = sets[setID] else { return }
        let new = networkSets[networkSetID].map { $0.members(of: definition, labels: labels(of: $0)) } ?? []
        let old = contributions[setID]?[networkSetID] ?? []
        if old == new { return }
        // Nothing forgotten either: the kept CIDRs stay counted, and go only with their set.
        if keepingOnMismatch && new.isEmpty { return }
        if new.isEmpty {
            contributions[setID]?[networkSetID] = nil
            if contributions[setID]?.isEmpty == true { contributions[setID] = nil }
        } else {
            contributions[setID, default: [:]][networkSetID] = new
        }
        let before = Set(old), after = Set(new)
        for member in before.subtracting(after).sorted() { memberSink.memberRemoved(set: setID, member: member) }
        for member in after.subtracting(before).sorted() { memberSink.memberAdded(set: setID, member: member) }
    }

    var leakReport: [String] {
        let name = "NetworkSetMemberIndex"
        return leakLine(name, "networkSets", count: networkSets.count)
            + leakLine(name, "sets", count: sets.count)
            + leakLine(name, "parentLabels", count: parentLabels.count)
            + leakLine(name, "contributions", count: contributions.count)
    }
}
