import Calico

// One generated mutation, as the Kubernetes writes it performs. Writes carry whole objects, so a
// reproducer reads like a review of Kubernetes changes and a driver can replay it against a real
// API server without knowing how it was generated.
//
// Multi-write steps and their order:
// - `movePod`: delete the pod, then create it under the same name on the other host.
// - `deleteNamespace`: delete each of its pods (sorted), then each of its policies (sorted), then
//   the namespace. This is what the namespace controller ends up doing in a real cluster; writing
//   the deletes explicitly keeps every snapshot free of orphans, so the oracle never has to guess.
// - `rotateMaturity`: one put per relabelled namespace, production ones first.

/// One mutation: its kind and the writes that perform it, in order.
public struct Step: Codable, Hashable, Sendable {
    public var kind: StepKind
    public var writes: [Write]

    public init(kind: StepKind, writes: [Write]) {
        self.kind = kind
        self.writes = writes
    }
}
