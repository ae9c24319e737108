// An exported script (`k8sfv export --kubectl`), run by a real kubectl against the stand-in,
// leaves exactly the objects the scenario's last step describes: the namespaces, pods (labels,
// node, IPs, phase, Terminating or not) and NetworkPolicies (spec with the server's defaults),
// under the script's live names. This holds the script's kubectl forms (create, patch
// --type=merge, replace, delete --force / --wait, patch --subresource=status) and the
// stand-in's discovery and OpenAPI documents to what kubectl really sends and needs.
// Skipped when no kubectl ≥ 1.24 is on PATH.

import Calico
import Campaign
import Driver
import Foundation
import Gen
import KubeStandIn
import Live
import Testing

/// Finds a kubectl ≥ 1.24 on PATH.
enum RealKubectl {
    /// A kubectl ≥ 1.24 on PATH, or nil.
    static let path: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let found = path.split(separator: ":").map({ "\($0)/kubectl" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        guard let (code, output) = try? run(found, ["version", "--client", "-o", "json"], environment: [:]), code == 0,
              let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              let client = object["clientVersion"] as? [String: Any],
              let major = Int(client["major"] as? String ?? ""),
              let minor = Int((client["minor"] as? String ?? "").prefix(while: \.isNumber))
        else { return nil }
        return major > 1 || minor >= KubectlExport.minimumKubectlMinor ? found : nil
    }()

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite("export --kubectl against the stand-in, with a real kubectl", .serialized,
       .enabled(if: RealKubectl.path != nil, "no kubectl >= 1.24 on PATH"))
struct KubectlStandInTests {

    /// Step kinds whose writes need more than a create: each must be in some scenario.
    static let coveredKinds = [
        "relabelPod", "terminatePod", "restartPod", "deletePod", "movePod", "setPodIP", "clearPodIP", "finishPod",
        "relabelNamespace", "deleteNamespace", "changePolicySelector", "changePolicyRules", "replacePolicy",
        "deletePolicy", "rewriteUnchanged",
    ]

    /// The scenarios: seeds that relabel, restart and finish pods, and generated ones that
    /// bring the other step kinds.
    static func reproducers() throws -> [Reproducer] {
        var out = try ["34d40cfbede0", "b49affec2ba3", "16d8ae776e4f", "0ccc8c3142da"].map {
            try Reproducer.load(from: SeedCorpusTests.seedsDirectory.appendingPathComponent("\($0).json"))
        }
        let generator = ScenarioGenerators.scenario(scale: .small, steps: 12...16)
        let configuration = CampaignConfiguration(seed: 11)
        // Sequences 0, 1, … of one seed, each kept when it brings a step kind not covered yet.
        var missing = Set(coveredKinds).subtracting(out.flatMap { $0.scenario.steps.map(\.kind.rawValue) })
        for index in 0..<40 where !missing.isEmpty {
            let (scenario, _) = try generator.generate(seed: configuration.sequenceSeed(index))
            let kinds = Set(scenario.steps.map(\.kind.rawValue))
            guard !kinds.isDisjoint(with: missing) else { continue }
            missing.subtract(kinds)
            out.append(Reproducer(
                expect: .pass, origin: Reproducer.Origin(seed: "11", index: index, scale: "small", generatorVersion: 1, shrunkBy: "none"),
                target: "model", injectedBugs: [], failure: nil, originalStepCount: scenario.steps.count, choices: [],
                scenario: scenario))
        }
        return out
    }

    /// What the scenario's last step describes, in the script's live names (nodes are not
    /// written by the script: a real cluster has its own).
    static func expectedObjects(_ reproducer: Reproducer) -> ClusterSnapshot {
        let naming = LiveNaming(runID: reproducer.id)
        var snapshot = ClusterSnapshot()
        let writes = reproducer.scenario.initial.map { Write.put($0) } + reproducer.scenario.steps.flatMap(\.writes)
        for write in writes where write.ref.kind != .node { snapshot.apply(naming.live(write)) }
        return snapshot
    }

    @Test func anExportedScriptLeavesWhatTheLastStepDescribes() throws {
        let kubectl = try #require(RealKubectl.path)
        let standIn = try KubeStandIn.start(options: StandInOptions(namespaceDeletionDelaySeconds: 0.2))
        defer { standIn.stop() }
        let dir = LivePathSupport.temporaryDirectory("kubectl-standin")
        defer { try? FileManager.default.removeItem(at: dir) }
        let kubeconfig = dir.appendingPathComponent("kubeconfig")
        try """
            apiVersion: v1
            kind: Config
            clusters:
            - name: stand-in
              cluster:
                server: \(standIn.baseURL.absoluteString)
            contexts:
            - name: stand-in
              context:
                cluster: stand-in
                user: nobody
            current-context: stand-in
            users:
            - name: nobody
              user: {}
            """.write(to: kubeconfig, atomically: true, encoding: .utf8)
        let environment = [
            "KUBECONFIG": kubeconfig.path, "HOME": dir.path, "STEP_DELAY": "0",
            "PATH": URL(fileURLWithPath: kubectl).deletingLastPathComponent().path + ":/usr/bin:/bin",
            "no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost",
        ]
        var kinds = Set<String>()
        for reproducer in try Self.reproducers() {
            kinds.formUnion(reproducer.scenario.steps.map(\.kind.rawValue))
            let script = try KubectlExport.script(for: reproducer)
            let path = dir.appendingPathComponent("\(reproducer.id).sh")
            try script.write(to: path, atomically: true, encoding: .utf8)
            let (code, output) = try RealKubectl.run("/bin/bash", [path.path], environment: environment)
            #expect(code == 0, "\(reproducer.id): the script failed:\n\(output.suffix(2000))")
            let problems = LivePathSupport.differences(standIn: standIn, expected: Self.expectedObjects(reproducer), runID: reproducer.id)
            #expect(problems.isEmpty, "\(reproducer.id): \(problems.joined(separator: "; "))")
        }
        // The scripts exercised the writes that need more than a create.
        for kind in Self.coveredKinds {
            #expect(kinds.contains(kind), "no scenario has a \(kind) step")
        }
    }
}
