// The schema of every message `ToDataplane` can carry, transcribed from
// projectcalico/calico:felix/proto/felixbackend.proto (copy: shared/proto/felixbackend.proto).
// Fields are listed in the .proto's declaration order (the order our JSON prints them);
// numbers are the wire facts. Used only for JSON printing: the typed codec is separate.

private typealias F = ProtoFieldSchema

private func s(_ name: String, _ number: Int, repeated: Bool = false, oneof: String? = nil) -> F {
    F(name, number, .string, repeated: repeated, oneof: oneof)
}
private func m(_ name: String, _ number: Int, _ type: String, repeated: Bool = false, oneof: String? = nil) -> F {
    F(name, number, .message(type), repeated: repeated, oneof: oneof)
}
private func b(_ name: String, _ number: Int) -> F { F(name, number, .bool) }
private func stringMap(_ name: String, _ number: Int) -> F { F(name, number, .map(key: .string, value: .string)) }

public enum FelixSchema {
    public static let ipSetType = ProtoEnumSchema("IPSetUpdate.IPSetType", [("IP", 0), ("IP_AND_PORT", 1), ("NET", 2)])
    public static let ipVersion = ProtoEnumSchema("IPVersion", [("ANY", 0), ("IPV4", 4), ("IPV6", 6)])
    public static let liveMigrationRole = ProtoEnumSchema("LiveMigrationRole", [("NO_ROLE", 0), ("SOURCE", 1), ("TARGET", 2)])
    public static let routeType = ProtoEnumSchema("RouteType", [
        ("CIDR_INFO", 0), ("REMOTE_WORKLOAD", 1), ("REMOTE_HOST", 2), ("LOCAL_WORKLOAD", 4),
        ("LOCAL_HOST", 8), ("REMOTE_TUNNEL", 16), ("LOCAL_TUNNEL", 32),
    ])
    public static let ipPoolType = ProtoEnumSchema("IPPoolType", [("NONE", 0), ("NO_ENCAP", 1), ("VXLAN", 2), ("IPIP", 3)])

    /// Every message reachable from `ToDataplane`.
    public static let schemas = ProtoSchemaSet([
        ProtoMessageSchema("ToDataplane",
            [F("sequence_number", ToDataplane.sequenceNumberField, .uint64)]
            + ToDataplanePayloadField.allCases.map { m($0.protoName, $0.rawValue, $0.messageType, oneof: "payload") }
            // Deprecated members that releases before v3.26 still send (reserved today), from
            // felixbackend.proto at v3.25.0 (shared/proto/felixbackend-v3.25.0.proto).
            + [
                m("host_metadata_v6_update", 35, "HostMetadataV6Update", oneof: "payload"),
                m("host_metadata_v6_remove", 36, "HostMetadataV6Remove", oneof: "payload"),
                m("host_metadata_v4v6_update", 37, "HostMetadataV4V6Update", oneof: "payload"),
                m("host_metadata_v4v6_remove", 38, "HostMetadataV4V6Remove", oneof: "payload"),
            ]),
        ProtoMessageSchema("HostMetadataV6Update", [s("hostname", 1), s("ipv6_addr", 2)]),
        ProtoMessageSchema("HostMetadataV6Remove", [s("hostname", 1), s("ipv6_addr", 2)]),
        ProtoMessageSchema("HostMetadataV4V6Update", [
            s("hostname", 1), s("ipv4_addr", 2), s("ipv6_addr", 3), s("asnumber", 4), stringMap("labels", 5),
        ]),
        ProtoMessageSchema("HostMetadataV4V6Remove", [s("hostname", 1), s("ipv4_addr", 2)]),
        ProtoMessageSchema("ConfigUpdate", [
            s("message", 3), stringMap("config", 1),
            F("source_to_raw_config", 2, .map(key: .uint32, value: .message("RawConfig"))),
        ]),
        ProtoMessageSchema("RawConfig", [s("source", 1), stringMap("config", 2)]),
        ProtoMessageSchema("InSync", []),
        ProtoMessageSchema("IPSetUpdate", [s("id", 1), s("members", 2, repeated: true), F("type", 3, .enumeration(ipSetType))]),
        ProtoMessageSchema("IPSetDeltaUpdate", [s("id", 1), s("added_members", 2, repeated: true), s("removed_members", 3, repeated: true)]),
        ProtoMessageSchema("IPSetRemove", [s("id", 1)]),
        ProtoMessageSchema("ActiveProfileUpdate", [m("id", 1, "ProfileID"), m("profile", 2, "Profile")]),
        ProtoMessageSchema("ActiveProfileRemove", [m("id", 1, "ProfileID")]),
        ProtoMessageSchema("ProfileID", [s("name", 1)]),
        ProtoMessageSchema("Profile", [m("inbound_rules", 1, "Rule", repeated: true), m("outbound_rules", 2, "Rule", repeated: true)]),
        ProtoMessageSchema("ActivePolicyUpdate", [m("id", 1, "PolicyID"), m("policy", 2, "Policy")]),
        ProtoMessageSchema("ActivePolicyRemove", [m("id", 1, "PolicyID")]),
        // `tier` (1) is reserved today; releases before v3.32 send it, so it prints when present.
        ProtoMessageSchema("PolicyID", [s("tier", 1), s("name", 2), s("namespace", 3), s("kind", 4)]),
        ProtoMessageSchema("Policy", [
            s("namespace", 5), m("inbound_rules", 1, "Rule", repeated: true), m("outbound_rules", 2, "Rule", repeated: true),
            b("untracked", 3), b("pre_dnat", 4), s("original_selector", 6), s("perf_hints", 7, repeated: true), s("tier", 8),
        ]),
        ProtoMessageSchema("Rule", [
            s("action", 1), F("ip_version", 2, .enumeration(ipVersion)), m("protocol", 3, "Protocol"),
            s("src_net", 4, repeated: true), m("src_ports", 5, "PortRange", repeated: true),
            s("src_named_port_ip_set_ids", 12, repeated: true),
            s("dst_net", 6, repeated: true), m("dst_ports", 7, "PortRange", repeated: true),
            s("dst_named_port_ip_set_ids", 13, repeated: true),
            F("icmp_type", 8, .int32, oneof: "icmp"), m("icmp_type_code", 9, "IcmpTypeAndCode", oneof: "icmp"),
            s("src_ip_set_ids", 10, repeated: true), s("dst_ip_set_ids", 11, repeated: true),
            s("dst_ip_port_set_ids", 15, repeated: true),
            m("not_protocol", 102, "Protocol"),
            s("not_src_net", 103, repeated: true), m("not_src_ports", 104, "PortRange", repeated: true),
            s("not_dst_net", 105, repeated: true), m("not_dst_ports", 106, "PortRange", repeated: true),
            F("not_icmp_type", 107, .int32, oneof: "not_icmp"),
            m("not_icmp_type_code", 108, "IcmpTypeAndCode", oneof: "not_icmp"),
            s("not_src_ip_set_ids", 109, repeated: true), s("not_dst_ip_set_ids", 110, repeated: true),
            s("not_src_named_port_ip_set_ids", 112, repeated: true), s("not_dst_named_port_ip_set_ids", 113, repeated: true),
            s("original_src_selector", 114), s("original_dst_selector", 115),
            s("original_src_namespace_selector", 116), s("original_dst_namespace_selector", 117),
            s("original_not_src_selector", 118), s("original_not_dst_selector", 119),
            s("original_src_service", 132), s("original_src_service_namespace", 133),
            s("original_dst_service", 130), s("original_dst_service_namespace", 131),
            m("src_service_account_match", 120, "ServiceAccountMatch"),
            m("dst_service_account_match", 121, "ServiceAccountMatch"),
            m("http_match", 122, "HTTPMatch"), m("metadata", 123, "RuleMetadata"),
            s("rule_id", 201),
        ]),
        ProtoMessageSchema("ServiceAccountMatch", [s("selector", 1), s("names", 2, repeated: true)]),
        ProtoMessageSchema("HTTPMatch", [s("methods", 1, repeated: true), m("paths", 2, "HTTPMatch.PathMatch", repeated: true)]),
        ProtoMessageSchema("HTTPMatch.PathMatch", [s("exact", 1, oneof: "path_match"), s("prefix", 2, oneof: "path_match")]),
        ProtoMessageSchema("RuleMetadata", [stringMap("annotations", 1)]),
        ProtoMessageSchema("IcmpTypeAndCode", [F("type", 1, .int32), F("code", 2, .int32)]),
        ProtoMessageSchema("Protocol", [F("number", 1, .int32, oneof: "number_or_name"), s("name", 2, oneof: "number_or_name")]),
        ProtoMessageSchema("PortRange", [F("first", 1, .int32), F("last", 2, .int32)]),
        ProtoMessageSchema("WorkloadEndpointID", [s("orchestrator_id", 2), s("workload_id", 3), s("endpoint_id", 4)]),
        ProtoMessageSchema("WorkloadEndpointUpdate", [m("id", 1, "WorkloadEndpointID"), m("endpoint", 5, "WorkloadEndpoint")]),
        ProtoMessageSchema("WorkloadBpfSkipRedir", [b("Egress", 1), b("Ingress", 2)]),
        ProtoMessageSchema("WorkloadEndpoint", [
            s("state", 1), s("name", 2), s("mac", 3), s("profile_ids", 4, repeated: true),
            s("ipv4_nets", 5, repeated: true), s("ipv6_nets", 6, repeated: true), m("tiers", 7, "TierInfo", repeated: true),
            m("ipv4_nat", 8, "NatInfo", repeated: true), m("ipv6_nat", 9, "NatInfo", repeated: true),
            s("allow_spoofed_source_prefixes", 10, repeated: true), stringMap("annotations", 11),
            m("qos_controls", 12, "QoSControls"), m("local_bgp_peer", 13, "LocalBGPPeer"),
            m("skip_redir", 14, "WorkloadBpfSkipRedir"), m("qos_policies", 15, "QoSPolicy", repeated: true),
            b("is_istio_ambient", 16), F("live_migration_role", 17, .enumeration(liveMigrationRole)),
            s("live_migration_uid", 18), s("live_migration_vmi_name", 19),
        ]),
        ProtoMessageSchema("QoSControls", [
            "IngressBandwidth", "EgressBandwidth", "IngressBurst", "EgressBurst", "IngressPacketRate",
            "EgressPacketRate", "IngressMaxConnections", "EgressMaxConnections", "IngressPeakrate",
            "EgressPeakrate", "IngressMinburst", "EgressMinburst", "IngressPacketBurst", "EgressPacketBurst",
        ].enumerated().map { F($0.element, $0.offset + 1, .int64) }),
        ProtoMessageSchema("QoSPolicy", [s("destination", 1), F("dscp", 2, .int32)]),
        ProtoMessageSchema("LocalBGPPeer", [s("bgp_peer_name", 1)]),
        ProtoMessageSchema("WorkloadEndpointRemove", [m("id", 1, "WorkloadEndpointID")]),
        ProtoMessageSchema("HostEndpointID", [s("endpoint_id", 2)]),
        ProtoMessageSchema("HostEndpointUpdate", [m("id", 1, "HostEndpointID"), m("endpoint", 3, "HostEndpoint")]),
        ProtoMessageSchema("HostEndpoint", [
            s("name", 1), s("profile_ids", 2, repeated: true), m("tiers", 3, "TierInfo", repeated: true),
            m("untracked_tiers", 6, "TierInfo", repeated: true), m("pre_dnat_tiers", 7, "TierInfo", repeated: true),
            m("forward_tiers", 8, "TierInfo", repeated: true), s("expected_ipv4_addrs", 4, repeated: true),
            s("expected_ipv6_addrs", 5, repeated: true), m("qos_policies", 9, "QoSPolicy", repeated: true),
        ]),
        ProtoMessageSchema("HostEndpointRemove", [m("id", 1, "HostEndpointID")]),
        ProtoMessageSchema("TierInfo", [
            // `repeated PolicyID` from v3.32, `repeated string` before: decided per entry.
            s("name", 1), F("ingress_policies", 2, .policyIDOrName, repeated: true),
            F("egress_policies", 3, .policyIDOrName, repeated: true), s("default_action", 4),
        ]),
        ProtoMessageSchema("NatInfo", [s("ext_ip", 1), s("int_ip", 2)]),
        ProtoMessageSchema("HostMetadataUpdate", [
            s("hostname", 1), s("ipv4_addr", 2), s("ipv6_addr", 3), s("asnumber", 4), stringMap("labels", 5),
        ]),
        ProtoMessageSchema("HostMetadataRemove", [s("hostname", 1), s("ipv4_addr", 2)]),
        ProtoMessageSchema("IPAMPoolUpdate", [s("id", 1), m("pool", 2, "IPAMPool")]),
        ProtoMessageSchema("IPAMPoolRemove", [s("id", 1)]),
        ProtoMessageSchema("IPAMPool", [
            s("cidr", 1), b("masquerade", 2), s("ipip_mode", 3), s("vxlan_mode", 4), s("allowed_uses", 5, repeated: true),
        ]),
        ProtoMessageSchema("Encapsulation", [b("ipip_enabled", 1), b("vxlan_enabled", 2), b("vxlan_enabled_v6", 3), b("no_encap_enabled", 4)]),
        ProtoMessageSchema("ServiceAccountUpdate", [m("id", 1, "ServiceAccountID"), stringMap("labels", 2)]),
        ProtoMessageSchema("ServiceAccountRemove", [m("id", 1, "ServiceAccountID")]),
        ProtoMessageSchema("ServiceAccountID", [s("namespace", 1), s("name", 2)]),
        ProtoMessageSchema("NamespaceUpdate", [m("id", 1, "NamespaceID"), stringMap("labels", 2)]),
        ProtoMessageSchema("NamespaceRemove", [m("id", 1, "NamespaceID")]),
        ProtoMessageSchema("NamespaceID", [s("name", 1)]),
        ProtoMessageSchema("TunnelType", [b("ipip", 1), b("vxlan", 2), b("wireguard", 3)]),
        ProtoMessageSchema("RouteUpdate", [
            F("types", 12, .enumeration(routeType)), F("ip_pool_type", 2, .enumeration(ipPoolType)), s("dst", 3),
            s("dst_node_name", 4), s("dst_node_ip", 5), b("same_subnet", 7), b("nat_outgoing", 8),
            b("local_workload", 9), m("tunnel_type", 10, "TunnelType"), b("borrowed", 11),
        ]),
        ProtoMessageSchema("RouteRemove", [s("dst", 2)]),
        ProtoMessageSchema("VXLANTunnelEndpointUpdate", [
            s("node", 1), s("mac", 2), s("ipv4_addr", 3), s("parent_device_ip", 4), s("mac_v6", 5),
            s("ipv6_addr", 6), s("parent_device_ipv6", 7),
        ]),
        ProtoMessageSchema("VXLANTunnelEndpointRemove", [s("node", 1)]),
        ProtoMessageSchema("WireguardEndpointUpdate", [s("hostname", 1), s("public_key", 2), s("interface_ipv4_addr", 3)]),
        ProtoMessageSchema("WireguardEndpointRemove", [s("hostname", 1)]),
        ProtoMessageSchema("WireguardEndpointV6Update", [s("hostname", 1), s("public_key_v6", 2), s("interface_ipv6_addr", 3)]),
        ProtoMessageSchema("WireguardEndpointV6Remove", [s("hostname", 1)]),
        ProtoMessageSchema("GlobalBGPConfigUpdate", [
            s("service_cluster_cidrs", 1, repeated: true), s("service_external_cidrs", 2, repeated: true),
            s("service_loadbalancer_cidrs", 3, repeated: true), s("local_workload_peering_ip_v4", 4),
            s("local_workload_peering_ip_v6", 5),
        ]),
        ProtoMessageSchema("ServicePort", [s("Protocol", 1), F("Port", 2, .int32), F("NodePort", 3, .int32)]),
        ProtoMessageSchema("ServiceUpdate", [
            s("name", 1), s("namespace", 2), s("type", 3), s("cluster_ips", 4, repeated: true), s("loadbalancer_ip", 5),
            s("external_ips", 6, repeated: true), m("ports", 7, "ServicePort", repeated: true),
            s("loadbalancer_ingress_ips", 8, repeated: true),
        ]),
        ProtoMessageSchema("ServiceRemove", [s("name", 1), s("namespace", 2)]),
    ])
}
