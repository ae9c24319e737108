import Calico
import Testing
@testable import Gen

@Suite struct WorkloadTests {
    @Test func seedClusterHasTheDesignedShape() {
        let snapshot = ClusterSnapshot(objects: SeedCluster.standard.objects)
        #expect(snapshot.nodes.count == 50)
        #expect(snapshot.namespaces.count == 20)
        #expect(snapshot.pods.count == 1_000)
        #expect(snapshot.policies.isEmpty)
        let ips = snapshot.pods.values.compactMap { $0.status?.podIP }
        #expect(Set(ips).count == 1_000)
        let local = snapshot.pods.values.filter { $0.spec.nodeName == "host-0" }
        #expect(local.count == 20)
        #expect(Set(snapshot.namespaces.values.compactMap { $0.labels["maturity"] }) == Set(Vocabulary.maturities))
        #expect(Set(snapshot.namespaces.values.compactMap { $0.labels["area"] }) == Set(Vocabulary.areas))
        for ns in snapshot.namespaces.values {
            let combos = Set(snapshot.pods.values.filter { $0.namespace == ns.name }.map {
                [$0.labels["role"] ?? "", $0.labels["instance"] ?? "", $0.labels["ha"] ?? ""]
            })
            #expect(combos.count == 50)
        }
        for object in SeedCluster.standard.objects.prefix(80) { #expect(KubeValidation.validate(object).isEmpty) }
    }

    @Test func seedScaleScenarioStartsFromTheSeedCluster() throws {
        let scenario = try ScenarioGenerators.scenario(scale: .seed, steps: 3...3).generate(seed: 1).value
        #expect(scenario.initialSnapshot == ClusterSnapshot(objects: SeedCluster.standard.objects))
    }

    @Test func rotateMaturityMovesProductionOutFirst() {
        let scenario = Workloads.rotateMaturity(scale: .small, steps: 5)
        #expect(scenario.steps.count == 5)
        #expect(ScenarioIntegrity.problems(in: scenario).isEmpty)
        let first = scenario.steps[0].writes.compactMap { write -> (String, String)? in
            guard case .put(.namespace(let ns)) = write else { return nil }
            return (ns.name, ns.labels["maturity"] ?? "")
        }
        #expect(first.first?.1 == "out-of-service")
        #expect(first.last?.1 == "production")
        // Five rotations bring every namespace back to where it started.
        #expect(scenario.finalSnapshot.namespaces == scenario.initialSnapshot.namespaces)
    }

    @Test func podRingChurnDeletesAndRecreates() {
        let scenario = Workloads.podRingChurn(scale: .small, steps: 10)
        #expect(scenario.steps.map(\.kind) == Array(repeating: [StepKind.deletePod, .createPod], count: 5).flatMap { $0 })
        #expect(ScenarioIntegrity.problems(in: scenario).isEmpty)
        #expect(scenario.finalSnapshot.pods.count == scenario.initialSnapshot.pods.count)
    }

    @Test func policyChurnKeepsTenAlive() {
        let scenario = Workloads.policyChurn(scale: .seed, steps: 40)
        #expect(scenario.steps.count == 40)
        #expect(ScenarioIntegrity.problems(in: scenario).isEmpty)
        let counts = scenario.snapshotsAfterEachStep.map(\.policies.count)
        #expect(counts.max() == 10)
        #expect(counts.suffix(30).allSatisfy { $0 == 9 || $0 == 10 })
        for step in scenario.steps {
            for case .put(let object) in step.writes { #expect(KubeValidation.validate(object).isEmpty) }
        }
    }

    @Test func workloadsAreDeterministic() throws {
        for name in Workloads.names {
            let a = try Workloads.named(name, scale: .small, steps: 12)?.jsonString()
            let b = try Workloads.named(name, scale: .small, steps: 12)?.jsonString()
            #expect(a != nil && a == b)
        }
        #expect(Workloads.named("nope", scale: .small, steps: 1) == nil)
    }
}
