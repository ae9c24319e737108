import Calico
import Foundation
import Testing
@testable import K8sfvCLI

/// `k8sfv oracle` and `k8sfv convert --felix` show the oracle-gap fixes of issue 16: they call
/// the same conversion and oracle, so this checks the wiring (ServiceAccounts read from a
/// snapshot file; a policy Felix's validator rejects reported as invalid).
@Suite struct OracleGapCommandTests {
    private static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("k8sfv-gap-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private static func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedIO()
        let code = K8sfvMain.run(arguments: arguments, io: captured.io)
        return (code, captured.stdout, captured.stderr)
    }

    @Test func oracleReadsServiceAccountsFromTheSnapshot() throws {
        let snapshot = """
            {"apiVersion":"v1","kind":"List","items":[
             {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod"}},
             {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"robot","namespace":"prod","labels":{"team":"blue"}}},
             {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"prod"},
              "spec":{"nodeName":"node-a","serviceAccountName":"robot","containers":[{"name":"c"}]},
              "status":{"phase":"Running","podIP":"::ffff:10.0.0.1"}},
             {"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"prod"},
              "spec":{"nodeName":"node-a","serviceAccountName":"default","containers":[{"name":"c"}]},
              "status":{"phase":"Running","podIP":"10.0.0.2"}},
             {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"blue","namespace":"prod"},
              "spec":{"podSelector":{"matchLabels":{"pcsa.team":"blue"}},"policyTypes":["Ingress"]}}]}
            """
        let path = try Self.file(snapshot)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["oracle", path, "--host", "node-a"])
        #expect(result.code == 0, "\(result.err)")
        let state = try KubeJSON.decode(DataplaneState.self, from: Data(result.out.utf8))
        #expect(state.policies.keys.map(\.name) == ["blue"])
        #expect(state.profiles[ProfileID(name: "ksa.prod.default")] == ProfileConversion.missingProfile)
        #expect(state.endpoints[WorkloadEndpointID(workloadID: "prod/a")]?.ipv4Nets == ["10.0.0.1/32"])
    }

    @Test func oracleReadsCalicoTiersAndPolicies() throws {
        let snapshot = """
            {"apiVersion":"v1","kind":"List","items":[
             {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod"}},
             {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"prod"},
              "spec":{"nodeName":"node-a","serviceAccountName":"default","containers":[{"name":"c"}]},
              "status":{"phase":"Running","podIP":"10.0.0.1"}},
             {"apiVersion":"projectcalico.org/v3","kind":"Tier","metadata":{"name":"first"},"spec":{"order":1,"defaultAction":"Pass"}},
             {"apiVersion":"projectcalico.org/v3","kind":"GlobalNetworkPolicy","metadata":{"name":"all"},
              "spec":{"tier":"first","selector":"all()","types":["Egress"],"egress":[{"action":"Pass"}]}}]}
            """
        let path = try Self.file(snapshot)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["oracle", path, "--host", "node-a"])
        #expect(result.code == 0, "\(result.err)")
        let state = try KubeJSON.decode(DataplaneState.self, from: Data(result.out.utf8))
        let id = PolicyID(name: "all", namespace: "", kind: "GlobalNetworkPolicy")
        #expect(state.endpoints[WorkloadEndpointID(workloadID: "prod/a")]?.tiers
            == [TierInfo(name: "first", egressPolicies: [id], defaultAction: "Pass")])
        #expect(state.policies[id]?.outboundRules.map(\.action) == ["next-tier"])
    }

    @Test func convertFelixMarksARejectedPolicyInvalid() throws {
        let policy = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"icmp","namespace":"prod"},
             "spec":{"podSelector":{},"ingress":[{"ports":[{"protocol":"ICMP","port":"http"}]}]}}
            """
        let path = try Self.file(policy)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.run(["convert", "--felix", path])
        #expect(result.code == 0)
        #expect(result.out.contains("\"valid\" : false"), "\(result.out)")
    }
}
