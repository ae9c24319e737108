import CalcGraph
import Driver
import Foundation
import Gen
import Testing

/// For every injected bug: the campaign path (seed 1, the same `FuzzCaseRunner.shrink` as
/// `k8sfv fuzz`) finds it, shrinks it, and the reproducer has no more steps than the smallest
/// sequence that can show the bug (worked out by hand, `InjectionMinimum`), replaying to the
/// same failure. Prints the table for docs/shrinking.md with
/// `K8SFV_INJECTION_REPORT=1 swift test -c release --filter InjectionShrinkReport`; without
/// that variable only two quick bugs run, so the debug suite stays fast.
@Suite struct InjectionShrinkReportTests {
    static let seed: UInt64 = 1
    static let budget = 300

    static var fullReport: Bool { ProcessInfo.processInfo.environment["K8SFV_INJECTION_REPORT"] != nil }

    static var bugs: [InjectedBug] {
        // A bug the generators cannot reach yet is listed as "not found" (InjectedBugDetectionTests
        // is where finding every bug is required).
        let all = InjectedBug.allCases.sorted()
        return fullReport ? all : all.filter { [.endpointsBeforeInSync, .policyTypesIgnored].contains($0) }
    }

    struct Line {
        var bug: InjectedBug
        var minimum: Int
        var shrunk: Int?
        var original: Int?
        var evaluations: Int?
        var seconds: Double?
        var signature: String?
    }

    @Test func everyBugShrinksToItsMinimumAndReplays() throws {
        var lines: [Line] = []
        for bug in Self.bugs {
            let minimum = try #require(InjectionMinimum.steps[bug], "no stated minimum for \(bug.rawValue)")
            guard let found = try InjectionSurvey.firstFailure(bug: bug, seed: Self.seed, budget: Self.budget) else {
                lines.append(Line(bug: bug, minimum: minimum.steps))
                continue
            }
            var configuration = CampaignConfiguration(seed: Self.seed, target: TargetSpec(injections: [bug]), shrink: true)
            configuration.shrinkBudget = .default
            let runner = FuzzCaseRunner(configuration: configuration)
            let (reproducer, report) = runner.shrink(found.result, failure: found.failure)
            lines.append(Line(
                bug: bug, minimum: minimum.steps, shrunk: reproducer.stepCount, original: found.result.scenario.steps.count,
                evaluations: report.evaluations, seconds: report.seconds, signature: found.failure.signature.description))
            #expect(reproducer.stepCount <= minimum.steps,
                    "\(bug.rawValue): shrunk to \(reproducer.stepCount) steps, the minimum is \(minimum.steps)")
            let replayed = runner.evaluate(reproducer.scenario)
            #expect(replayed?.signature == found.failure.signature,
                    "\(bug.rawValue): the reproducer replays to \(replayed?.signature.description ?? "a pass")")
        }
        print(Self.table(lines))
    }

    static func table(_ lines: [Line]) -> String {
        var rows = [
            "| bug | minimum steps | why | found at steps | shrunk steps | evaluations | seconds |",
            "|---|---|---|---|---|---|---|",
        ]
        for line in lines {
            let why = InjectionMinimum.steps[line.bug]?.why ?? ""
            rows.append("| `\(line.bug.rawValue)` | \(line.minimum) | \(why) | \(line.original.map(String.init) ?? "not found") | \(line.shrunk.map(String.init) ?? "-") | \(line.evaluations.map(String.init) ?? "-") | \(line.seconds.map { String(format: "%.2f", $0) } ?? "-") |")
        }
        let seconds = lines.compactMap(\.seconds).sorted()
        let evaluations = lines.compactMap(\.evaluations).sorted()
        if !seconds.isEmpty {
            rows.append("| **median** | | | | \(median(lines.compactMap(\.shrunk).map(Double.init), format: "%.1f")) | \(median(evaluations.map(Double.init), format: "%.0f")) | \(median(seconds, format: "%.2f")) |")
        }
        return rows.joined(separator: "\n")
    }

    static func median(_ values: [Double], format: String) -> String {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return "-" }
        let mid = sorted.count / 2
        let value = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        return String(format: format, value)
    }
}
