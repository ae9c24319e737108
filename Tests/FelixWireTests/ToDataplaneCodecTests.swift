import Calico
import Foundation
import Testing
@testable import FelixWire

@Suite struct ToDataplaneCodecTests {
    @Test func everyKindRoundTripsThroughBytes() throws {
        let messages = SampleMessages.messages(count: 600, seed: 42)
        var kinds = Set<String>()
        for message in messages {
            let bytes = message.serializedBytes()
            let decoded = try ToDataplane.decode(bytes)
            #expect(decoded == message, "kind \(message.payload.kindName)")
            #expect(decoded.serializedBytes() == bytes)  // deterministic re-encoding
            kinds.insert(message.payload.kindName)
        }
        #expect(kinds.count == 10)
    }

    @Test func sequenceNumberZeroIsAbsentOnTheWire() throws {
        let first = ToDataplane(sequenceNumber: 0, payload: .inSync)
        #expect(first.serializedBytes() == [0x0A, 0x00])
        let later = ToDataplane(sequenceNumber: 3, payload: .inSync)
        #expect(later.serializedBytes() == [0x0A, 0x00, 0x78, 0x03])
        #expect(try ToDataplane.decode([0x78, 0x03, 0x0A, 0x00]) == later)  // any field order
    }

    @Test func defaultsAreOmittedAndOneofDefaultsKept() {
        var rule = Rule(action: "")
        rule.protocol = .number(0)
        let policy = Policy()
        var withRule = policy
        withRule.inboundRules = [rule]
        #expect(policy.serializedBytes().isEmpty)
        // inbound_rules(1) { protocol(3) { number(1) = 0 } }
        #expect(withRule.serializedBytes() == [0x0A, 0x04, 0x1A, 0x02, 0x08, 0x00])
    }

    @Test func annotationsEncodeInKeyOrderWhateverTheDictionary() throws {
        var endpoint = WorkloadEndpoint()
        for key in ["zeta", "alpha", "mu", "Beta", "ä"] { endpoint.annotations[key] = key.uppercased() }
        let bytes = endpoint.serializedBytes()
        var copy = WorkloadEndpoint()
        for key in ["ä", "Beta", "mu", "alpha", "zeta"] { copy.annotations[key] = key.uppercased() }
        #expect(copy.serializedBytes() == bytes)
        let json = try ProtoJSON.render(bytes, as: "WorkloadEndpoint")
        #expect(json == #"{"state":"active","annotations":{"Beta":"BETA","alpha":"ALPHA","mu":"MU","zeta":"ZETA","ä":"Ä"}}"#)
    }

    @Test func unmodelledPayloadsDecodeByFieldNumber() throws {
        for field in ToDataplanePayloadField.allCases where field.rawValue == 13 || field.rawValue >= 14 || field == .hostEndpointUpdate {
            var writer = ProtoWriter()
            writer.writeMessage(field.rawValue) { $0.writeString(1, "something") }
            writer.writeUInt64(15, 9)
            let decoded = try ToDataplane.decode(writer.bytes)
            #expect(decoded == ToDataplane(sequenceNumber: 9, payload: .unmodelled(field: field.rawValue)))
        }
    }

    @Test func corruptionInsideANestedMessageNamesItsOffset() {
        // active_policy_update { policy { inbound_rules { ip_version = 5 } } }
        let bytes: [UInt8] = [0x3A, 0x06, 0x12, 0x04, 0x0A, 0x02, 0x10, 0x05]
        #expect(throws: ProtobufDecodingError(offset: 106, "unknown IPVersion value 5 (known: 0 ANY, 4 IPV4, 6 IPV6)")) {
            try ToDataplane.decode(bytes, origin: 100)
        }
        #expect(throws: ProtobufDecodingError(offset: 0, "ToDataplane message has no payload")) {
            try ToDataplane.decode([0x78, 0x01])
        }
    }

    @Test func canonicalJSONShape() {
        let message = ToDataplane(sequenceNumber: 3, payload: .ipSetUpdate(IPSetUpdate(id: "s:x", members: ["10.0.0.1/32"], type: .net)))
        #expect(message.canonicalJSON == #"{"sequenceNumber":"3","ipsetUpdate":{"id":"s:x","members":["10.0.0.1/32"],"type":"NET"}}"#)
        let first = ToDataplane(sequenceNumber: 0, payload: .ipSetUpdate(IPSetUpdate(id: "", members: [], type: .ip)))
        #expect(first.canonicalJSON == #"{"ipsetUpdate":{}}"#)
        let unmodelled = ToDataplane(sequenceNumber: 1, payload: .unmodelled(field: 21))
        #expect(unmodelled.canonicalJSON == #"{"sequenceNumber":"1","namespaceUpdate":{}}"#)
        var endpoint = WorkloadEndpoint()
        endpoint.tiers = [TierInfo(name: "default", ingressPolicies: [PolicyID(name: "np", namespace: "ns", kind: "KubernetesNetworkPolicy")], defaultAction: "Deny")]
        let update = ToDataplane(sequenceNumber: UInt64.max, payload: .workloadEndpointUpdate(id: WorkloadEndpointID(workloadID: "ns/p"), endpoint: endpoint))
        #expect(update.canonicalJSON == #"{"sequenceNumber":"18446744073709551615","workloadEndpointUpdate":{"id":{"orchestratorId":"k8s","workloadId":"ns/p","endpointId":"eth0"},"endpoint":{"state":"active","tiers":[{"name":"default","ingressPolicies":[{"name":"np","namespace":"ns","kind":"KubernetesNetworkPolicy"}],"defaultAction":"Deny"}]}}}"#)
    }

    @Test func everyRenderedJSONIsValidJSON() throws {
        for message in SampleMessages.messages(count: 200, seed: 7) {
            let json = message.canonicalJSON
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect(parsed != nil, "not a JSON object: \(json)")
            #expect(parsed?[ToDataplanePayloadField(rawValue: message.payload.payloadField)!.jsonName] != nil)
            #expect((parsed?["sequenceNumber"] as? String) == (message.sequenceNumber == 0 ? nil : String(message.sequenceNumber)))
        }
    }
}

/// Felix before v3.32 sent TierInfo policy entries as names and PolicyID.tier (field 1); the
/// decoder decides per entry (LegacyWireForms), so both forms, even mixed, decode.
@Suite struct LegacyWireFormTests {
    /// TierInfo bytes as v3.25 writes them: name, then names as strings.
    static func legacyTier(_ name: String, ingress: [String], egress: [String]) -> [UInt8] {
        var writer = ProtoWriter()
        writer.writeString(1, name)
        writer.writeStrings(2, ingress)
        writer.writeStrings(3, egress)
        return writer.bytes
    }

    @Test func stringEntriesDecodeAsNames() throws {
        let tier = try TierInfo.decode(Self.legacyTier("default", ingress: ["ns/knp.default.a", "0-b"], egress: ["ns/knp.default.c"]))
        #expect(tier.ingressPolicies == [PolicyID(name: "ns/knp.default.a", namespace: "", kind: ""), PolicyID(name: "0-b", namespace: "", kind: "")])
        #expect(tier.egressPolicies == [PolicyID(name: "ns/knp.default.c", namespace: "", kind: "")])
        let json = try ProtoJSON.render(Self.legacyTier("default", ingress: ["ns/knp.default.a"], egress: []), as: "TierInfo")
        #expect(json == #"{"name":"default","ingressPolicies":["ns/knp.default.a"]}"#)
    }

    @Test func currentAndLegacyEntriesMixPerEntry() throws {
        let current = PolicyID(name: "a", namespace: "ns", kind: "KubernetesNetworkPolicy")
        var writer = ProtoWriter()
        writer.writeString(1, "default")
        writer.writeMessage(2, current)
        writer.writeStrings(2, ["ns/knp.default.b"])
        let tier = try TierInfo.decode(writer.bytes)
        #expect(tier.ingressPolicies == [current, PolicyID(name: "ns/knp.default.b", namespace: "", kind: "")])
        // Today's form still round-trips exactly.
        let modern = TierInfo(name: "default", ingressPolicies: [current], egressPolicies: [current], defaultAction: "Deny")
        #expect(try TierInfo.decode(modern.serializedBytes()) == modern)
    }

    @Test func theOldPolicyIDTierMovesToPolicyTier() throws {
        var envelope = ProtoWriter()
        envelope.writeMessage(7) { update in
            update.writeMessage(1) { $0.writeString(1, "default"); $0.writeString(2, "ns/knp.default.a") }
            update.writeMessage(2) { $0.writeString(5, "ns") }
        }
        envelope.writeUInt64(15, 9)
        let message = try ToDataplane.decode(envelope.bytes)
        guard case .activePolicyUpdate(let decodedID, let policy) = message.payload else {
            Issue.record("expected an ActivePolicyUpdate, got \(message.payload)")
            return
        }
        #expect(decodedID == PolicyID(name: "ns/knp.default.a", namespace: "", kind: ""))
        #expect(policy.tier == "default")
        #expect(policy.namespace == "ns")
        #expect(try ProtoJSON.render(envelope.bytes, as: "ToDataplane").contains(#""id":{"tier":"default","name":"ns/knp.default.a"}"#))
    }

    @Test func deprecatedHostMetadataFieldsDecodeAsUnmodelled() throws {
        var envelope = ProtoWriter()
        envelope.writeMessage(37) { $0.writeString(1, "host-0"); $0.writeString(2, "192.168.0.1") }
        envelope.writeUInt64(15, 4)
        #expect(try ToDataplane.decode(envelope.bytes).payload == .unmodelled(field: 37))
        #expect(try ProtoJSON.render(envelope.bytes, as: "ToDataplane")
            == #"{"sequenceNumber":"4","hostMetadataV4v6Update":{"hostname":"host-0","ipv4Addr":"192.168.0.1"}}"#)
    }
}
