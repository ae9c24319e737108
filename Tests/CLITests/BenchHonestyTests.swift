import CalcGraph
import Gen
import Testing

@testable import K8sfvCLI

/// `bench` must not quote figures of a run that went wrong: a stream violation or a failed
/// section makes the result wrong and the exit code non-zero.
@Suite struct BenchHonestyTests {
    @Test func aStreamViolationInAWorkloadIsReportedNotSwallowed() throws {
        let correct = try #require(BenchWorkloads.run(name: "policyChurn", scale: .small, steps: 60, oracleSteps: 5))
        #expect(correct.streamViolation == nil && correct.converged)
        var results = BenchResults(build: "debug", cores: 1)
        results.workloads = [correct]
        #expect(BenchRunner.exitCode(results) == ExitCode.ok)

        let broken = try #require(BenchWorkloads.run(
            name: "policyChurn", scale: .small, steps: 60, oracleSteps: 5, injections: [.ipSetNotRefCounted]))
        #expect(broken.streamViolation != nil || !broken.converged)
        results.workloads = [broken]
        #expect(BenchRunner.exitCode(results) == ExitCode.propertyFailed)
        #expect(BenchWorkloads.text([broken]).contains("NO"))
    }

    @Test func aSectionThatFailedToRunMakesTheExitCodeNonZero() {
        var results = BenchResults(build: "debug", cores: 1)
        #expect(BenchRunner.exitCode(results) == ExitCode.ok)
        results.failedSections = ["gen: generation failed"]
        #expect(BenchRunner.exitCode(results) == ExitCode.propertyFailed)
    }
}
