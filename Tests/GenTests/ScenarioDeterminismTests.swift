import Calico
import Foundation
import Testing
@testable import Gen

@Suite struct ScenarioDeterminismTests {
    @Test func sameSeedGivesSameBytes() throws {
        for index in 0..<30 {
            let a = try ScenarioTestSupport.json(ScenarioTestSupport.scenario(seed: 42, index: index))
            let b = try ScenarioTestSupport.json(ScenarioTestSupport.scenario(seed: 42, index: index))
            #expect(a == b)
        }
        let distinct = try Set((0..<30).map { try ScenarioTestSupport.json(ScenarioTestSupport.scenario(seed: 42, index: $0)) })
        #expect(distinct.count > 25)
    }

    @Test func sequenceIndexIsIndependentOfTheOthers() throws {
        // Sequence 7 generated alone equals sequence 7 generated after 0...6.
        var earlier: [Scenario] = []
        for index in 0..<8 { earlier.append(try ScenarioTestSupport.scenario(seed: 9, index: index)) }
        #expect(try ScenarioTestSupport.scenario(seed: 9, index: 7) == earlier[7])
        #expect(try ScenarioTestSupport.scenario(seed: 10, index: 7) != earlier[7])
    }

    @Test func replayingTheRecordedChoicesGivesTheSameScenario() throws {
        let generator = ScenarioGenerators.scenario()
        for index in 0..<40 {
            let seed = ScenarioGenerators.sequenceSeed(seed: 5, index: UInt64(index))
            let (scenario, recording) = try generator.generate(seed: seed)
            let (replayed, again) = try generator.replay(recording.sequence)
            #expect(try replayed.jsonString() == scenario.jsonString())
            #expect(again.sequence == recording.sequence)
        }
    }

    @Test func scenarioJSONRoundTrips() throws {
        for index in 0..<20 {
            let scenario = try ScenarioTestSupport.scenario(seed: 3, index: index)
            let decoded = try KubeJSON.decode(Scenario.self, from: KubeJSON.encode(scenario))
            #expect(decoded == scenario)
        }
    }

    @Test func allZeroChoicesGiveTheSimplestScenario() throws {
        let (scenario, _) = try ScenarioGenerators.scenario().replay([])
        #expect(scenario.steps.isEmpty)
        let snapshot = scenario.initialSnapshot
        #expect(snapshot.nodes.count == 2)
        #expect(snapshot.namespaces.count == 1)
        #expect(snapshot.pods.isEmpty && snapshot.policies.isEmpty)
        #expect(scenario.localHost == "host-0")
        // With one step forced, choice 0 gives the first kind (createPod) with the simplest pod.
        let (one, _) = try ScenarioGenerators.scenario(steps: 1...1).replay([])
        #expect(one.steps.map(\.kind) == [.createPod])
        guard case .put(.pod(let pod))? = one.steps.first?.writes.first else {
            Issue.record("expected a pod put")
            return
        }
        #expect(pod.labels.isEmpty && pod.spec.nodeName == "host-0" && pod.status?.podIP != nil)
    }

    /// Runs the built `k8sfv` twice as separate processes: the output must be the same bytes.
    @Test func separateProcessesPrintTheSameBytes() throws {
        guard let binary = Self.k8sfvBinary() else {
            print("skipped: no built k8sfv binary next to the test bundle or in .build/debug; run 'swift build' first")
            return
        }
        let first = try Self.run(binary, ["gen", "--seed", "42", "--count", "20"])
        let second = try Self.run(binary, ["gen", "--seed", "42", "--count", "20"])
        #expect(first.status == 0 && second.status == 0)
        #expect(!first.output.isEmpty)
        #expect(first.output == second.output)
        let lines = String(decoding: first.output, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 20)
        // And the same bytes as this process generates.
        let inProcess = try ScenarioTestSupport.scenario(seed: 42, index: 3)
        let line = try KubeJSON.decode(PrintedLine.self, from: Data(lines[3].utf8))
        #expect(line.scenario == inProcess && line.index == 3 && line.seed == 42)
    }

    struct PrintedLine: Decodable {
        var seed: UInt64
        var index: Int
        var scenario: Scenario
    }

    static func k8sfvBinary() -> URL? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("k8sfv"))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("k8sfv"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/k8sfv"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ binary: URL, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
