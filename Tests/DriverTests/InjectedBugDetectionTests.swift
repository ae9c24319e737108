import CalcGraph
import Campaign
import Driver
import Foundation
import Testing

/// A fuzzer is only as good as the bugs it finds: the fixed-seed campaign must find every
/// injectable bug within its budget of sequences. The number each bug actually needed is in
/// docs/injected-bugs.md, written by `writesTheInjectedBugsTable` (see there for the command).
@Suite struct InjectedBugDetectionTests {
    static let seed: UInt64 = 1
    /// The most sequences any bug may need. The slowest bug needs far fewer (see
    /// docs/injected-bugs.md); the slack absorbs small generator changes.
    static let budget = 100

    /// Bugs the generators cannot reach (left out of the detection test). Empty since generator
    /// version 2 (terminatePod, replacePolicy/restartPod, the empty-valued `canary` label).
    static let unreachable: Set<InjectedBug> = []

    // Kubernetes-reachable bugs only: the Calico ones (`needsCalicoResources`) are found by the
    // Calico sequences and walks (issue 16, Tests/CalcGraphTests/CalicoInjectedBugTests.swift).
    @Test(arguments: InjectedBug.kubernetesReachable.filter { !unreachable.contains($0) })
    func fixedSeedCampaignFindsTheBug(_ bug: InjectedBug) throws {
        let found = try InjectionSurvey.firstFailure(bug: bug, seed: Self.seed, budget: Self.budget)
        #expect(found != nil, "\(bug.rawValue) was not found within \(Self.budget) sequences of seed \(Self.seed)")
        // The failure must be the bug's doing: the same sequence passes on the correct model.
        if let found {
            let clean = FuzzCaseRunner(configuration: CampaignConfiguration(seed: Self.seed, shrink: false))
            #expect(clean.evaluate(found.result.scenario) == nil, "sequence \(found.index) also fails without \(bug.rawValue)")
        }
    }

    /// Regenerates docs/injected-bugs.md. Off unless asked for:
    ///
    ///     K8SFV_INJECTED_BUGS_DOC=1 swift test --filter InjectedBugDetectionTests/writesTheInjectedBugsTable
    ///
    /// (`K8SFV_INJECTED_BUGS_BUDGET=<n>` searches further than the test budget.)
    @Test(.enabled(if: ProcessInfo.processInfo.environment["K8SFV_INJECTED_BUGS_DOC"] != nil))
    func writesTheInjectedBugsTable() throws {
        let environment = ProcessInfo.processInfo.environment
        let budget = environment["K8SFV_INJECTED_BUGS_BUDGET"].flatMap(Int.init) ?? Self.budget
        // Another seed (K8SFV_INJECTED_BUGS_SEED) shows how much of the table is luck; its table
        // goes to <temporary directory>/injected-bugs-seed-<n>.md instead of docs/.
        let seed = environment["K8SFV_INJECTED_BUGS_SEED"].flatMap(UInt64.init) ?? Self.seed
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sources = InjectedBugSources.parse(
            (try? String(contentsOf: root.appendingPathComponent("Sources/CalcGraph/InjectedBug.swift"), encoding: .utf8)) ?? "")
        var rows: [String] = []
        for bug in InjectedBug.kubernetesReachable {
            let found = try InjectionSurvey.firstFailure(bug: bug, seed: seed, budget: budget)
            let cells = [
                "`\(bug.rawValue)`", bug.summary, sources[bug.rawValue] ?? "",
                found.map { String($0.index + 1) } ?? "> \(budget)",
                found.map { "`\($0.failure.signature.description)`" } ?? "—",
            ]
            rows.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        let document = """
            # Injected bugs and how fast the fuzzer finds them

            Each injectable bug of the in-process model (`Sources/CalcGraph/InjectedBug.swift`), with the
            number of sequences the fixed-seed campaign (seed \(seed), `small` scale, all properties, no
            shrinking) runs up to and including the first that fails with the bug switched on
            (`InjectionSurvey.firstFailure(...).index + 1`), and the signature of that failure (property,
            kind and aspect: no two bugs share one, `FailureIdentityTests`).
            `Tests/DriverTests/InjectedBugDetectionTests.swift` requires every bug within \(Self.budget) sequences.

            Regenerate with:

                K8SFV_INJECTED_BUGS_DOC=1 swift test --filter InjectedBugDetectionTests/writesTheInjectedBugsTable

            | bug | what it does | source | sequences to find | failure signature |
            |---|---|---|---|---|

            """ + rows.joined(separator: "\n") + "\n"
        let file = seed == Self.seed
            ? root.appendingPathComponent("docs/injected-bugs.md")
            : FileManager.default.temporaryDirectory.appendingPathComponent("injected-bugs-seed-\(seed).md")
        // The sections after the table (the Calico-only bugs, the live comparison) are written by
        // hand: keep them.
        let existing = (try? String(contentsOf: root.appendingPathComponent("docs/injected-bugs.md"), encoding: .utf8)) ?? ""
        let tail = existing.range(of: "\n## ").map { String(existing[$0.lowerBound...]) } ?? ""
        try (document + tail).write(to: file, atomically: true, encoding: .utf8)
        #expect(rows.count == InjectedBug.kubernetesReachable.count)
    }
}

/// The `// Source:` comment above each case of InjectedBug.swift, joined into one line.
enum InjectedBugSources {
    static func parse(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var pending: [String] = []
        var inSource = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("// Source:") {
                pending = [String(line.dropFirst("// Source:".count)).trimmingCharacters(in: .whitespaces)]
                inSource = true
            } else if inSource, line.hasPrefix("//") {
                pending.append(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("case "), !pending.isEmpty {
                let name = line.dropFirst(5).prefix { $0.isLetter || $0.isNumber }
                result[String(name)] = pending.joined(separator: " ")
                pending = []
                inSource = false
            } else {
                inSource = false
            }
        }
        return result
    }
}
