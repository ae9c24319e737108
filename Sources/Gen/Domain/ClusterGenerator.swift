import Calico

// ClusterGenerator: the starting cluster of a scenario. `small` is drawn: 2–4 hosts (host-0 local),
// 1–4 namespaces, 0–8 pods, 0–4 policies; choice 0 gives 2 hosts, one unlabelled namespace and
// nothing else. `seed` is Felix's fixed k8sfv cluster (`SeedCluster.standard`) and draws nothing.
// Gives the objects in dependency order. Cost: O(objects) draws for small, none for seed.

enum ClusterGenerator {
    /// The generation state after building the cluster; its population is the cluster.
    static func cluster(_ draw: Draw, scale: ClusterScale) throws -> GenerationState {
        switch scale {
        case .seed: return GenerationState(initial: SeedCluster.standard.objects)
        case .small: return try draw.span("cluster") { try small(draw) }
        }
    }

    static func small(_ draw: Draw) throws -> GenerationState {
        let hosts = try draw.int(2...4)
        var state = GenerationState(initial: (0..<hosts).map { .node(SeedCluster.node($0)) })
        for _ in 0..<(try draw.int(1...4)) {
            state.population.apply(.put(.namespace(try state.makeNamespace(draw))))
        }
        for _ in 0..<(try draw.int(0...8)) {
            guard let namespace = try state.pickHomeNamespace(draw) else { break }
            state.population.apply(.put(.pod(try state.makePod(draw, namespace: namespace))))
        }
        for _ in 0..<(try draw.int(0...4)) {
            guard let namespace = try state.pickHomeNamespace(draw) else { break }
            state.population.apply(.put(.networkPolicy(try state.makePolicy(draw, namespace: namespace))))
        }
        return state
    }
}
