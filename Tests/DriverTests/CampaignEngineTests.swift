import Campaign
import Driver
import Foundation
import Gen
import Shrink
import Testing

/// The campaign engine's bookkeeping, through the in-process executor: a failure already
/// known is only counted, and every repeat of a saved failure is counted on its record.
@Suite struct CampaignEngineTests {
    /// Seed 7's first 20 sequences hit these bugs often: one record and several repeats.
    static func configuration(_ directory: URL) -> CampaignConfiguration {
        CampaignConfiguration(
            seed: 7, sequenceLimit: 20,
            target: TargetSpec(injections: [.ipSetNotRefCounted, .memberNotRefCounted, .policyTypesIgnored]),
            outputDirectory: directory, shrinkBudget: ShrinkBudget(maxEvaluations: 40, maxSeconds: 10))
    }

    func scratch(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-engine-\(getpid())-\(name)")
    }

    @Test func everyRepeatOfASavedFailureIsCountedOnItsRecord() {
        let directory = scratch("repeats")
        defer { try? FileManager.default.removeItem(at: directory) }
        var repeats: [FailureSignature: Int] = [:]
        var found = 0
        let summary = Campaign(configuration: Self.configuration(directory)).run { event in
            switch event {
            case .duplicateFailure(_, let signature): repeats[signature, default: 0] += 1
            case .failureFound: found += 1
            default: break
            }
        }
        #expect(!summary.failures.isEmpty)
        #expect(found == summary.failures.count, "one failureFound per saved failure")
        let total = summary.failures.reduce(0) { $0 + $1.duplicates }
        #expect(total > 0, "these sequences repeat a failure, so repeats must be counted, not saved again")
        for record in summary.failures {
            #expect(record.duplicates == repeats[record.signature] ?? 0, "\(record.signature)")
        }
        #expect(summary.statistics.failures == summary.failures.count + total)
    }

    @Test func aKnownFailureIsCountedButNeverShrunkOrSaved() throws {
        let first = scratch("first"), second = scratch("second")
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        let before = Campaign(configuration: Self.configuration(first)).run()
        let known = before.failures.map(\.signature)
        #expect(!known.isEmpty)
        var saved = 0
        let after = Campaign(configuration: Self.configuration(second), knownSignatures: known).run { event in
            if case .reproducerSaved = event { saved += 1 }
        }
        #expect(after.failures.isEmpty, "a known failure gets no record")
        #expect(saved == 0)
        #expect(after.statistics.failures == before.statistics.failures, "but every failing sequence is still counted")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: second.path)) ?? []
        #expect(files.filter { $0.hasSuffix(".json") }.isEmpty, "and nothing is written")
    }
}
