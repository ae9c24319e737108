// Codecs for `WorkloadEndpoint` and `TierInfo`.
// Field numbers: projectcalico/calico:felix/proto/felixbackend.proto. WorkloadEndpoint fields
// k8sfv does not model (NAT 8/9, spoofing 10, QoS 12/15, BGP 13, skip_redir 14, Istio 16,
// live migration 17-19) are skipped on decode.

import Calico

extension TierInfo: ProtoMessage {
    /// `message TierInfo { string name = 1; repeated PolicyID ingress_policies = 2;
    /// repeated PolicyID egress_policies = 3; string default_action = 4; }` (current form,
    /// what we write). Decoding also reads v3.25-v3.31's `repeated string` entries, decided per
    /// entry (LegacyWireForms).
    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(1, name)
        writer.writeMessages(2, ingressPolicies)
        writer.writeMessages(3, egressPolicies)
        writer.writeString(4, defaultAction)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> TierInfo {
        var tier = TierInfo(name: "", defaultAction: "")
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: tier.name = try reader.string(field)
            case 2: tier.ingressPolicies.append(try reader.tierPolicyEntry(field))
            case 3: tier.egressPolicies.append(try reader.tierPolicyEntry(field))
            case 4: tier.defaultAction = try reader.string(field)
            default: try reader.skip(field)
            }
        }
        return tier
    }
}

extension WorkloadEndpoint: ProtoMessage {
    /// `message WorkloadEndpoint { string state = 1; string name = 2; string mac = 3;
    /// repeated string profile_ids = 4; repeated string ipv4_nets = 5; repeated string ipv6_nets = 6;
    /// repeated TierInfo tiers = 7; ... map<string, string> annotations = 11; ... }`
    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(1, state)
        writer.writeString(2, name)
        writer.writeString(3, mac)
        writer.writeStrings(4, profileIDs)
        writer.writeStrings(5, ipv4Nets)
        writer.writeStrings(6, ipv6Nets)
        writer.writeMessages(7, tiers)
        writer.writeStringMap(11, annotations)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> WorkloadEndpoint {
        var endpoint = WorkloadEndpoint()
        endpoint.state = ""  // the Swift default is "active"; on the wire an absent state is ""
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: endpoint.state = try reader.string(field)
            case 2: endpoint.name = try reader.string(field)
            case 3: endpoint.mac = try reader.string(field)
            case 4: endpoint.profileIDs.append(try reader.string(field))
            case 5: endpoint.ipv4Nets.append(try reader.string(field))
            case 6: endpoint.ipv6Nets.append(try reader.string(field))
            case 7: endpoint.tiers.append(try reader.message(field, as: TierInfo.self))
            case 11:
                let (key, value) = try reader.stringMapEntry(field)
                endpoint.annotations[key] = value  // a repeated key: the last entry wins
            default: try reader.skip(field)
            }
        }
        return endpoint
    }
}

extension ProtoReader {
    /// One `TierInfo` policy entry: a `PolicyID` (v3.32 on) or a policy name (up to v3.31).
    mutating func tierPolicyEntry(_ field: FieldHeader) throws(ProtobufDecodingError) -> PolicyID {
        var entry = try message(field)
        let bytes = entry.peekRemainingBytes()
        if LegacyWireForms.tierEntryIsName(bytes[...]) {
            return LegacyWireForms.policyID(fromName: try entry.readWholeString())
        }
        return try PolicyID.decode(from: &entry)
    }

    /// One `map<string, string>` entry (key = 1, value = 2; either may be absent, meaning "").
    public mutating func stringMapEntry(_ field: FieldHeader) throws(ProtobufDecodingError) -> (String, String) {
        var entry = try message(field)
        var key = "", value = ""
        while !entry.isAtEnd {
            let inner = try entry.nextField()
            switch inner.number {
            case 1: key = try entry.string(inner)
            case 2: value = try entry.string(inner)
            default: try entry.skip(inner)
            }
        }
        return (key, value)
    }
}
