import Campaign
import Driver
import Foundation
import Gen

/// Everything one `k8sfv bench` run measured; `--json` prints it, `--report` charts it.
struct BenchResults: Codable, Sendable {
    /// "release" or "debug": figures from a debug build are not worth quoting.
    var build: String
    var cores: Int
    var workloads: [WorkloadBenchResult]?
    var workloadSpeedUpGeometricMean: Double?
    var relabel: [RelabelBenchResult]?
    var fuzz: FuzzBenchResult?
    var gen: GenBenchmarkResult?
    var shrinkChallenge: [ChallengeBenchRow]?
    var shrinkInjections: [InjectionShrinkBench.Row]?
    var shrinkLive: [LiveShrinkBench.Row]?
    /// Why the live benchmark did not run, when it did not.
    var live: String?
    var instructions: InstructionsBenchResult?
    /// Why the instructions section did not run, when it did not.
    var instructionsNote: String?
    /// Sections that failed to run or measured a wrong result, one line each: `bench` exits
    /// non-zero when there is any.
    var failedSections: [String] = []

    static var buildMode: String {
        #if DEBUG
            return "debug"
        #else
            return "release"
        #endif
    }
}
