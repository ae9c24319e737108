// The cluster shapes generation starts from.

/// How big the starting cluster is.
public enum ClusterScale: String, Codable, CaseIterable, Comparable, Sendable {
    /// Drawn by the engine: 2–4 hosts, 1–4 namespaces, 0–8 pods, 0–4 policies. The default for
    /// fuzzing: small clusters make failures easy to read and shrink.
    case small
    /// Felix's original k8sfv scenario, fixed: 50 hosts (1 local), 20 namespaces, 1,000 pods, no
    /// policies (see `SeedCluster`).
    case seed

    public static func < (a: ClusterScale, b: ClusterScale) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
