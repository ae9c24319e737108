// The version of the domain generators. Reproducers record it: a recorded choice sequence only
// means the same scenario under the same generator version, so bump this whenever a change to
// Sources/Gen/Domain changes what any choice sequence decodes to (new draws, reordered options,
// new vocabulary), and say what changed below.
//
// 1: first version (cluster shapes, selectors, policies, swarm step sequences, workloads).

public enum GeneratorVersion {
    public static let current = 1
}
