// Every member of `ToDataplane`'s `payload` oneof: field number, proto name, message type.
// Source: projectcalico/calico:felix/proto/felixbackend.proto `message ToDataplane`
// (fields 35-38 are reserved: deprecated HostMetadataV6/V4V6 messages).

/// A `ToDataplane.payload` member. The raw value is the field number.
public enum ToDataplanePayloadField: Int, CaseIterable, Sendable {
    case inSync = 1
    case ipsetUpdate = 2
    case ipsetDeltaUpdate = 3
    case ipsetRemove = 4
    case activeProfileUpdate = 5
    case activeProfileRemove = 6
    case activePolicyUpdate = 7
    case activePolicyRemove = 8
    case hostEndpointUpdate = 9
    case hostEndpointRemove = 10
    case workloadEndpointUpdate = 11
    case workloadEndpointRemove = 12
    case configUpdate = 13
    case hostMetadataUpdate = 14
    case ipamPoolUpdate = 16
    case ipamPoolRemove = 17
    case hostMetadataRemove = 18
    case serviceAccountUpdate = 19
    case serviceAccountRemove = 20
    case namespaceUpdate = 21
    case namespaceRemove = 22
    case routeUpdate = 23
    case routeRemove = 24
    case vtepUpdate = 25
    case vtepRemove = 26
    case wireguardEndpointUpdate = 27
    case wireguardEndpointRemove = 28
    case globalBGPConfigUpdate = 29
    case encapsulation = 30
    case serviceUpdate = 31
    case serviceRemove = 32
    case wireguardEndpointV6Update = 33
    case wireguardEndpointV6Remove = 34

    /// The field's name in the .proto file.
    public var protoName: String {
        switch self {
        case .inSync: return "in_sync"
        case .ipsetUpdate: return "ipset_update"
        case .ipsetDeltaUpdate: return "ipset_delta_update"
        case .ipsetRemove: return "ipset_remove"
        case .activeProfileUpdate: return "active_profile_update"
        case .activeProfileRemove: return "active_profile_remove"
        case .activePolicyUpdate: return "active_policy_update"
        case .activePolicyRemove: return "active_policy_remove"
        case .hostEndpointUpdate: return "host_endpoint_update"
        case .hostEndpointRemove: return "host_endpoint_remove"
        case .workloadEndpointUpdate: return "workload_endpoint_update"
        case .workloadEndpointRemove: return "workload_endpoint_remove"
        case .configUpdate: return "config_update"
        case .hostMetadataUpdate: return "host_metadata_update"
        case .ipamPoolUpdate: return "ipam_pool_update"
        case .ipamPoolRemove: return "ipam_pool_remove"
        case .hostMetadataRemove: return "host_metadata_remove"
        case .serviceAccountUpdate: return "service_account_update"
        case .serviceAccountRemove: return "service_account_remove"
        case .namespaceUpdate: return "namespace_update"
        case .namespaceRemove: return "namespace_remove"
        case .routeUpdate: return "route_update"
        case .routeRemove: return "route_remove"
        case .vtepUpdate: return "vtep_update"
        case .vtepRemove: return "vtep_remove"
        case .wireguardEndpointUpdate: return "wireguard_endpoint_update"
        case .wireguardEndpointRemove: return "wireguard_endpoint_remove"
        case .globalBGPConfigUpdate: return "global_bgp_config_update"
        case .encapsulation: return "encapsulation"
        case .serviceUpdate: return "service_update"
        case .serviceRemove: return "service_remove"
        case .wireguardEndpointV6Update: return "wireguard_endpoint_v6_update"
        case .wireguardEndpointV6Remove: return "wireguard_endpoint_v6_remove"
        }
    }

    /// The proto3 JSON name (protoc's default json_name: lowerCamelCase of the proto name).
    public var jsonName: String { ProtoJSONName.from(protoName) }

    /// The member's message type in the .proto file.
    public var messageType: String {
        switch self {
        case .inSync: return "InSync"
        case .ipsetUpdate: return "IPSetUpdate"
        case .ipsetDeltaUpdate: return "IPSetDeltaUpdate"
        case .ipsetRemove: return "IPSetRemove"
        case .activeProfileUpdate: return "ActiveProfileUpdate"
        case .activeProfileRemove: return "ActiveProfileRemove"
        case .activePolicyUpdate: return "ActivePolicyUpdate"
        case .activePolicyRemove: return "ActivePolicyRemove"
        case .hostEndpointUpdate: return "HostEndpointUpdate"
        case .hostEndpointRemove: return "HostEndpointRemove"
        case .workloadEndpointUpdate: return "WorkloadEndpointUpdate"
        case .workloadEndpointRemove: return "WorkloadEndpointRemove"
        case .configUpdate: return "ConfigUpdate"
        case .hostMetadataUpdate: return "HostMetadataUpdate"
        case .ipamPoolUpdate: return "IPAMPoolUpdate"
        case .ipamPoolRemove: return "IPAMPoolRemove"
        case .hostMetadataRemove: return "HostMetadataRemove"
        case .serviceAccountUpdate: return "ServiceAccountUpdate"
        case .serviceAccountRemove: return "ServiceAccountRemove"
        case .namespaceUpdate: return "NamespaceUpdate"
        case .namespaceRemove: return "NamespaceRemove"
        case .routeUpdate: return "RouteUpdate"
        case .routeRemove: return "RouteRemove"
        case .vtepUpdate: return "VXLANTunnelEndpointUpdate"
        case .vtepRemove: return "VXLANTunnelEndpointRemove"
        case .wireguardEndpointUpdate: return "WireguardEndpointUpdate"
        case .wireguardEndpointRemove: return "WireguardEndpointRemove"
        case .globalBGPConfigUpdate: return "GlobalBGPConfigUpdate"
        case .encapsulation: return "Encapsulation"
        case .serviceUpdate: return "ServiceUpdate"
        case .serviceRemove: return "ServiceRemove"
        case .wireguardEndpointV6Update: return "WireguardEndpointV6Update"
        case .wireguardEndpointV6Remove: return "WireguardEndpointV6Remove"
        }
    }
}
