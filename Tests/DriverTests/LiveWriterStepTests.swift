// Each kind of write reaches the API server the way a Kubernetes client makes that change
// (felix-live.md §8.1): a relabel is an in-place update, status goes through the status
// subresource, a termination is a graceful delete that leaves the pod Terminating, an
// unchanged rewrite is still a real (irrelevant) change, and a namespace that is still
// terminating is waited for before it is created again.

import Calico
import Foundation
import KubeClient
import KubeStandIn
@testable import Live
import Testing
@testable import Driver

@Suite("Live writer: steps as Kubernetes clients write them", .serialized)
struct LiveWriterStepTests {
    static let runID = "writer-steps"

    static func pod(_ json: String) throws -> KubeObject { .pod(try KubeJSON.decode(Pod.self, from: Data(json.utf8))) }

    static let namespace = KubeObject.namespace(Namespace(name: "ns-0", labels: ["team": "a"]))
    static let running = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-0","namespace":"ns-0","labels":{"app":"web"}},
         "spec":{"nodeName":"host-0","containers":[{"name":"main","image":"pause"}]},
         "status":{"phase":"Running","podIP":"10.128.0.1","podIPs":[{"ip":"10.128.0.1"}]}}
        """

    /// A writer on a fresh stand-in, and the naming that turns scenario objects into live ones.
    static func make(_ options: StandInOptions = StandInOptions()) throws -> (KubeStandIn, LiveClusterWriter, LiveNaming) {
        let standIn = try KubeStandIn.start(options: options)
        let client = try KubeClient(config: KubeClientConfig(server: standIn.baseURL))
        let writer = LiveClusterWriter(client: OwnedClient(client: client, ownership: try Ownership(runID: runID)))
        return (standIn, writer, LiveNaming(runID: runID, sequence: 1))
    }

    static func held(_ standIn: KubeStandIn, _ name: String, in namespace: String) throws -> JSONValue {
        let object = try #require(standIn.objects(.pods, namespace: namespace).first { $0.name == name })
        return try JSONValue.parse(object.json)
    }

    @Test("relabel: a merge patch of the labels keeps the pod (same uid); status via the subresource")
    func relabelInPlace() async throws {
        let (standIn, writer, naming) = try Self.make()
        defer { standIn.stop() }
        let ns = naming.liveNamespace("ns-0")
        try await LivePathSupport.onThread {
            try writer.apply(naming.live(.put(Self.namespace)))
            try writer.apply(naming.live(.put(try Self.pod(Self.running))))
        }
        let before = try Self.held(standIn, "pod-0", in: ns)
        #expect(before["status"]?["podIP"] == "10.128.0.1")
        #expect(before["status"]?["phase"] == "Running")
        let relabelled = Self.running.replacingOccurrences(of: #"{"app":"web"}"#, with: #"{"app":"db","tier":""}"#)
        try await LivePathSupport.onThread { try writer.apply(naming.live(.put(try Self.pod(relabelled)))) }
        let after = try Self.held(standIn, "pod-0", in: ns)
        #expect(after["metadata"]?["uid"] == before["metadata"]?["uid"], "the pod was re-created, not updated")
        #expect(after["metadata"]?["labels"]?["app"] == "db")
        #expect(after["metadata"]?["labels"]?["tier"] == "")
        #expect(after["metadata"]?["labels"]?[LiveNaming.ownershipLabel] == .string(Self.runID))
        #expect(after["status"]?["podIP"] == "10.128.0.1")
    }

    @Test("terminate: a graceful delete leaves the pod Terminating until a later force delete")
    func terminationIsGraceful() async throws {
        let (standIn, writer, naming) = try Self.make()
        defer { standIn.stop() }
        let ns = naming.liveNamespace("ns-0")
        let terminating = Self.running.replacingOccurrences(
            of: #""name":"pod-0","#, with: #""name":"pod-0","deletionTimestamp":"2026-01-01T00:00:00Z","#)
        try await LivePathSupport.onThread {
            try writer.apply(naming.live(.put(Self.namespace)))
            try writer.apply(naming.live(.put(try Self.pod(Self.running))))
            try writer.apply(naming.live(.put(try Self.pod(terminating))))
        }
        let held = try Self.held(standIn, "pod-0", in: ns)
        #expect(held["metadata"]?["deletionTimestamp"] != nil)
        #expect(held["metadata"]?["deletionGracePeriodSeconds"] == .int(Int64(LiveClusterWriter.terminationGraceSeconds)))
        #expect(held["status"]?["podIP"] == "10.128.0.1")
        // A relabel of the terminating pod is still an in-place update.
        let relabelled = terminating.replacingOccurrences(of: #"{"app":"web"}"#, with: #"{"app":"db"}"#)
        try await LivePathSupport.onThread { try writer.apply(naming.live(.put(try Self.pod(relabelled)))) }
        let after = try Self.held(standIn, "pod-0", in: ns)
        #expect(after["metadata"]?["uid"] == held["metadata"]?["uid"])
        #expect(after["metadata"]?["labels"]?["app"] == "db")
        try await LivePathSupport.onThread {
            try writer.apply(naming.live(.delete(ObjectRef(kind: .pod, namespace: "ns-0", name: "pod-0"))))
        }
        #expect(standIn.objects(.pods, namespace: ns).isEmpty)
    }

    @Test("a terminating pod written as a fresh one (restart) is force-deleted and created again")
    func restartOfTerminatingPod() async throws {
        let (standIn, writer, naming) = try Self.make()
        defer { standIn.stop() }
        let ns = naming.liveNamespace("ns-0")
        let terminating = Self.running.replacingOccurrences(
            of: #""name":"pod-0","#, with: #""name":"pod-0","deletionTimestamp":"2026-01-01T00:00:00Z","#)
        try await LivePathSupport.onThread {
            try writer.apply(naming.live(.put(Self.namespace)))
            try writer.apply(naming.live(.put(try Self.pod(terminating))))
        }
        let before = try Self.held(standIn, "pod-0", in: ns)
        #expect(before["metadata"]?["deletionTimestamp"] != nil)
        try await LivePathSupport.onThread { try writer.apply(naming.live(.put(try Self.pod(Self.running)))) }
        let after = try Self.held(standIn, "pod-0", in: ns)
        #expect(after["metadata"]?["deletionTimestamp"] == nil)
        #expect(after["metadata"]?["uid"] != before["metadata"]?["uid"])
    }

    @Test("an unchanged rewrite stores a real change: a new resourceVersion, the rewrite annotation")
    func rewriteIsARealChange() async throws {
        let (standIn, writer, naming) = try Self.make()
        defer { standIn.stop() }
        let ns = naming.liveNamespace("ns-0")
        let policy = KubeObject.networkPolicy(try KubeJSON.decode(NetworkPolicy.self, from: Data("""
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"p","namespace":"ns-0"},
             "spec":{"podSelector":{},"policyTypes":["Ingress"]}}
            """.utf8)))
        try await LivePathSupport.onThread {
            try writer.apply(naming.live(.put(Self.namespace)))
            try writer.apply(naming.live(.put(try Self.pod(Self.running))))
            try writer.apply(naming.live(.put(policy)))
        }
        let podBefore = try Self.held(standIn, "pod-0", in: ns)
        let nsBefore = try #require(standIn.objects(.namespaces).first { $0.name == ns })
        let policyBefore = try #require(standIn.objects(.networkPolicies, namespace: ns).first)
        try await LivePathSupport.onThread {
            try writer.apply(naming.live(.put(Self.namespace)))
            try writer.apply(naming.live(.put(try Self.pod(Self.running))))
            try writer.apply(naming.live(.put(policy)))
        }
        let podAfter = try Self.held(standIn, "pod-0", in: ns)
        let nsAfter = try #require(standIn.objects(.namespaces).first { $0.name == ns })
        let policyAfter = try #require(standIn.objects(.networkPolicies, namespace: ns).first)
        #expect(podAfter["metadata"]?["resourceVersion"] != podBefore["metadata"]?["resourceVersion"])
        #expect(podAfter["metadata"]?["annotations"]?[LiveClusterWriter.rewriteAnnotation] != nil)
        #expect(podAfter["metadata"]?["uid"] == podBefore["metadata"]?["uid"])
        #expect(nsAfter.resourceVersion != nsBefore.resourceVersion)
        #expect(policyAfter.resourceVersion != policyBefore.resourceVersion)
        #expect(nsAfter.labels == nsBefore.labels)
    }

    @Test("a namespace re-created while still terminating waits for it to go, then is created")
    func recreateWaitsForTerminatingNamespace() async throws {
        let (standIn, writer, naming) = try Self.make(StandInOptions(namespaceDeletionDelaySeconds: 0.3))
        defer { standIn.stop() }
        let ns = naming.liveNamespace("ns-0")
        let uids = try await LivePathSupport.onThread { () -> [String] in
            try writer.apply(naming.live(.put(Self.namespace)))
            let first = standIn.objects(.namespaces).first { $0.name == ns }
            try writer.apply(naming.live(.delete(ObjectRef(kind: .namespace, name: "ns-0"))))
            let terminating = standIn.objects(.namespaces).first { $0.name == ns }
            try writer.apply(naming.live(.put(Self.namespace)))
            try writer.apply(naming.live(.put(try Self.pod(Self.running))))
            let second = standIn.objects(.namespaces).first { $0.name == ns }
            return [first, terminating, second].map { object in
                object.map { (try? JSONValue.parse($0.json))?["metadata"]?["uid"]?.stringValue ?? "?" } ?? "gone"
            }
        }
        #expect(uids[0] == uids[1], "the delete returned before the namespace went (background deletion)")
        #expect(uids[2] != uids[0] && uids[2] != "gone")
        #expect(standIn.objects(.pods, namespace: ns).count == 1)
    }
}
