// After a live campaign, the summary's replay and re-run commands name the live target and
// its session (item 7 of issue 10): a user who copies them must not end up on the model.
// An environment error is said to be one, with its exit code.

@testable import Campaign
@testable import Driver
import Foundation
import Testing
@testable import K8sfvCLI

@Suite struct LiveSummaryTextTests {
    static func summary(environmentError: String? = nil) -> CampaignSummary {
        let record = FailureRecord(
            signature: FailureSignature(property: .convergesWithin, kind: "endpoint-tiers"), reproducerID: "abc",
            path: "seeds/abc.json", seed: "7", index: 0, originalSteps: 5, shrunkSteps: 2, shrinkEvaluations: 10,
            shrinkSeconds: 1, shrinkBudgetExhausted: false, message: "m", duplicates: 0)
        var summary = CampaignSummary(
            seed: "7", statistics: CampaignStatistics(), failures: environmentError == nil ? [record] : [], elapsed: 1,
            interrupted: false, nextIndex: 1, stride: 1)
        summary.environmentError = environmentError
        return summary
    }

    @Test func liveCommandsRepeatTheTargetAndSession() throws {
        var arguments = try Arguments(["--target", "live", "--seed", "7", "--iterations", "3", "--inject", "remoteEndpointsActivatePolicies"], for: FuzzCommand.self)
        let options = try FuzzOptions.parse(&arguments)
        var liveArguments = try Arguments(["--state-dir", "/tmp/session", "--deadline", "20s"], for: FuzzCommand.self)
        let live = try LiveCampaignOptions.parse(&liveArguments)
        let text = SummaryText.render(Self.summary(), options: options, live: live)
        #expect(text.contains("replay: k8sfv replay seeds/abc.json --target live --state-dir /tmp/session --deadline 20s --inject remoteEndpointsActivatePolicies"), "\(text)")
        #expect(text.contains("again      k8sfv fuzz --seed 7 --iterations 3 --target live --state-dir /tmp/session --deadline 20s --inject"), "\(text)")
    }

    @Test func modelCommandsStayAsTheyWere() throws {
        var arguments = try Arguments(["--seed", "7", "--iterations", "3"], for: FuzzCommand.self)
        let options = try FuzzOptions.parse(&arguments)
        let text = SummaryText.render(Self.summary(), options: options)
        #expect(!text.contains("--target"))
        #expect(text.contains("replay: k8sfv replay seeds/abc.json"))
    }

    @Test func anEnvironmentErrorIsNamedWithItsExitCode() throws {
        var arguments = try Arguments(["--target", "live", "--seed", "7"], for: FuzzCommand.self)
        let options = try FuzzOptions.parse(&arguments)
        let summary = Self.summary(environmentError: "environment-api-unreachable (3 retries): down")
        #expect(summary.exitCode == 3)
        let text = SummaryText.render(summary, options: options)
        #expect(text.contains("environment error (exit 3)"))
        #expect(text.contains("--target live"))
    }

    @Test func theSummaryReadsAsEnglishForOneOfEach() throws {
        var arguments = try Arguments(["--seed", "7", "--iterations", "3"], for: FuzzCommand.self)
        let options = try FuzzOptions.parse(&arguments)
        var summary = Self.summary()
        summary.failures[0].duplicates = 1
        summary.failures[0].originalSteps = 1
        let text = SummaryText.render(summary, options: options)
        #expect(text.contains("2 failing sequences, 1 distinct failure:"), "\(text)")
        #expect(text.contains("1 step shrunk to 2; seen once more"), "\(text)")
        #expect(!text.contains("1 steps") && !text.contains("1 distinct failures") && !text.contains("1 more times"))
    }
}
