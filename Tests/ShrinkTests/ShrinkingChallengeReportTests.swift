import Foundation
import Testing
@testable import Gen
@testable import Shrink

/// Prints the challenge table. Meant for `swift test -c release --filter ShrinkingChallengeReport`;
/// the seed count comes from K8SFV_CHALLENGE_SEEDS (default 3, so the debug suite stays fast).
@Suite struct ShrinkingChallengeReportTests {
    @Test func printsTheTableAndEveryShrunkResultStillFails() {
        let seeds = Int(ProcessInfo.processInfo.environment["K8SFV_CHALLENGE_SEEDS"] ?? "") ?? 3
        let started = Date()
        let rows = ShrinkingChallenge.run(seeds: seeds)
        print(ShrinkingChallenge.report(rows: rows))
        print("seeds: \(seeds), wall time: \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        #expect(rows.count == 13)
        for row in rows {
            #expect(row.notFailing == 0, "\(row.problem): a shrunk result no longer fails")
            #expect(row.found > 0, "\(row.problem): no failure found")
        }
    }
}
