// The Felix → driver envelope: `message ToDataplane { uint64 sequence_number = 15;
// oneof payload { ... } }` (projectcalico/calico:felix/proto/felixbackend.proto), with a
// hand-written codec. Modelled payloads become typed `FelixMessage` cases; every other member
// of the oneof decodes as `.unmodelled(field:)` (its bytes are checked only for framing).

import Calico

/// One message of the stream Felix writes to its dataplane driver on fd 3.
public struct ToDataplane: Hashable, Sendable {
    /// Felix's counter, from 0 (`felix/dataplane/external/ext_dataplane.go` `SendMessage`).
    /// Proto3 leaves 0 off the wire, so the first message carries no field 15.
    public var sequenceNumber: UInt64
    public var payload: FelixMessage

    public init(sequenceNumber: UInt64, payload: FelixMessage) {
        self.sequenceNumber = sequenceNumber
        self.payload = payload
    }

    /// Field number of `sequence_number`.
    public static let sequenceNumberField = 15
}

extension ToDataplane: ProtoMessage {
    /// Fields in field-number order (the payload member, then 15 when the member is below 15),
    /// as protoc's serialisers do, so the bytes equal theirs for the same value.
    public func encode(to writer: inout ProtoWriter) {
        let payloadField = payload.payloadField
        if payloadField < ToDataplane.sequenceNumberField { writePayload(to: &writer) }
        writer.writeUInt64(ToDataplane.sequenceNumberField, sequenceNumber)
        if payloadField > ToDataplane.sequenceNumberField { writePayload(to: &writer) }
    }

    private func writePayload(to writer: inout ProtoWriter) {
        let field = payload.payloadField
        switch payload {
        case .inSync, .unmodelled:
            writer.writeMessage(field) { _ in }  // InSync is empty; unmodelled content is not kept
        case .ipSetUpdate(let update):
            writer.writeMessage(field, update)
        case .ipSetDeltaUpdate(let delta):
            writer.writeMessage(field, delta)
        case .ipSetRemove(let id):
            writer.writeMessage(field) { $0.writeString(1, id) }  // IPSetRemove { string id = 1; }
        case .activeProfileUpdate(let id, let profile):
            // ActiveProfileUpdate { ProfileID id = 1; Profile profile = 2; }
            writer.writeMessage(field) { $0.writeMessage(1, id); $0.writeMessage(2, profile) }
        case .activeProfileRemove(let id):
            writer.writeMessage(field) { $0.writeMessage(1, id) }  // ActiveProfileRemove { ProfileID id = 1; }
        case .activePolicyUpdate(let id, let policy):
            // ActivePolicyUpdate { PolicyID id = 1; Policy policy = 2; }
            writer.writeMessage(field) { $0.writeMessage(1, id); $0.writeMessage(2, policy) }
        case .activePolicyRemove(let id):
            writer.writeMessage(field) { $0.writeMessage(1, id) }  // ActivePolicyRemove { PolicyID id = 1; }
        case .workloadEndpointUpdate(let id, let endpoint):
            // WorkloadEndpointUpdate { WorkloadEndpointID id = 1; WorkloadEndpoint endpoint = 5; }
            writer.writeMessage(field) { $0.writeMessage(1, id); $0.writeMessage(5, endpoint) }
        case .workloadEndpointRemove(let id):
            writer.writeMessage(field) { $0.writeMessage(1, id) }  // WorkloadEndpointRemove { WorkloadEndpointID id = 1; }
        }
    }

    /// Fields may come in any order; a missing sequence number is 0. A ToDataplane with no
    /// payload member at all is reported as an error (Felix never sends one).
    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> ToDataplane {
        let start = reader.offset
        var sequenceNumber: UInt64 = 0
        var payload: FelixMessage?
        while !reader.isAtEnd {
            let field = try reader.nextField()
            if field.number == sequenceNumberField {
                sequenceNumber = try reader.uint64(field)
            } else if field.tag.wireType == .lengthDelimited {
                var inner = try reader.message(field)
                payload = try decodePayload(field: field.number, from: &inner)  // oneof: last member wins
            } else {
                try reader.skip(field)
            }
        }
        guard let payload else {
            throw ProtobufDecodingError(offset: start, "ToDataplane message has no payload")
        }
        return ToDataplane(sequenceNumber: sequenceNumber, payload: payload)
    }

    private static func decodePayload(field: Int, from reader: inout ProtoReader) throws(ProtobufDecodingError) -> FelixMessage {
        switch ToDataplanePayloadField(rawValue: field) {
        case .inSync?:
            return .inSync
        case .ipsetUpdate?:
            return .ipSetUpdate(try IPSetUpdate.decode(from: &reader))
        case .ipsetDeltaUpdate?:
            return .ipSetDeltaUpdate(try IPSetDeltaUpdate.decode(from: &reader))
        case .ipsetRemove?:
            return .ipSetRemove(id: try decodeIDString(from: &reader))
        case .activeProfileUpdate?:
            let (id, profile) = try decodeIDAndBody(ProfileID.self, Profile.self, bodyField: 2, from: &reader)
            return .activeProfileUpdate(id: id ?? ProfileID(name: ""), profile: profile ?? Profile())
        case .activeProfileRemove?:
            let (id, _) = try decodeIDAndBody(ProfileID.self, Profile.self, bodyField: nil, from: &reader)
            return .activeProfileRemove(id: id ?? ProfileID(name: ""))
        case .activePolicyUpdate?:
            return try decodeActivePolicyUpdate(from: &reader)
        case .activePolicyRemove?:
            let (id, _) = try decodeIDAndBody(PolicyID.self, Policy.self, bodyField: nil, from: &reader)
            return .activePolicyRemove(id: id ?? PolicyID(name: "", namespace: "", kind: ""))
        case .workloadEndpointUpdate?:
            let (id, endpoint) = try decodeIDAndBody(
                WorkloadEndpointID.self, WorkloadEndpoint.self, bodyField: 5, from: &reader)
            return .workloadEndpointUpdate(id: id ?? emptyEndpointID, endpoint: endpoint ?? emptyEndpoint)
        case .workloadEndpointRemove?:
            let (id, _) = try decodeIDAndBody(
                WorkloadEndpointID.self, WorkloadEndpoint.self, bodyField: nil, from: &reader)
            return .workloadEndpointRemove(id: id ?? emptyEndpointID)
        default:
            return .unmodelled(field: field)
        }
    }

    private static let emptyEndpointID = WorkloadEndpointID(orchestratorID: "", workloadID: "", endpointID: "")
    private static var emptyEndpoint: WorkloadEndpoint {
        var endpoint = WorkloadEndpoint()
        endpoint.state = ""
        return endpoint
    }

    /// `{ string id = 1; }`
    private static func decodeIDString(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> String {
        var id = ""
        while !reader.isAtEnd {
            let field = try reader.nextField()
            if field.number == 1 { id = try reader.string(field) } else { try reader.skip(field) }
        }
        return id
    }

    /// `ActivePolicyUpdate { PolicyID id = 1; Policy policy = 2; }`. Releases before v3.32 put
    /// the tier in `PolicyID.tier` (field 1) rather than `Policy.tier` (field 8); it is moved
    /// to where current Calico carries it, so both forms give the same value
    /// (LegacyWireForms, item 2).
    private static func decodeActivePolicyUpdate(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> FelixMessage {
        var id = PolicyID(name: "", namespace: "", kind: "")
        var legacyTier = ""
        var policy = Policy()
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1:
                var inner = try reader.message(field)
                legacyTier = try LegacyWireForms.legacyTier(inner)
                id = try PolicyID.decode(from: &inner)
            case 2:
                policy = try reader.message(field, as: Policy.self)
            default:
                try reader.skip(field)
            }
        }
        if policy.tier.isEmpty { policy.tier = legacyTier }
        return .activePolicyUpdate(id: id, policy: policy)
    }

    /// `{ ID id = 1; Body body = bodyField; }`; absent members are nil.
    private static func decodeIDAndBody<ID: ProtoMessage, Body: ProtoMessage>(
        _ idType: ID.Type, _ bodyType: Body.Type, bodyField: Int?, from reader: inout ProtoReader
    ) throws(ProtobufDecodingError) -> (ID?, Body?) {
        var id: ID?
        var body: Body?
        while !reader.isAtEnd {
            let field = try reader.nextField()
            if field.number == 1 {
                id = try reader.message(field, as: ID.self)
            } else if let bodyField, field.number == bodyField {
                body = try reader.message(field, as: Body.self)
            } else {
                try reader.skip(field)
            }
        }
        return (id, body)
    }
}

extension FelixMessage {
    /// The `ToDataplane.payload` field number that carries this message.
    public var payloadField: Int {
        switch self {
        case .inSync: return ToDataplanePayloadField.inSync.rawValue
        case .ipSetUpdate: return ToDataplanePayloadField.ipsetUpdate.rawValue
        case .ipSetDeltaUpdate: return ToDataplanePayloadField.ipsetDeltaUpdate.rawValue
        case .ipSetRemove: return ToDataplanePayloadField.ipsetRemove.rawValue
        case .activeProfileUpdate: return ToDataplanePayloadField.activeProfileUpdate.rawValue
        case .activeProfileRemove: return ToDataplanePayloadField.activeProfileRemove.rawValue
        case .activePolicyUpdate: return ToDataplanePayloadField.activePolicyUpdate.rawValue
        case .activePolicyRemove: return ToDataplanePayloadField.activePolicyRemove.rawValue
        case .workloadEndpointUpdate: return ToDataplanePayloadField.workloadEndpointUpdate.rawValue
        case .workloadEndpointRemove: return ToDataplanePayloadField.workloadEndpointRemove.rawValue
        case .unmodelled(let field): return field
        }
    }
}
