// Codecs for the ID messages: ProfileID, PolicyID, WorkloadEndpointID.
// Field numbers: projectcalico/calico:felix/proto/felixbackend.proto (copy in
// shared/proto/felixbackend.proto). PolicyID field 1 ("tier") and WorkloadEndpointID field 1
// ("hostname") are reserved: older Calico sent them; we skip them like any unknown field
// (an ActivePolicyUpdate reads the old tier separately: LegacyWireForms).

import Calico

extension ProfileID: ProtoMessage {
    /// `message ProfileID { string name = 1; }`
    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(1, name)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> ProfileID {
        var id = ProfileID(name: "")
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 1: id.name = try reader.string(field)
            default: try reader.skip(field)
            }
        }
        return id
    }
}

extension PolicyID: ProtoMessage {
    /// `message PolicyID { reserved 1; string name = 2; string namespace = 3; string kind = 4; }`
    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(2, name)
        writer.writeString(3, namespace)
        writer.writeString(4, kind)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> PolicyID {
        var id = PolicyID(name: "", namespace: "", kind: "")
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 2: id.name = try reader.string(field)
            case 3: id.namespace = try reader.string(field)
            case 4: id.kind = try reader.string(field)
            default: try reader.skip(field)
            }
        }
        return id
    }
}

extension WorkloadEndpointID: ProtoMessage {
    /// `message WorkloadEndpointID { reserved 1; string orchestrator_id = 2; string workload_id = 3;
    /// string endpoint_id = 4; }`
    public func encode(to writer: inout ProtoWriter) {
        writer.writeString(2, orchestratorID)
        writer.writeString(3, workloadID)
        writer.writeString(4, endpointID)
    }

    public static func decode(from reader: inout ProtoReader) throws(ProtobufDecodingError) -> WorkloadEndpointID {
        var id = WorkloadEndpointID(orchestratorID: "", workloadID: "", endpointID: "")
        while !reader.isAtEnd {
            let field = try reader.nextField()
            switch field.number {
            case 2: id.orchestratorID = try reader.string(field)
            case 3: id.workloadID = try reader.string(field)
            case 4: id.endpointID = try reader.string(field)
            default: try reader.skip(field)
            }
        }
        return id
    }
}
