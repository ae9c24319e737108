// NetworkSet / GlobalNetworkSet → what Felix's label index holds for it, and the members it
// gives a selector IP set.
// - A NetworkSet is keyed `<namespace>/<name>`, gets the label
//   `projectcalico.org/namespace: <namespace>` (over any of its own) and the parent profile
//   `kns.<namespace>`, so namespace selectors (`pcns.*`) match it like a pod of that namespace.
// - A GlobalNetworkSet is keyed by its name, with its own labels and no parent.
// - Each net is parsed as a CIDR or bare address and masked; one that does not parse is
//   skipped. A zero-length net becomes the two /1 halves (the dataplane cannot hold a /0).
// - Members: every net, as a CIDR, in each selector set whose selector matches the set's
//   labels (with inherited ones). Named-port sets get nothing from a network set.
// Sources (projectcalico/calico): libcalico-go/lib/backend/syncersv1/updateprocessors/
// networksetprocessor.go (`convertNetworkSetV2ToV1Key`, `convertNetworkSetV2ToV1Value`),
// globalnetworksetprocessor.go, felix/labelindex/named_port_index.go
// (`extractCIDRsFromNetworkSet`, `CalculateEndpointContribution`).

/// A network set as Felix's calc graph sees it.
public struct FelixNetworkSet: Hashable, Sendable {
    /// `<namespace>/<name>`, or the name of a global set.
    public var id: String
    public var labels: [String: String]
    /// `["kns.<namespace>"]`, or none for a global set.
    public var profileIDs: [String]
    /// The masked networks, unparseable ones dropped.
    public var nets: [IPNetwork]

    /// The member strings it gives a selector IP set that selects it: each net as a CIDR,
    /// a /0 as its two /1 halves, sorted and unique.
    public var memberCIDRs: [String] {
        var members: Set<String> = []
        for net in nets {
            if net.prefixLength == 0 {
                members.formUnion(net.isIPv4 ? ["0.0.0.0/1", "128.0.0.0/1"] : ["::/1", "8000::/1"])
            } else {
                members.insert(net.description)
            }
        }
        return members.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The members it adds to `definition`: none for a named-port set or a selector that does
    /// not match `labels` (the set's own labels with its profile's inherited ones).
    public func members(of definition: IPSetDefinition, labels: some LabelSource) -> [String] {
        guard definition.namedPort == nil, definition.selector.matches(labels) else { return [] }
        return memberCIDRs
    }
}

public enum V3NetworkSetConversion {
    public static func felixNetworkSet(for set: V3NetworkSet) -> FelixNetworkSet {
        var labels = set.metadata.labelsOrEmpty
        labels[PodConversion.namespaceLabel] = set.namespace
        return FelixNetworkSet(
            id: "\(set.namespace)/\(set.name)", labels: labels,
            profileIDs: [ProfileConversion.namespaceProfileName(set.namespace)], nets: nets(set.spec.nets))
    }

    public static func felixNetworkSet(for set: V3GlobalNetworkSet) -> FelixNetworkSet {
        FelixNetworkSet(id: set.name, labels: set.metadata.labelsOrEmpty, profileIDs: [], nets: nets(set.spec.nets))
    }

    /// `cnet.ParseCIDROrIP`, masked; unparseable entries skipped.
    static func nets(_ texts: [String]?) -> [IPNetwork] {
        (texts ?? []).compactMap { IPNetwork(cidrOrIP: $0)?.masked }
    }
}
