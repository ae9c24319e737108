// What Felix's calculation graph knows about one pod's workload endpoint, after libcalico-go's
// conversion and the syncer's update processor. Built by `PodConversion`; read by the oracle,
// the incremental calc graph and IP-set member calculation.
// Source: projectcalico/calico:libcalico-go/lib/backend/syncersv1/updateprocessors/workloadendpointprocessor.go

/// Pod → what Felix's calc graph receives for it (after conversion + update processor).
public struct EndpointData: Hashable, Sendable {
    /// `spec.nodeName`: the endpoint is local to the Felix whose hostname this is.
    public var hostname: String
    /// `k8s`, `<ns>/<pod>`, `eth0`.
    public var id: WorkloadEndpointID
    /// Own labels as Felix sees them: pod labels, minus `pcns.`/`pcsa.` keys, plus the
    /// namespace, orchestrator and service-account labels.
    public var labels: [String: String]
    /// `["kns.<ns>", "ksa.<ns>.<sa>"]`, in label-inheritance order.
    public var profileIDs: [String]
    /// Masked CIDRs, e.g. `"10.0.0.5/32"`.
    public var ipv4Nets: [String]
    public var ipv6Nets: [String]
    /// Named container ports, in container order (duplicates kept, as Felix keeps them).
    public var namedPorts: [EndpointNamedPort]
    /// `cali` + the first 11 hex digits of SHA-1(`<ns>.<pod>`).
    public var interfaceName: String
    /// The annotations Felix passes through (only `k8s.v1.cni.cncf.io/network-status`).
    public var annotations: [String: String]

    public init(
        hostname: String, id: WorkloadEndpointID, labels: [String: String], profileIDs: [String],
        ipv4Nets: [String], ipv6Nets: [String], namedPorts: [EndpointNamedPort], interfaceName: String,
        annotations: [String: String] = [:]
    ) {
        self.hostname = hostname
        self.id = id
        self.labels = labels
        self.profileIDs = profileIDs
        self.ipv4Nets = ipv4Nets
        self.ipv6Nets = ipv6Nets
        self.namedPorts = namedPorts
        self.interfaceName = interfaceName
        self.annotations = annotations
    }

    /// The proto endpoint with the given tiers (`WorkloadEndpointUpdate.endpoint`).
    /// KDD never sets a MAC, so `mac` stays empty.
    public func workloadEndpoint(tiers: [TierInfo]) -> WorkloadEndpoint {
        var endpoint = WorkloadEndpoint()
        endpoint.state = "active"
        endpoint.name = interfaceName
        endpoint.mac = ""
        endpoint.profileIDs = profileIDs
        endpoint.ipv4Nets = ipv4Nets
        endpoint.ipv6Nets = ipv6Nets
        endpoint.tiers = tiers
        endpoint.annotations = annotations
        return endpoint
    }

    /// Addresses as IP-set members ("10.0.0.5/32"). Each net contributes its (masked) address
    /// as a /32 or /128; the prefix length is ignored (spec §0 A6).
    /// Source: projectcalico/calico:felix/labelindex/named_port_index.go (`extractCIDRsFromWorkloadEndpoint`).
    public var memberAddresses: [String] {
        (ipv4Nets + ipv6Nets).compactMap { net in
            EndpointData.memberForms.value(for: ExactText(net)) { EndpointData.forms(of: net) }?.member
        }
    }

    /// The addresses without a prefix ("10.0.0.5"), as named-port members print them.
    public var memberAddressTexts: [String] {
        (ipv4Nets + ipv6Nets).compactMap { net in
            EndpointData.memberForms.value(for: ExactText(net)) { EndpointData.forms(of: net) }?.address
        }
    }

    /// One net's two member spellings, worked out once per distinct net text (see `Memo`);
    /// nil when the net does not parse (it contributes no member).
    private static let memberForms = Memo<ExactText, MemberForms?>(capacity: 16_384)

    private struct MemberForms: Sendable {
        var member: String
        var address: String
    }

    private static func forms(of net: String) -> MemberForms? {
        guard let network = IPNetwork(cidrOrIP: net) else { return nil }
        return MemberForms(member: network.singleAddress.description, address: network.addressText)
    }
}

/// One named container port as the endpoint carries it: `{name, protocol, port}` with the
/// v1 lower-case protocol (`tcp`, `udp` or `sctp`).
public struct EndpointNamedPort: Hashable, Sendable, Comparable, Codable {
    public var name: String
    public var `protocol`: String
    public var port: Int

    public init(name: String, protocol: String, port: Int) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
    }

    public static func < (a: EndpointNamedPort, b: EndpointNamedPort) -> Bool {
        (a.name, a.protocol, a.port) < (b.name, b.protocol, b.port)
    }
}
