import Calico
import Foundation
import Testing
@testable import Gen

@Suite struct ScenarioValidityTests {
    @Test func generatedScenariosAreValidAndReferToLiveObjects() throws {
        var checked = 0
        for index in 0..<2_000 {
            let scenario = try ScenarioTestSupport.scenario(seed: 2024, index: index)
            let problems = ScenarioTestSupport.problems(scenario)
            #expect(problems.isEmpty, "sequence \(index): \(problems.prefix(5))")
            if !problems.isEmpty { break }
            checked += 1
        }
        #expect(checked == 2_000)
    }

    @Test func garbageChoiceSequencesStillDecodeToValidScenarios() throws {
        var rng = Xoshiro256StarStar(seed: 77)
        let generator = ScenarioGenerators.scenario()
        for round in 0..<400 {
            let length = Int(rng.next(atMost: 400))
            let values: [UInt64] = (0..<length).map { _ in
                switch rng.next(atMost: 3) {
                case 0: return 0
                case 1: return rng.next(atMost: 8)
                case 2: return UInt64.max - rng.next(atMost: 3)
                default: return rng.next()
                }
            }
            let (scenario, recording) = try generator.replay(ChoiceSequence(values))
            let problems = ScenarioTestSupport.problems(scenario)
            #expect(problems.isEmpty, "round \(round): \(problems.prefix(5))")
            #expect(try generator.replay(recording.sequence).value == scenario)
        }
    }

    @Test func truncatedRecordingsDecodeToValidScenarios() throws {
        let generator = ScenarioGenerators.scenario()
        for index in 0..<100 {
            let (_, recording) = try generator.generate(seed: ScenarioGenerators.sequenceSeed(seed: 8, index: UInt64(index)))
            let cut = Array(recording.sequence.values.prefix(recording.sequence.count / 2))
            let scenario = try generator.replay(ChoiceSequence(cut)).value
            #expect(ScenarioTestSupport.problems(scenario).isEmpty)
        }
    }

    @Test func seedScaleStepsAreValid() throws {
        let scenario = try ScenarioGenerators.scenario(scale: .seed, steps: 200...200).generate(seed: 11).value
        #expect(scenario.steps.count == 200)
        #expect(ScenarioIntegrity.problems(in: scenario).isEmpty)
    }

    @Test func validityCheckIsNotVacuous() {
        let bad = NetworkPolicy(
            metadata: ObjectMeta(name: "Bad_Name", namespace: "ns-0"),
            spec: NetworkPolicySpec(podSelector: LabelSelector(matchExpressions: [
                LabelSelectorRequirement(key: "role", operator: "In", values: []),
            ])))
        let scenario = Scenario(
            localHost: "host-0",
            initial: [.namespace(Namespace(name: "ns-0")), .node(Node(name: "host-0")), .networkPolicy(bad)],
            steps: [])
        #expect(ScenarioTestSupport.problems(scenario).count >= 2)
    }

    @Test func integrityCheckCatchesDanglingReferences() throws {
        let scenario = Scenario(
            localHost: "host-0", initial: [.node(Node(name: "host-0"))],
            steps: [
                Step(kind: .deletePod, writes: [.delete(ObjectRef(kind: .pod, namespace: "ns-9", name: "pod-1"))]),
                Step(kind: .createNamespace, writes: [.put(.namespace(Namespace(name: "ns-1")))]),
                Step(kind: .createNamespace, writes: [.put(.namespace(Namespace(name: "ns-1")))]),
            ])
        let problems = ScenarioIntegrity.problems(in: scenario)
        #expect(problems.contains { $0.contains("deletes missing") })
        #expect(problems.contains { $0.contains("creates existing") })
    }
}
