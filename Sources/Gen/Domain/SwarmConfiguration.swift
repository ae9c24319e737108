// Swarm testing (Groce et al., ISSTA 2012): each sequence first draws which step kinds it may use,
// and with what weight, so that rare combinations — say only moves and default-deny toggles — get
// whole sequences to themselves instead of being diluted by every other kind. Takes the allowed
// kinds; gives a non-empty weighted subset. Choice 0 everywhere enables only the first allowed
// kind, the simplest configuration. Cost: ≤ 2 draws per kind.

/// The step kinds one sequence uses, with their relative weights.
public struct SwarmConfiguration: Hashable, Sendable {
    /// Enabled kinds in `StepKind` order, each with a weight ≥ 1.
    public var weights: [(kind: StepKind, weight: Int)]

    public init(weights: [(kind: StepKind, weight: Int)]) { self.weights = weights }

    public static func == (a: SwarmConfiguration, b: SwarmConfiguration) -> Bool {
        a.weights.map(\.kind) == b.weights.map(\.kind) && a.weights.map(\.weight) == b.weights.map(\.weight)
    }

    public func hash(into hasher: inout Hasher) {
        for entry in weights {
            hasher.combine(entry.kind)
            hasher.combine(entry.weight)
        }
    }

    public var kinds: [StepKind] { weights.map(\.kind) }

    /// Every allowed kind with weight 1 (no swarm).
    public static func uniform(_ kinds: [StepKind]) -> SwarmConfiguration {
        SwarmConfiguration(weights: kinds.sorted().map { ($0, 1) })
    }

    /// Draws a subset: each allowed kind is on with probability ½ and then gets a weight 1–4,
    /// times its `emphasis`.
    static func draw(_ draw: Draw, allowed: [StepKind]) throws -> SwarmConfiguration {
        let kinds = Array(Set(allowed.isEmpty ? [.createPod] : allowed)).sorted()
        return try draw.span("swarm") {
            var weights: [(kind: StepKind, weight: Int)] = []
            for kind in kinds where try draw.bool() {
                weights.append((kind, try draw.int(1...4) * emphasis(kind)))
            }
            if weights.isEmpty { weights = [(kinds[0], 1)] }
            return SwarmConfiguration(weights: weights)
        }
    }

    /// How much more often than the rest a kind is drawn when enabled: the changes to existing
    /// objects that make Felix re-evaluate what it already computed (relabels, rule changes,
    /// replacements, terminations), where incremental bugs live, count double.
    static func emphasis(_ kind: StepKind) -> Int {
        switch kind {
        case .relabelPod, .relabelNamespace, .changePolicyRules, .replacePolicy, .terminatePod, .restartPod, .setPodIP:
            return 2
        default:
            return 1
        }
    }

    /// Picks one enabled kind by weight; choice 0 gives the first.
    func pick(_ draw: Draw) throws -> StepKind {
        weights[try draw.weighted(weights.map(\.weight))].kind
    }
}
