import Calico

// StepGenerator: mutation sequences. Takes the generation state (live population + counters), a
// swarm configuration and draws; gives steps whose writes always refer to live objects. A kind
// with no possible target falls back to a simpler one (`fallback(for:)`), ending at
// `createNamespace`, which always works — so every choice sequence decodes to a valid sequence.
// Cost: per step, a few draws plus O(pods) to filter candidates.

extension GenerationState {
    /// One step of the preferred kind, or of a fallback when it has no target. The step's
    /// writes are applied to the population.
    mutating func step(_ draw: Draw, preferring preferred: StepKind) throws -> Step {
        var kind = preferred
        while true {
            if let writes = try writes(for: kind, draw), !writes.isEmpty {
                population.apply(writes)
                return Step(kind: kind, writes: writes)
            }
            kind = Self.fallback(for: kind)
        }
    }

    /// `count` steps, each of a kind picked from `swarm`, each in its own "step" span.
    mutating func steps(_ draw: Draw, swarm: SwarmConfiguration, count: Int) throws -> [Step] {
        var steps: [Step] = []
        steps.reserveCapacity(count)
        for _ in 0..<count {
            steps.append(try draw.span("step") { try step(draw, preferring: try swarm.pick(draw)) })
        }
        return steps
    }

    mutating func writes(for kind: StepKind, _ draw: Draw) throws -> [Write]? {
        switch kind {
        case .createPod: return try createPodStep(draw)
        case .deletePod: return try deletePodStep(draw)
        case .relabelPod: return try relabelPodStep(draw)
        case .movePod: return try movePodStep(draw)
        case .setPodIP: return try setPodIPStep(draw)
        case .clearPodIP: return try clearPodIPStep(draw)
        case .finishPod: return try finishPodStep(draw)
        case .terminatePod: return try terminatePodStep(draw)
        case .restartPod: return try restartPodStep(draw)
        case .createNamespace: return try createNamespaceStep(draw)
        case .deleteNamespace: return try deleteNamespaceStep(draw)
        case .relabelNamespace: return try relabelNamespaceStep(draw)
        case .rotateMaturity: return rotateMaturityStep()
        case .toggleDefaultDeny: return try toggleDefaultDenyStep(draw)
        case .createPolicy: return try createPolicyStep(draw)
        case .deletePolicy: return try deletePolicyStep(draw)
        case .changePolicySelector: return try changePolicySelectorStep(draw)
        case .changePolicyRules: return try changePolicyRulesStep(draw)
        case .replacePolicy: return try replacePolicyStep(draw)
        case .rewriteUnchanged: return try rewriteUnchangedStep(draw)
        }
    }

    /// What to do instead when `kind` has no target. Every chain ends at `createNamespace`.
    static func fallback(for kind: StepKind) -> StepKind {
        switch kind {
        case .deletePod, .relabelPod, .setPodIP, .finishPod, .terminatePod, .restartPod: return .createPod
        case .movePod: return .relabelPod
        case .clearPodIP: return .setPodIP
        case .rotateMaturity: return .relabelNamespace
        case .deletePolicy, .changePolicySelector, .changePolicyRules, .replacePolicy: return .createPolicy
        case .createPod, .deleteNamespace, .relabelNamespace, .toggleDefaultDeny, .createPolicy,
            .rewriteUnchanged, .createNamespace:
            return .createNamespace
        }
    }
}
