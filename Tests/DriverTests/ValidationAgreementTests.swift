// Two independent implementations of the API server's NetworkPolicy rules must agree: Calico's
// KubeValidation (what the generators are held to) and the stand-in's (what the live path
// writes into). Every generated policy is accepted by the stand-in, and every policy from the
// list of what a real server refused (felix-live.md §8.1) is refused by KubeValidation too.

import Calico
import Foundation
import Gen
import KubeClient
import KubeStandIn
import Testing

@Suite("KubeValidation and the stand-in agree")
struct ValidationAgreementTests {
    @Test("every generated NetworkPolicy (20 scenarios) is accepted by the stand-in")
    func generatedPoliciesAreAccepted() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let client = try KubeClient(loopback: standIn.baseURL)
        _ = try await client.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "demo"]])
        let generator = ScenarioGenerators.scenario(scale: .small)
        var policies: [NetworkPolicy] = []
        for seed in 0..<20 {
            let (scenario, _) = try generator.generate(seed: UInt64(seed))
            let writes = scenario.initial.map { Write.put($0) } + scenario.steps.flatMap(\.writes)
            for case .put(.networkPolicy(let policy)) in writes { policies.append(policy) }
        }
        #expect(policies.count > 40)
        for (index, var policy) in policies.enumerated() {
            policy.metadata = ObjectMeta(name: "p-\(index)", namespace: "demo")
            let body = try JSONValue.parse(try KubeJSON.encode(KubeObject.networkPolicy(policy)))
            do {
                _ = try await client.create(.networkPolicies, body, namespace: "demo")
            } catch {
                Issue.record("generated policy refused by the stand-in: \(error)\n\(String(decoding: try KubeJSON.encode(KubeObject.networkPolicy(policy)), as: UTF8.self))")
                return
            }
        }
    }

    static let refusedSpecs = [
        #"{"podSelector":{},"ingress":[{"ports":[{"port":"http","endPort":90}]}]}"#,
        #"{"podSelector":{},"ingress":[{"ports":[{"port":90,"endPort":80}]}]}"#,
        #"{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/16","except":["10.1.0.0/24"]}}]}]}"#,
        #"{"podSelector":{"matchExpressions":[{"key":"a","operator":"In"}]}}"#,
        #"{"podSelector":{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}}"#,
        #"{"podSelector":{},"ingress":[{"ports":[{"port":"a-very-long-port-name"}]}]}"#,
        #"{"podSelector":{},"policyTypes":["Ingress","Sideways"]}"#,
        #"{"podSelector":{},"ingress":[{"from":[{}]}]}"#,
    ]

    @Test("every kind of policy a real server refused, KubeValidation refuses", arguments: refusedSpecs)
    func kubeValidationRefusesThem(spec: String) throws {
        let text = #"{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"p","namespace":"demo"},"spec":"# + spec + "}"
        let policy = try KubeJSON.decode(NetworkPolicy.self, from: Data(text.utf8))
        #expect(!KubeValidation.validate(.networkPolicy(policy)).isEmpty, "KubeValidation accepts \(spec)")
    }
}
