// Where Felix releases before v3.32 put different bytes on the wire, and how each field is
// recognised per occurrence, so one decoder reads every release from v3.25 to today with no
// flag. Sources: projectcalico/calico:felix/proto/felixbackend.proto at v3.25.0 (copy:
// shared/proto/felixbackend-v3.25.0.proto) and at current master (shared/proto/felixbackend.proto).
//
// 1. `TierInfo.ingress_policies` / `egress_policies` (fields 2, 3): `repeated string` (policy
//    names such as `ns/knp.default.allow`) up to v3.31, `repeated PolicyID` from v3.32.0. Both
//    use wire type 2, so the bytes themselves decide (`tierEntryIsName`).
// 2. `PolicyID.tier` (field 1): a string in v3.25 (`default`), reserved today. Current Calico
//    carries the tier in `Policy.tier` (field 8) instead; `legacyTier` reads the old field so
//    the decoder can move it there.
// 3. `ToDataplane` fields 35-38 (`HostMetadataV6Update/Remove`, `HostMetadataV4V6Update/Remove`):
//    sent by v3.25, reserved today; they carry no policy state and decode as unmodelled.
// Names (`knp.default.` prefixes) are not a wire matter: see Live/LegacyFelix.swift.

import Calico

public enum LegacyWireForms {
    /// Decides one `TierInfo` policy entry: true when its bytes are a policy *name* (the
    /// `repeated string` form), false when they are an embedded `PolicyID`.
    ///
    /// Why this is sound: a Calico policy name starts with a letter or a digit (Kubernetes and
    /// Calico names are DNS-1123 based: `ns/knp.default.x`, `default.x`, `x`), while protoc
    /// writes a PolicyID's fields in number order, so its first byte is a tag: 0x0A, 0x12,
    /// 0x1A or 0x22 for fields 1-4 (none of them a letter or digit). An empty entry is taken as
    /// an empty PolicyID (both decode to "no name"). A name that is not valid UTF-8 cannot be
    /// a string, so it is tried as a message (and reported as corrupt if that fails too).
    public static func tierEntryIsName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        let isAlphanumeric = (0x30...0x39).contains(first) || (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first)
        return isAlphanumeric && String(validating: bytes, as: UTF8.self) != nil
    }

    /// The tier string name of a legacy policy entry: `PolicyID(name:)` with no namespace and
    /// no kind, exactly as v3.25 sent it (naming is normalised later, in one place).
    public static func policyID(fromName name: String) -> PolicyID {
        PolicyID(name: name, namespace: "", kind: "")
    }

    /// The old `PolicyID.tier` (field 1) in a PolicyID's bytes, or "" when absent (every
    /// release from v3.32 on).
    public static func legacyTier(_ reader: ProtoReader) throws(ProtobufDecodingError) -> String {
        var copy = reader
        var tier = ""
        while !copy.isAtEnd {
            let field = try copy.nextField()
            if field.number == 1 { tier = try copy.string(field) } else { try copy.skip(field) }
        }
        return tier
    }

    /// `ToDataplane` payload fields that only old releases send (deprecated host metadata).
    public static let deprecatedPayloadFields: Set<Int> = [35, 36, 37, 38]
}
