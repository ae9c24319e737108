import Foundation
import Testing
@testable import Gen
@testable import Shrink

/// Prints the challenge table. Meant for `swift test -c release --filter ShrinkingChallengeReport`;
/// the seed count comes from K8SFV_CHALLENGE_SEEDS (default 3, so the debug suite stays fast).
/// K8SFV_CHALLENGE_WITHOUT=name1,name2 leaves those passes out (to measure what a pass adds).
@Suite struct ShrinkingChallengeReportTests {
    @Test func printsTheTableAndEveryShrunkResultStillFails() {
        let seeds = Int(ProcessInfo.processInfo.environment["K8SFV_CHALLENGE_SEEDS"] ?? "") ?? 3
        let started = Date()
        let without = Set((ProcessInfo.processInfo.environment["K8SFV_CHALLENGE_WITHOUT"] ?? "").split(separator: ",").map(String.init))
        let passes = ShrinkPasses.standard.filter { !without.contains($0.name) }
        let rows = ShrinkingChallenge.run(seeds: seeds, passes: passes)
        print(ShrinkingChallenge.report(rows: rows))
        print("passes: \(passes.map(\.name).joined(separator: ", "))")
        print("seeds: \(seeds), wall time: \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        #expect(rows.count == 13)
        for row in rows {
            #expect(row.notFailing == 0, "\(row.problem): a shrunk result no longer fails")
            #expect(row.found > 0, "\(row.problem): no failure found")
        }
    }
}
