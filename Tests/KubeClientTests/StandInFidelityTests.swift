// One conformance test per point where a real kube-apiserver was seen to differ from the
// stand-in (felix-live.md §8.1, issue 11 item 5): NetworkPolicy validation, empty lists,
// pod IP normalisation, pod defaults (and so the 422 on a bare PUT), namespace termination
// (Terminating, 409 and 403 with the real bodies, deletion after a delay) and bookmarks.

import Foundation
import KubeStandIn
import Testing
@testable import KubeClient

@Suite("Stand-in fidelity to a real API server")
struct StandInFidelityTests {
    static func policy(_ spec: String) throws -> JSONValue {
        try JSONValue.parse(Data("""
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"p"},"spec":\(spec)}
            """.utf8))
    }

    /// Each spec a real server refuses with 422, and the field its cause names.
    static let refused: [(String, String)] = [
        (#"{"podSelector":{},"ingress":[{"ports":[{"port":"http","endPort":90}]}]}"#, "spec.ingress[0].ports[0].endPort"),
        (#"{"podSelector":{},"ingress":[{"ports":[{"port":90,"endPort":80}]}]}"#, "spec.ingress[0].ports[0].endPort"),
        (#"{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/16","except":["10.1.0.0/24"]}}]}]}"#, "spec.egress[0].to[0].ipBlock.except[0]"),
        (#"{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/16","except":["10.0.0.0/16"]}}]}]}"#, "spec.egress[0].to[0].ipBlock.except[0]"),
        (#"{"podSelector":{"matchExpressions":[{"key":"a","operator":"In"}]}}"#, "spec.podSelector.matchExpressions[0].values"),
        (#"{"podSelector":{},"ingress":[{"from":[{"podSelector":{"matchExpressions":[{"key":"a","operator":"NotIn","values":[]}]}}]}]}"#, "spec.ingress[0].from[0].podSelector.matchExpressions[0].values"),
        (#"{"podSelector":{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}}"#, "spec.podSelector.matchExpressions[0].values"),
        (#"{"podSelector":{},"ingress":[{"from":[{"namespaceSelector":{"matchExpressions":[{"key":"a","operator":"DoesNotExist","values":["x"]}]}}]}]}"#, "spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values"),
        (#"{"podSelector":{},"ingress":[{"ports":[{"port":"a-very-long-port-name"}]}]}"#, "spec.ingress[0].ports[0].port"),
        (#"{"podSelector":{},"policyTypes":["Ingress","Sideways"]}"#, "spec.policyTypes[1]"),
        (#"{"podSelector":{},"ingress":[{"from":[{}]}]}"#, "spec.ingress[0].from[0]"),
    ]

    @Test("NetworkPolicies a real server refuses get 422 with the field", arguments: 0..<refused.count)
    func refusesWhatTheRealServerRefuses(index: Int) async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let (spec, field) = Self.refused[index]
        let error = await expectKubeError { _ = try await client.create(.networkPolicies, try Self.policy(spec), namespace: "demo") }
        let api = try #require(error?.apiError, "accepted: \(spec)")
        #expect(api.code == 422)
        #expect(api.reason == .invalid)
        #expect(api.causes.contains { $0.field == field }, "\(api.causes.map(\.field))")
    }

    @Test("valid neighbours of the refused specs are accepted")
    func acceptsValidNeighbours() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let valid = [
            #"{"podSelector":{},"ingress":[{"ports":[{"port":80,"endPort":90}]}]}"#,
            #"{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/16","except":["10.0.1.0/24"]}}]}]}"#,
            #"{"podSelector":{"matchExpressions":[{"key":"a","operator":"In","values":["x"]},{"key":"b","operator":"Exists"}]}}"#,
            #"{"podSelector":{},"ingress":[{"ports":[{"port":"fifteen-chars-x"}]}],"policyTypes":["Ingress","Egress"]}"#,
        ]
        for (index, spec) in valid.enumerated() {
            var object = try Self.policy(spec)
            object["metadata"]?["name"] = .string("p\(index)")
            _ = try await client.create(.networkPolicies, object, namespace: "demo")
        }
    }

    @Test("empty lists are dropped: egress [] comes back absent")
    func emptyListsDropped() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let stored = try await client.create(
            .networkPolicies, try Self.policy(#"{"podSelector":{},"ingress":[{"ports":[],"from":[]}],"egress":[]}"#), namespace: "demo")
        #expect(stored["spec"]?["egress"] == nil)
        #expect(stored["spec"]?["ingress"] == [[:]])
        #expect(stored["spec"]?["policyTypes"] == ["Ingress"])
    }

    @Test("pod status: podIP and podIPs are filled from each other, podIP wins podIPs[0]")
    func podIPsNormalised() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        _ = try await client.create(.pods, podObject("a", namespace: "demo"), namespace: "demo")
        func writeStatus(_ status: JSONValue) async throws -> JSONValue {
            var pod = try await client.get(.pods, namespace: "demo", name: "a")
            pod["status"] = status
            return try await client.replaceStatus(.pods, pod, namespace: "demo")["status"] ?? .null
        }
        let onlyIP = try await writeStatus(["phase": "Running", "podIP": "10.0.0.1"])
        #expect(onlyIP["podIPs"] == [["ip": "10.0.0.1"]])
        let onlyIPs = try await writeStatus(["phase": "Running", "podIPs": [["ip": "10.0.0.2"], ["ip": "fd00::2"]]])
        #expect(onlyIPs["podIP"] == "10.0.0.2")
        let differing = try await writeStatus(["phase": "Running", "podIP": "10.0.0.3", "podIPs": [["ip": "10.0.0.4"], ["ip": "fd00::4"]]])
        #expect(differing["podIPs"] == [["ip": "10.0.0.3"], ["ip": "fd00::4"]])
    }

    @Test("pod defaults at create; a PUT of the bare pod is then a 422, a label merge patch is not")
    func podDefaultsMakeBarePutInvalid() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let stored = try await client.create(.pods, podObject("a", namespace: "demo"), namespace: "demo")
        let spec = try #require(stored["spec"])
        #expect(spec["volumes"]?.arrayValue?.first?["name"]?.stringValue?.hasPrefix("kube-api-access-") == true)
        #expect(spec["containers"]?.arrayValue?.first?["volumeMounts"]?.arrayValue?.count == 1)
        #expect(spec["tolerations"]?.arrayValue?.count == 2)
        #expect(spec["securityContext"] == [:])
        #expect(spec["preemptionPolicy"] == "PreemptLowerPriority")
        #expect(spec["enableServiceLinks"] == true)
        #expect(spec["containers"]?.arrayValue?.first?["terminationMessagePolicy"] == "File")
        var bare = podObject("a", namespace: "demo", labels: ["app": "db"])
        bare["metadata"]?["resourceVersion"] = stored["metadata"]?["resourceVersion"]
        let body = bare
        let error = await expectKubeError { _ = try await client.replace(.pods, body, namespace: "demo") }
        #expect(error?.apiError?.code == 422)
        let patched = try await client.mergePatch(.pods, namespace: "demo", name: "a", ["metadata": ["labels": ["app": "db"]]])
        #expect(patched["metadata"]?["labels"]?["app"] == "db")
        #expect(patched["metadata"]?["uid"] == stored["metadata"]?["uid"])
    }

    @Test("a deleted namespace is Terminating: 409 on re-create, 403 NamespaceTerminating for a pod")
    func namespaceTermination() async throws {
        // A delay no test run reaches, so the checks below never race the controller's work
        // on a loaded machine; the deletion itself is the next test's.
        let server = try KubeStandIn.start(options: StandInOptions(namespaceDeletionDelaySeconds: 3600))
        defer { server.stop() }
        let client = try makeClient(server, retry: .never)
        _ = try await client.create(.namespaces, namespaceObject("doomed"))
        _ = try await client.create(.pods, podObject("a", namespace: "doomed"), namespace: "doomed")
        let answer = try await client.delete(.namespaces, name: "doomed")
        #expect(answer["status"]?["phase"] == "Terminating")
        #expect(answer["metadata"]?["deletionTimestamp"] != nil)

        let again = await expectKubeError { _ = try await client.create(.namespaces, namespaceObject("doomed")) }
        #expect(again?.apiError?.code == 409)
        #expect(again?.apiError?.reason == .alreadyExists)
        #expect(again?.apiError?.message == #"object is being deleted: namespaces "doomed" already exists"#)

        let pod = await expectKubeError { _ = try await client.create(.pods, podObject("b", namespace: "doomed"), namespace: "doomed") }
        let forbidden = try #require(pod?.apiError)
        #expect(forbidden.code == 403)
        #expect(forbidden.reason == .forbidden)
        #expect(forbidden.message.contains("because it is being terminated"))
        #expect(forbidden.causes.contains { $0.reason == "NamespaceTerminating" && $0.field == "metadata.namespace" })
        #expect(!server.objects(.pods, namespace: "doomed").isEmpty, "the pod went before the controller's delay")
    }

    @Test("a deleted namespace and its pods are gone after the delay, and the name can be used again")
    func namespaceDeletionCompletes() async throws {
        let server = try KubeStandIn.start(options: StandInOptions(namespaceDeletionDelaySeconds: 0.2))
        defer { server.stop() }
        let client = try makeClient(server, retry: .never)
        _ = try await client.create(.namespaces, namespaceObject("doomed"))
        _ = try await client.create(.pods, podObject("a", namespace: "doomed"), namespace: "doomed")
        _ = try await client.delete(.namespaces, name: "doomed")
        // The controller's work happens after the delay (polled for up to a minute; no timing
        // is asserted).
        var gone = false
        for _ in 0..<3000 where !gone {
            try await Task.sleep(nanoseconds: 20_000_000)
            gone = server.objects(.namespaces).allSatisfy { $0.name != "doomed" }
        }
        #expect(gone)
        #expect(server.objects(.pods, namespace: "doomed").isEmpty)
        _ = try await client.create(.namespaces, namespaceObject("doomed"))
    }

    @Test("bookmarks are not sent every second by default")
    func bookmarksAreRare() {
        #expect(StandInOptions().bookmarkIntervalSeconds >= 60)
    }
}
