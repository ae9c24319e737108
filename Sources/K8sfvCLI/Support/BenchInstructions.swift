import Driver
import Foundation
import Reports

// `bench instructions`: instruction counts under callgrind, which stay the same on a busy machine
// where wall time does not. Takes the seed and the fuzz size; gives instructions per checked step
// of an in-process fuzz campaign (the same work as `k8sfv fuzz --seed S --iterations N
// --in-process --no-shrink`) with the phase breakdown, and the raw cost of generating an [Int],
// an (Int, Int) and a small scenario beside swift-property-based 2.0.1's figures
// (/work/shared/spec/pbt-anchors.md §3c). Each workload runs in a child `k8sfv` under
// `valgrind --tool=callgrind`; a raw-generation figure is the difference between two counts
// divided by the difference in items, so start-up and one-time costs cancel out.
// Cost: the fuzz campaign and a few thousand generations, about 50× slower under valgrind.

struct InstructionsBenchResult: Codable, Hashable, Sendable {
    struct Phase: Codable, Hashable, Sendable {
        var name: String
        var instructions: Int
        var note: String
    }

    struct RawGeneration: Codable, Hashable, Sendable {
        var workload: String
        var instructionsPerValue: Double
        var peer: Int?
        var goal: Int
    }

    var seed: UInt64
    var sequences: Int
    var steps: Int
    var totalInstructions: Int
    var instructionsPerStep: Double
    var goalPerStep: Int
    var phases: [Phase]
    var raw: [RawGeneration]
}

enum BenchInstructions {
    /// Goals of issue 15, and swift-property-based 2.0.1's counts (pbt-anchors.md §3c).
    static let goalPerStep = 1_000_000
    static let rawWorkloads: [(workload: BenchInstructionWorkload, label: String, counts: (Int, Int), peer: Int?, goal: Int)] = [
        (.intArray, "[Int], length uniform in 0…100", (200, 1_200), 129_874, 40_000),
        (.intPair, "(Int, Int)", (1_000, 11_000), 6_497, 2_000),
        (.scenario, "small scenario (0–20 steps)", (20, 220), nil, 800_000),
    ]

    /// The phases, as pieces of the mangled names of their entry points (each the outermost
    /// function of its phase; the counts are inclusive).
    static let phases: [(name: String, pieces: [String], note: String)] = [
        // The scenario generator's body: `Gen.generate(seed:)` is inlined into its callers.
        ("generation", ["18ScenarioGeneratorsO8scenario5scale5steps5kinds5swarm"], "the scenario generator, for each sequence"),
        ("model", ["11ModelTargetCAA0C0A2aDP5apply", "11ModelTargetCAA0C0A2aDP5flush",
                   "11ModelTargetCAA0C0A2aDP10markInSync", "11ModelTargetCAA0C0A2aDP5begin",
                   "11ModelTargetCAA0C0A2aDP3end"], "CalcGraph: apply, flush (with its conversions)"),
        ("oracle", ["6OracleAAO13expectedState"], "Oracle.expectedState (with its conversions)"),
        ("properties", ["19ConvergencePropertyO5check", "15SilencePropertyO5check", "18CostBoundsPropertyO5check",
                        "15NoLeaksPropertyO5check", "14DataplaneStateV5apply"],
         "convergence, silence, cost bounds, no leaks, stream integrity"),
    ]
    static let conversionPieces = [
        "13PodConversionO8endpoint3for", "21FelixPolicyConversionO05felixC03for",
        "17ProfileConversionO09namespaceB03for", "17ProfileConversionO014serviceAccountB09namespace4name",
        "21FelixPolicyConversionO16endpointSelector",
    ]

    static var valgrind: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("valgrind")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    enum Failure: Error, CustomStringConvertible {
        case notAvailable(String)
        case childFailed(String)
        var description: String {
            switch self {
            case .notAvailable(let why), .childFailed(let why): return why
            }
        }
    }

    static func run(seed: UInt64, sequences: Int, progress: (String) -> Void) throws -> InstructionsBenchResult {
        guard let valgrind else {
            throw Failure.notAvailable("valgrind is not installed (apt-get install valgrind); instruction counts need callgrind")
        }
        guard let executable = BenchChildProcess.k8sfvExecutable else {
            throw Failure.notAvailable("instruction counts run k8sfv itself under callgrind; run the k8sfv executable")
        }
        progress("instructions: fuzz, \(sequences) sequences under callgrind…")
        let (fuzzOutcome, profile) = try measure(.fuzz, count: sequences, seed: seed, valgrind: valgrind, executable: executable)
        let steps = max(1, fuzzOutcome.steps)
        var phases: [InstructionsBenchResult.Phase] = []
        var accounted = 0
        for phase in phaseCounts(profile) {
            phases.append(phase)
            accounted += phase.instructions
        }
        phases.append(.init(name: "other", instructions: max(0, profile.total - accounted),
                            note: "runner, snapshots, campaign bookkeeping, process start-up"))
        phases.append(.init(name: "conversion", instructions: profile.inclusive(summing: conversionPieces),
                            note: "inside model, oracle and generation: Pod/NetworkPolicy/Namespace conversions, memo lookups included"))
        var raw: [InstructionsBenchResult.RawGeneration] = []
        for entry in rawWorkloads {
            progress("instructions: \(entry.workload.rawValue) under callgrind…")
            let (_, small) = try measure(entry.workload, count: entry.counts.0, seed: seed, valgrind: valgrind, executable: executable)
            let (_, large) = try measure(entry.workload, count: entry.counts.1, seed: seed, valgrind: valgrind, executable: executable)
            let perValue = Double(large.total - small.total) / Double(entry.counts.1 - entry.counts.0)
            raw.append(.init(workload: entry.label, instructionsPerValue: perValue, peer: entry.peer, goal: entry.goal))
        }
        return InstructionsBenchResult(
            seed: seed, sequences: fuzzOutcome.items, steps: fuzzOutcome.steps, totalInstructions: profile.total,
            instructionsPerStep: Double(profile.total) / Double(steps), goalPerStep: goalPerStep, phases: phases, raw: raw)
    }

    private static func phaseCounts(_ profile: CallgrindProfile) -> [InstructionsBenchResult.Phase] {
        phases.map { .init(name: $0.name, instructions: profile.inclusive(summing: $0.pieces), note: $0.note) }
    }

    /// Runs one workload in a child under callgrind; gives what it printed and its profile.
    static func measure(
        _ workload: BenchInstructionWorkload, count: Int, seed: UInt64, valgrind: URL, executable: URL
    ) throws -> (BenchInstructionWorkload.Outcome, CallgrindProfile) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-callgrind-\(getpid())-\(workload.rawValue)-\(count).out")
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = valgrind
        process.arguments = [
            "--tool=callgrind", "--callgrind-out-file=\(file.path)", "--compress-strings=no", "--compress-pos=no",
            executable.path, "bench", "instructions", "--instructions-child", workload.rawValue,
            "--count", String(count), "--seed", String(seed),
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let outcome = try? JSONDecoder().decode(BenchInstructionWorkload.Outcome.self, from: data),
              let text = try? String(contentsOf: file, encoding: .utf8)
        else {
            throw Failure.childFailed("callgrind run of '\(workload.rawValue)' (count \(count)) failed with status \(process.terminationStatus)")
        }
        return (outcome, CallgrindProfile(text: text))
    }

    static func text(_ r: InstructionsBenchResult) -> String {
        func count(_ value: Double) -> String {
            value >= 1_000_000 && value < 100_000_000 ? String(format: "%.2f M", value / 1_000_000) : HTMLText.integer(Int(value.rounded()))
        }
        var lines = [
            "fuzz, seed \(r.seed), \(r.sequences) sequences, \(r.steps) checked steps (as k8sfv fuzz --seed \(r.seed) --iterations \(r.sequences) --in-process --no-shrink):",
            "  \(count(Double(r.totalInstructions))) instructions, \(count(r.instructionsPerStep)) per checked step (goal ≤ \(count(Double(r.goalPerStep))): "
                + (r.instructionsPerStep <= Double(r.goalPerStep) ? "met" : "NOT MET") + ")",
        ]
        var table = BenchTable(["phase", "per step", "share", "what"], rightAligned: [1, 2])
        let steps = Double(max(1, r.steps))
        for phase in r.phases {
            table.add([
                phase.name, count(Double(phase.instructions) / steps),
                String(format: "%.1f%%", 100 * Double(phase.instructions) / Double(max(1, r.totalInstructions))), phase.note,
            ])
        }
        lines.append(table.text)
        lines.append("")
        lines.append("raw generation, instructions per value (fresh ChoiceSource and recording each):")
        var raw = BenchTable(["value", "k8sfv", "swift-property-based 2.0.1", "goal", "met?"], rightAligned: [1, 2, 3])
        for row in r.raw {
            raw.add([
                row.workload, count(row.instructionsPerValue), row.peer.map { count(Double($0)) } ?? "–",
                "≤ " + count(Double(row.goal)), row.instructionsPerValue <= Double(row.goal) ? "yes" : "NO",
            ])
        }
        lines.append(raw.text)
        return lines.joined(separator: "\n")
    }
}
