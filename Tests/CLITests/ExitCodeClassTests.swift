import Campaign
import Driver
import Foundation
import KubeClient
import Testing
@testable import K8sfvCLI

/// Each class of error has its own exit code, whatever command it comes from: a property
/// failure 1, usage and input 2, the environment 3, a bug in k8sfv 4 (with a request for a
/// bug report).
@Suite struct ExitCodeClassTests {
    static func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedIO()
        let code = K8sfvMain.run(arguments: arguments, io: captured.io)
        return (code, captured.stdout, captured.stderr)
    }

    @Test func aPropertyFailureIsOne() {
        // A committed reproducer that fails (with its injected bug switched on).
        let result = Self.run(["replay", ReproducerCommandTests.sample, "--runs", "1"])
        #expect(result.code == ExitCode.propertyFailed, "\(result.err)")
        #expect(result.out.contains("verdict: fail"))
    }

    @Test func usageAndInputAreTwo() {
        #expect(Self.run(["replay", "--runs", "0"]).code == ExitCode.badInput)
        let missing = Self.run(["replay", "/nonexistent/k8sfv-repro.json"])
        #expect(missing.code == ExitCode.badInput)
        #expect(!missing.err.contains("bug in k8sfv"))
        #expect(Self.run(["replay", ReproducerCommandTests.sample, "--inject", "noSuchBug"]).code == ExitCode.badInput)
    }

    /// An API server that does not answer, or a target that cannot be run, is the environment.
    /// (Through `report`, not a live command in this process: a command that waits on the
    /// client's async calls would hold a thread of the test runner's small pool.)
    @Test func anEnvironmentErrorIsThree() {
        for error: any Error in [
            EnvironmentError("no stream"), TargetError("cannot listen"), KubeClientError.transport("connection refused"),
        ] {
            let captured = CapturedIO()
            #expect(K8sfvMain.report(error, command: "live", io: captured.io) == ExitCode.environmentFailed, "\(error)")
            #expect(captured.stderr.contains("environment error (exit 3)"))
        }
        let misconfigured = CapturedIO()
        #expect(K8sfvMain.report(KubeClientError.configuration("no context"), command: "live", io: misconfigured.io) == ExitCode.badInput)
    }

    @Test func anInternalErrorIsFourAndAsksForABugReport() {
        struct Unexpected: Error {}
        let captured = CapturedIO()
        #expect(K8sfvMain.report(Unexpected(), command: "fuzz", io: captured.io) == ExitCode.internalError)
        #expect(captured.stderr.contains("internal error"))
        #expect(captured.stderr.contains(BugReport.request))
        // An option read but never declared is k8sfv's bug, reported the same way.
        let undeclared = CapturedIO()
        #expect(K8sfvMain.report(InternalError("undeclared"), command: "gen", io: undeclared.io) == ExitCode.internalError)
        // The other classes never ask for a bug report.
        for error: any Error in [UsageError("u"), InputError("i"), ConfigurationError("c"), EnvironmentError("e"), TargetError("t")] {
            let other = CapturedIO()
            #expect(K8sfvMain.report(error, command: "fuzz", io: other.io) != ExitCode.internalError)
            #expect(!other.stderr.contains(BugReport.request))
        }
    }

    /// A failure is a result, never thrown; a name that does not parse is a configuration
    /// error, not a target error.
    @Test func failureIsNotAnErrorAndParseErrorsAreNotTargetErrors() {
        #expect(!((Failure.self as Any) is any Error.Type))
        #expect(throws: ConfigurationError.self) { try TargetSpec.injections(named: ["noSuchBug"]) }
        #expect(throws: ConfigurationError.self) { try WorkerSpec.decode(argument: "{") }
    }
}
