// Loads the recordings of a real Felix v3.25.0 in shared/felix-traces (beside the package
// root; see its README): each scenario's framed ToDataplane stream and, per step boundary, the
// byte offset, the API server's objects and the state Felix had. Missing recordings skip the
// tests locally and fail them in CI (env CI set), as the protobuf cross-checks do.

import Calico
import FelixWire
import Foundation

struct FelixTraceBoundary {
    var step: Int
    var kind: String
    var offset: Int
    var snapshot: ClusterSnapshot
    /// `felix_state` as recorded (protobuf JSON field names, v3.25 naming).
    var felixState: [String: Any]
    var agreedWithOracle: Bool
}

struct FelixTrace {
    var name: String
    var frames: [Frame]
    var frameBytes: [UInt8]
    var localHost: String
    var namespaces: Set<String>
    var boundaries: [FelixTraceBoundary]

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/felix-traces")

    static var present: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("index.json").path)
    }
    static var enabledOrCI: Bool { present || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    static var names: [String] {
        guard present else { return [] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { $0.hasPrefix("s") && $0.count == 4 }.sorted()
    }

    static func load(_ name: String) throws -> FelixTrace {
        let folder = directory.appendingPathComponent(name)
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("felix.frames")))
        var decoder = FrameDecoder()
        decoder.append(bytes)
        var frames: [Frame] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        try decoder.finish()

        let scenario = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("scenario.json"))) as? [String: Any] ?? [:]
        let rename = scenario["namespace_rename"] as? [String: String] ?? [:]
        let recorded = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("boundaries.json"))) as? [String: Any] ?? [:]
        var boundaries: [FelixTraceBoundary] = []
        for entry in recorded["boundaries"] as? [[String: Any]] ?? [] {
            let snapshotData = try JSONSerialization.data(withJSONObject: entry["api_snapshot"] ?? [:])
            let agreement = entry["agreement"] as? [String: Any] ?? [:]
            boundaries.append(FelixTraceBoundary(
                step: entry["step"] as? Int ?? -1, kind: entry["kind"] as? String ?? "",
                offset: entry["offset"] as? Int ?? -1,
                snapshot: try KubeJSON.decode(ClusterSnapshot.self, from: snapshotData),
                felixState: entry["felix_state"] as? [String: Any] ?? [:],
                agreedWithOracle: agreement["k8sfv_oracle"] as? Bool ?? false))
        }
        return FelixTrace(
            name: name, frames: frames, frameBytes: bytes, localHost: scenario["local_host"] as? String ?? "host-0",
            namespaces: Set(rename.values), boundaries: boundaries)
    }

    /// The frames that end at or before `offset`.
    func frames(upTo offset: Int) -> [Frame] {
        frames.filter { $0.payloadOffset + $0.payload.count <= offset }
    }

    /// The part of a state that belongs to this scenario (the README's restriction): endpoints
    /// and policies in its namespaces, their namespaces' profiles, IP sets those policies use.
    func restricted(_ state: DataplaneState) -> DataplaneState {
        var out = DataplaneState()
        out.inSync = state.inSync
        for (id, policy) in state.policies where namespaces.contains(id.namespace) { out.policies[id] = policy }
        for (id, endpoint) in state.endpoints {
            let namespace = String(id.workloadID.prefix { $0 != "/" })
            if namespaces.contains(namespace) { out.endpoints[id] = endpoint }
        }
        for (id, profile) in state.profiles {
            let rest = id.name.hasPrefix("kns.") || id.name.hasPrefix("ksa.") ? String(id.name.dropFirst(4)) : ""
            let namespace = id.name.hasPrefix("kns.") ? rest : String(rest.prefix { $0 != "." })
            if namespaces.contains(namespace) { out.profiles[id] = profile }
        }
        for policy in out.policies.values {
            for rule in policy.inboundRules + policy.outboundRules {
                for id in rule.referencedIPSetIDs { out.ipSets[id] = state.ipSets[id] }
            }
        }
        return out
    }
}
