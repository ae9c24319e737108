// Helpers for the live-path tests: find the built k8sfv executable (felix-sim and the
// dataplane driver are spawned from it), run blocking live-target work off the Swift
// concurrency pool, and compare what the stand-in holds with what the steps describe.

import Calico
import Foundation
import KubeClient
import KubeStandIn
import Driver
import Live
import Testing

enum LivePathSupport {
    /// `.build/<config>/k8sfv`, next to the test bundle; nil when it was not built.
    static let k8sfv: String? = {
        setenv("no_proxy", "127.0.0.1,localhost", 1)
        setenv("NO_PROXY", "127.0.0.1,localhost", 1)
        var directories: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        for argument in CommandLine.arguments.prefix(1) {
            directories.append(URL(fileURLWithPath: argument).deletingLastPathComponent())
        }
        directories += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for directory in directories {
            for candidate in [directory, directory.deletingLastPathComponent()] {
                let path = candidate.appendingPathComponent("k8sfv").path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    /// How the tests start felix-sim from the built binary: the test names the command the
    /// CLI owns (`k8sfv felix-sim`), as the CLI does through `FelixSimCommand.commandLine`.
    static func felixSim(_ k8sfv: String) -> FelixSimCommandLine {
        FelixSimCommandLine(executable: k8sfv, command: "felix-sim")
    }

    static let skipReason: Comment =
        "the live path spawns the k8sfv executable, which is not built next to the tests (run 'swift build' first)"

    /// Runs blocking work (the live target is synchronous) on its own thread.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    static func temporaryDirectory(_ name: String) -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("k8sfv-\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Differences between the stand-in's pods, policies and namespaces of this run and the
    /// live snapshot the steps describe (empty = equal). Nodes are left out: Felix's own node
    /// is kept on purpose.
    static func differences(standIn: KubeStandIn, expected: ClusterSnapshot, runID: String) -> [String] {
        var problems: [String] = []
        func owned(_ resource: StandInResource) -> [StoredObject] {
            standIn.objects(resource).filter { $0.labels[LiveNaming.ownershipLabel] == runID }
        }
        // Earlier sequences' namespaces may still be terminating in the background.
        let namespaces = owned(.namespaces).filter { !String(decoding: $0.json, as: UTF8.self).contains("\"deletionTimestamp\"") }
        if Set(namespaces.map(\.name)) != Set(expected.namespaces.keys) {
            problems.append("namespaces: held \(namespaces.map(\.name).sorted()), expected \(expected.namespaces.keys.sorted())")
        }
        for object in namespaces {
            if let want = expected.namespaces[object.name], want.labels != object.labels {
                problems.append("namespace \(object.name) labels \(object.labels.sorted(by: <)) != \(want.labels.sorted(by: <))")
            }
        }
        let pods = owned(.pods)
        let podKeys = Set(pods.map { ObjectKey(namespace: $0.namespace ?? "", name: $0.name) })
        // A graceful delete of an unbound or finished pod is immediate on a real server.
        let expectedPodKeys = Set(expected.pods.filter { _, pod in
            pod.metadata.deletionTimestamp == nil
                || (pod.spec.nodeName != nil && !["Succeeded", "Failed"].contains(pod.status?.phase ?? ""))
        }.keys)
        for object in pods {
            let key = ObjectKey(namespace: object.namespace ?? "", name: object.name)
            let terminating = String(decoding: object.json, as: UTF8.self).contains("\"deletionTimestamp\"")
            if let want = expected.pods[key], terminating != (want.metadata.deletionTimestamp != nil) {
                problems.append("pod \(key) terminating \(terminating), expected \(!terminating)")
            }
        }
        if podKeys != expectedPodKeys {
            problems.append("pods: held \(podKeys.sorted()), expected \(expectedPodKeys.sorted())")
        }
        for object in pods {
            let key = ObjectKey(namespace: object.namespace ?? "", name: object.name)
            guard let want = expected.pods[key], let held = try? KubeJSON.decode(Pod.self, from: object.json) else { continue }
            if held.labels != want.labels { problems.append("pod \(key) labels differ") }
            if held.spec.nodeName != want.spec.nodeName { problems.append("pod \(key) node differs") }
            let heldIPs = held.status?.podIPs?.map(\.ip) ?? held.status?.podIP.map { [$0] } ?? []
            let wantIPs = want.status?.podIPs?.map(\.ip) ?? want.status?.podIP.map { [$0] } ?? []
            if heldIPs != wantIPs { problems.append("pod \(key) IPs \(heldIPs) != \(wantIPs)") }
            if (held.status?.phase ?? "Pending") != (want.status?.phase ?? "Pending") {
                problems.append("pod \(key) phase \(held.status?.phase ?? "-") != \(want.status?.phase ?? "-")")
            }
        }
        let policies = owned(.networkPolicies)
        let policyKeys = Set(policies.map { ObjectKey(namespace: $0.namespace ?? "", name: $0.name) })
        if policyKeys != Set(expected.policies.keys) {
            problems.append("policies: held \(policyKeys.sorted()), expected \(expected.policies.keys.sorted())")
        }
        for object in policies {
            let key = ObjectKey(namespace: object.namespace ?? "", name: object.name)
            guard let want = expected.policies[key], let held = try? KubeJSON.decode(NetworkPolicy.self, from: object.json)
            else { continue }
            // The server drops empty lists (`ports: []`), which mean the same as absent ones.
            if withoutEmptyLists(held.defaultedByAPIServer.spec) != withoutEmptyLists(want.defaultedByAPIServer.spec) {
                problems.append("policy \(key) spec differs")
            }
        }
        return problems
    }

    static func withoutEmptyLists(_ spec: NetworkPolicySpec) -> JSONValue? {
        func strip(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let fields):
                return .object(fields.filter { if case .array(let a) = $0.value { return !a.isEmpty } else { return true } }
                    .mapValues(strip))
            case .array(let items): return .array(items.map(strip))
            default: return value
            }
        }
        guard let data = try? JSONEncoder().encode(spec), let value = try? JSONValue.parse(data) else { return nil }
        return strip(value)
    }
}
