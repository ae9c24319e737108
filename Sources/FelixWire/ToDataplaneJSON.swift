// Canonical proto3 JSON for typed ToDataplane values: encode, then print with the schema, so
// a value and its bytes always print the same way.

extension ToDataplane {
    /// One line of proto3 canonical JSON, e.g. `{"sequenceNumber":"3","ipsetUpdate":{...}}`.
    public var canonicalJSON: String {
        // Our own encoding always matches the schema, so printing it cannot fail.
        (try? ProtoJSON.render(serializedBytes(), as: "ToDataplane")) ?? "{}"
    }
}
