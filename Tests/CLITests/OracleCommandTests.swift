import Calico
import Foundation
import Testing
@testable import K8sfvCLI

@Suite struct OracleCommandTests {
    /// A small cluster: one namespace, a local and a remote pod, one policy.
    static var snapshot: ClusterSnapshot {
        func pod(_ name: String, node: String, ip: String) -> Pod {
            Pod(metadata: ObjectMeta(name: name, namespace: "prod", labels: ["app": "web"]),
                spec: PodSpec(nodeName: node, serviceAccountName: "default", containers: [Container(name: "c", image: "i")]),
                status: PodStatus(phase: "Running", podIP: ip, podIPs: [PodIP(ip: ip)]))
        }
        let policy = NetworkPolicy(metadata: ObjectMeta(name: "web", namespace: "prod"), spec: NetworkPolicySpec(
            podSelector: LabelSelector(matchLabels: ["app": "web"]), policyTypes: ["Ingress"],
            ingress: [NetworkPolicyIngressRule(from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["app": "web"]))])]))
        return ClusterSnapshot(objects: [
            .namespace(Namespace(name: "prod", labels: ["env": "prod"])),
            .pod(pod("web-1", node: "node-a", ip: "10.0.0.1")),
            .pod(pod("web-2", node: "node-b", ip: "10.0.0.2")),
            .networkPolicy(policy),
        ])
    }

    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("k8sfv-oracle-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedIO()
        let code = K8sfvMain.run(arguments: ["oracle"] + arguments, io: captured.io)
        return (code, captured.stdout, captured.stderr)
    }

    @Test func printsTheExpectedStateAsSortedJSON() throws {
        let path = try write(try KubeJSON.encodeString(Self.snapshot))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run([path, "--host", "node-a"])
        #expect(result.code == 0)
        #expect(result.err == "")
        let state = try KubeJSON.decode(DataplaneState.self, from: Data(result.out.utf8))
        #expect(state.inSync)
        #expect(state.endpoints.keys.map(\.workloadID) == ["prod/web-1"])
        #expect(state.policies.keys.map(\.name) == ["web"])
        #expect(state.ipSets.values.map(\.members) == [["10.0.0.1/32", "10.0.0.2/32"]])
        // Pretty, sorted, and the same bytes on a second run.
        #expect(result.out.hasPrefix("{\n  \"endpoints\" : ["))
        #expect(run([path, "--host", "node-a"]).out == result.out)
        // The other host sees web-2 instead.
        let other = try KubeJSON.decode(DataplaneState.self, from: Data(run([path, "--host=node-b"]).out.utf8))
        #expect(other.endpoints.keys.map(\.workloadID) == ["prod/web-2"])
    }

    @Test func missingHostIsAUsageError() throws {
        let path = try write(try KubeJSON.encodeString(Self.snapshot))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run([path])
        #expect(result.code == 2)
        #expect(result.err.contains("missing --host NODE"))
        #expect(run(["--host", "a"]).err.contains("missing SNAPSHOT"))
        #expect(run([path, "--host", "a", "--hots", "b"]).err.contains("unknown option --hots"))
    }

    @Test func unreadableFile() {
        let result = run(["/nonexistent/k8sfv/snapshot.json", "--host", "a"])
        #expect(result.code == 2)
        #expect(result.err.contains("cannot read snapshot '/nonexistent/k8sfv/snapshot.json'"))
        #expect(result.out == "")
    }

    @Test func invalidJSONSaysWhere() throws {
        let path = try write("{\"items\": [\n  1,,]}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run([path, "--host", "a"])
        #expect(result.code == 2)
        #expect(result.err.contains("is not valid JSON"))
        #expect(result.err.contains("line 2, column 5"))
    }

    @Test func wrongShapeSaysWhichField() throws {
        let path = try write(#"""
            {"apiVersion":"v1","kind":"List","items":[
              {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod"}},
              {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"prod"},"spec":{"nodeName":"a"}}]}
            """#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run([path, "--host", "a"])
        #expect(result.code == 2)
        #expect(result.err.contains("at items[1].spec: missing field 'containers'"))
    }

    @Test func validateReportsRefusedObjects() throws {
        var snapshot = Self.snapshot
        snapshot.apply(.put(.namespace(Namespace(name: "Bad_NS"))))
        let path = try write(try KubeJSON.encodeString(snapshot))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run([path, "--host", "node-a", "--validate"])
        #expect(result.code == 2)
        #expect(result.err.contains("invalid Namespace Bad_NS: metadata.name: Invalid value: \"Bad_NS\""))
        #expect(result.err.contains("1 object(s) would be refused"))
        #expect(!result.out.isEmpty)
        // Without the bad object --validate passes.
        let good = try write(try KubeJSON.encodeString(Self.snapshot))
        defer { try? FileManager.default.removeItem(atPath: good) }
        #expect(run([good, "--host", "node-a", "--validate"]).code == 0)
    }
}
