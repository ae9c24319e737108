import Calico

// ScenarioGenerators: the public generators, on the engine's `Gen`. Takes a scale, a step-count
// range and the allowed step kinds; gives whole scenarios (starting cluster, then a swarm-drawn
// mutation sequence) and their parts (selectors, policies, clusters). Choice order: cluster, swarm
// configuration, step count, then one "step" span per step — structure before details, so the
// shrinker can drop steps and lower counts. All-zero choices give the simplest scenario: two
// hosts, one unlabelled namespace, no pods or policies, no steps.
// Cost: O(objects + steps) draws; seed scale adds O(1,000) objects with no draws.

/// Entry points for generating scenarios and their parts.
public enum ScenarioGenerators {
    /// The default number of steps for random scenarios: 0 to this many.
    public static let defaultMaxSteps = 20

    /// A scenario: a cluster of `scale`, then a number of steps in `steps`, their kinds drawn from
    /// a swarm subset of `kinds` (or all of `kinds` with equal weight when `swarm` is false).
    public static func scenario(
        scale: ClusterScale = .small, steps: ClosedRange<Int> = 0...defaultMaxSteps,
        kinds: [StepKind] = StepKind.allCases, swarm: Bool = true
    ) -> Gen<Scenario> {
        Gen { source in
            let draw = Draw(backend: source)
            var state = try ClusterGenerator.cluster(draw, scale: scale)
            let initial = state.population.snapshot.allObjects
            let configuration = swarm
                ? try SwarmConfiguration.draw(draw, allowed: kinds)
                : SwarmConfiguration.uniform(kinds.isEmpty ? [.createPod] : kinds)
            let count = try draw.int(max(0, steps.lowerBound)...max(0, steps.upperBound))
            let generated = try draw.span("steps") { try state.steps(draw, swarm: configuration, count: count) }
            return Scenario(localHost: state.localHost, initial: initial, steps: generated)
        }
    }

    /// Steps over a given starting cluster (the local host must be among its nodes).
    public static func steps(
        from initial: [KubeObject], localHost: String = Vocabulary.localHost, count: ClosedRange<Int>,
        kinds: [StepKind] = StepKind.allCases
    ) -> Gen<[Step]> {
        Gen { source in
            let draw = Draw(backend: source)
            var state = GenerationState(initial: initial, localHost: localHost)
            let configuration = try SwarmConfiguration.draw(draw, allowed: kinds)
            let n = try draw.int(max(0, count.lowerBound)...max(0, count.upperBound))
            return try state.steps(draw, swarm: configuration, count: n)
        }
    }

    /// A starting cluster of `scale`, in dependency order.
    public static func cluster(scale: ClusterScale) -> Gen<[KubeObject]> {
        Gen { source in
            try ClusterGenerator.cluster(Draw(backend: source), scale: scale).population.snapshot.allObjects
        }
    }

    /// A pod selector over the pod vocabulary (`role`, `instance`, `ha`).
    public static var podSelector: Gen<LabelSelector> {
        Gen { source in try LabelSelectorGenerator.selector(Draw(backend: source), .pods) }
    }

    /// A namespace selector over `area`, `maturity` and `kubernetes.io/metadata.name` ∈ `namespaces`.
    public static func namespaceSelector(namespaces: [String]) -> Gen<LabelSelector> {
        Gen { source in
            try LabelSelectorGenerator.selector(Draw(backend: source), .namespaces(names: namespaces))
        }
    }

    /// A random NetworkPolicy; peers' namespace selectors may name `namespaces`.
    public static func networkPolicy(name: String, namespace: String, namespaces: [String]) -> Gen<NetworkPolicy> {
        Gen { source in
            try NetworkPolicyGenerator.policy(
                Draw(backend: source), name: name, namespace: namespace, namespaces: namespaces)
        }
    }

    /// The seed of sequence `index` of a run seeded with `seed`: each sequence is reproducible
    /// alone, in any process.
    public static func sequenceSeed(seed: UInt64, index: UInt64) -> UInt64 {
        SplitMix64.derive(seed: seed, stream: index)
    }

    /// Sequence `index` of a run seeded with `seed`, with the choices it drew.
    public static func generate(
        seed: UInt64, index: UInt64, scale: ClusterScale = .small,
        steps: ClosedRange<Int> = 0...defaultMaxSteps, kinds: [StepKind] = StepKind.allCases
    ) throws -> (scenario: Scenario, recording: ChoiceRecording) {
        let (value, recording) = try scenario(scale: scale, steps: steps, kinds: kinds)
            .generate(seed: sequenceSeed(seed: seed, index: index))
        return (value, recording)
    }
}
