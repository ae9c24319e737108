// The IP sets Felix's rule scanner makes from rule selectors and named ports, and which
// members one endpoint contributes to each.
// Takes: a selector (and, for a named-port set, a protocol and port name); an endpoint and the
// labels it is matched with (own + inherited). Gives: the set's ID, type and the endpoint's
// member strings. Cost: one selector evaluation, then O(addresses · named ports).
// Sources (projectcalico/calico): felix/calc/rule_scanner.go (`IPSetData.UniqueID`),
// felix/labelindex/named_port_index.go (`CalculateEndpointContribution`),
// felix/labelindex/ipsetmember/ip_set_member.go (`ToProtobufFormat`).

/// The named-port half of a named-port IP set: which port name, and for which protocol.
public struct NamedPortMatch: Hashable, Sendable, Codable {
    /// `tcp`, `udp`, `sctp`, or `any` (matches a port of every protocol).
    public var `protocol`: String
    public var name: String

    public init(protocol: String, name: String) {
        self.protocol = `protocol`
        self.name = name
    }

    /// True when an endpoint's named port is one this set selects.
    public func matches(_ port: EndpointNamedPort) -> Bool {
        port.name == name && (self.protocol == "any" || port.protocol == self.protocol)
    }
}

/// One IP set a rule references: a selector set, or a named-port set.
public struct IPSetDefinition: Hashable, Sendable, Comparable {
    public var id: String
    /// `.net` for selector sets, `.ipAndPort` for named-port sets.
    public var type: IPSetType
    public var selector: Selector
    /// nil for a selector set.
    public var namedPort: NamedPortMatch?

    /// The selector set: ID `s:…` (the selector's unique ID), members `addr/32`.
    public init(selector: Selector) {
        id = selector.uniqueID
        type = .net
        self.selector = selector
        namedPort = nil
    }

    /// The named-port set: ID `UniqueID.make("n", "<selector ID>,<proto>,<name>")`, members
    /// `addr,proto:port`.
    public init(selector: Selector, namedPort: NamedPortMatch) {
        id = UniqueID.make(prefix: "n", content: "\(selector.uniqueID),\(namedPort.protocol),\(namedPort.name)")
        type = .ipAndPort
        self.selector = selector
        self.namedPort = namedPort
    }

    public static func < (a: IPSetDefinition, b: IPSetDefinition) -> Bool {
        a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }

    /// The members one endpoint contributes, sorted and unique; empty if the selector does
    /// not match. A selector set gets each address as a /32 or /128 (spec §0 A6); a named-port
    /// set gets `"<addr>,<proto>:<port>"` for each matching named port (with the port's own
    /// protocol) and each address, the address printed without a prefix.
    /// The selector is evaluated before the endpoint's addresses are formatted: most
    /// (set, endpoint) pairs do not match.
    public func members(of endpoint: EndpointData, labels: some LabelSource) -> [String] {
        guard selector.matches(labels) else { return [] }
        var members: Set<String> = []
        addMatchedMembers(of: endpoint, addresses: endpoint.memberAddresses,
                          addressTexts: namedPort == nil ? [] : endpoint.memberAddressTexts, to: &members)
        return members.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `members(of:labels:)`, unsorted, added to `members`, for a caller that has the
    /// endpoint's `memberAddresses` and `memberAddressTexts` at hand (it looks the same endpoint
    /// up for every IP set). `addressTexts` is read only by a named-port set.
    public func addMembers(
        of endpoint: EndpointData, labels: some LabelSource, addresses: [String], addressTexts: [String],
        to members: inout Set<String>
    ) {
        guard selector.matches(labels) else { return }
        addMatchedMembers(of: endpoint, addresses: addresses, addressTexts: addressTexts, to: &members)
    }

    /// The members of an endpoint the selector has already matched.
    private func addMatchedMembers(
        of endpoint: EndpointData, addresses: [String], addressTexts: [String], to members: inout Set<String>
    ) {
        if let namedPort {
            let ports = endpoint.namedPorts.filter { namedPort.matches($0) }
            for address in addressTexts {
                for port in ports { members.insert("\(address),\(port.protocol):\(port.port)") }
            }
        } else {
            members.formUnion(addresses)
        }
    }
}
