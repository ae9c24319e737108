import Calico
import Testing
@testable import Gen

@Suite struct GenerationCoverageTests {
    @Test func everyFeatureAppearsWithinAThousandSequences() throws {
        var stats = GenerationStats()
        for index in 0..<1_000 { stats.add(try ScenarioTestSupport.scenario(seed: 1, index: index)) }
        #expect(stats.scenarios == 1_000)
        #expect(stats.missing.isEmpty, "never generated: \(stats.missing)")
    }

    @Test func swarmGivesSingleKindSequences() throws {
        // Swarm testing: some sequences use only one or two step kinds.
        var narrow = 0
        for index in 0..<300 {
            let kinds = Set(try ScenarioTestSupport.scenario(seed: 4, index: index).steps.map(\.kind))
            if kinds.count == 1 || kinds.count == 2 { narrow += 1 }
        }
        #expect(narrow > 10)
    }

    @Test func statsCountWhatTheyClaim() throws {
        let policy = NetworkPolicy(
            metadata: ObjectMeta(name: "p", namespace: "ns-0"),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "role", operator: "Exists")]),
                policyTypes: ["Ingress"],
                ingress: [NetworkPolicyIngressRule(
                    ports: [NetworkPolicyPort(protocol: "UDP", port: .string("dns")), NetworkPolicyPort(port: .int(80), endPort: 90)],
                    from: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/8", except: ["10.1.0.0/16"]))])]))
        var stats = GenerationStats()
        stats.add(Scenario(localHost: "host-0", initial: [.networkPolicy(policy)], steps: [
            Step(kind: .rewriteUnchanged, writes: [.put(.networkPolicy(policy))]),
        ]))
        #expect(stats.count("operator", "Exists") == 2)
        #expect(stats.count("port", "named") == 2 && stats.count("port", "range") == 2)
        #expect(stats.count("protocol", "UDP") == 2 && stats.count("protocol", "unset") == 2)
        #expect(stats.count("peer", "ipBlock+except") == 2)
        #expect(stats.count("step", "rewriteUnchanged") == 1)
        #expect(stats.missing.contains("peer/none"))
        let json = try stats.jsonString()
        #expect(json.contains("\"ipBlock+except\":2"))
        #expect(stats.table().contains("rewriteUnchanged"))
    }
}
