import CalcGraph
import Driver
import Foundation
import Shrink

// What shrinking costs on every injected bug: the campaign path (seed 1, first failure in up
// to 300 sequences, `FuzzCaseRunner.shrink` with the default budget), measured in
// evaluations, checkpoints and seconds. `k8sfv bench shrink-injections` prints it; the
// test suite checks the same run's results (InjectionShrinkReportTests).

public enum InjectionShrinkBench {
    public struct Row: Codable, Hashable, Sendable {
        public var bug: String
        public var minimum: Int
        public var foundAtSteps: Int?
        public var shrunkSteps: Int?
        public var evaluations: Int?
        public var checkpoints: Int?
        public var seconds: Double?
        public var budgetExhausted: Bool?
        public var signature: String?
        public var replays: Bool?

        public var atMinimum: Bool { shrunkSteps.map { $0 <= minimum } ?? false }
    }

    public static func row(bug: InjectedBug, seed: UInt64 = 1, sequences: Int = 300, budget: ShrinkBudget = .default,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Row {
        let minimum = InjectionMinimum.steps[bug]?.shrinkTarget ?? 0
        guard let found = try InjectionSurvey.firstFailure(bug: bug, seed: seed, budget: sequences) else {
            return Row(bug: bug.rawValue, minimum: minimum)
        }
        var configuration = CampaignConfiguration(seed: seed, target: TargetSpec(injections: [bug]), shrink: true)
        configuration.shrinkBudget = budget
        let runner = FuzzCaseRunner(configuration: configuration)
        let hooks = ShrinkHooks(onImprovement: { _, step in progress?("\(bug.rawValue): \(step.line)") })
        let (reproducer, report) = runner.shrink(found.result, failure: found.failure, hooks: hooks)
        let replayed = runner.evaluate(reproducer.scenario)
        return Row(
            bug: bug.rawValue, minimum: minimum, foundAtSteps: found.result.scenario.steps.count,
            shrunkSteps: reproducer.stepCount, evaluations: report.evaluations, checkpoints: report.checkpoints,
            seconds: report.seconds, budgetExhausted: report.budgetExhausted, signature: found.failure.signature.description,
            replays: replayed?.signature == found.failure.signature)
    }

    public static func text(_ rows: [Row]) -> String {
        var lines = ["| bug | minimum | found at steps | shrunk steps | evaluations | checkpoints | seconds | replays |", "|---|---|---|---|---|---|---|---|"]
        for r in rows {
            let cells: [String] = [
                "`\(r.bug)`", String(r.minimum), r.foundAtSteps.map(String.init) ?? "not found",
                r.shrunkSteps.map { "\($0)" + (r.atMinimum ? "" : " ✗") } ?? "-",
                r.evaluations.map(String.init) ?? "-", r.checkpoints.map(String.init) ?? "-",
                r.seconds.map { String(format: "%.2f", $0) } ?? "-",
                r.replays.map { $0 ? "yes" : "NO" } ?? "-",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let at = rows.filter(\.atMinimum).count
        lines.append(
            "| **median** | | | \(at)/\(rows.count) at minimum | \(median(rows.compactMap(\.evaluations).map(Double.init), "%.0f")) | "
                + "\(median(rows.compactMap(\.checkpoints).map(Double.init), "%.0f")) | \(median(rows.compactMap(\.seconds), "%.2f")) | |")
        return lines.joined(separator: "\n")
    }

    static func median(_ values: [Double], _ format: String) -> String {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return "-" }
        let mid = sorted.count / 2
        return String(format: format, sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2)
    }
}
