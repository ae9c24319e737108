import Foundation
import Testing
@testable import K8sfvCLI

/// Unknown options and bad values: one line naming the option, and exit 2, across commands.
@Suite struct CommandErrorTests {
    func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let captured = CapturedIO()
        let status = K8sfvMain.run(arguments: arguments, io: captured.io)
        return (status, captured.stdout, captured.stderr)
    }

    static let commandsWithOptions = ["fuzz", "merge", "replay", "shrink", "export", "fuzz-worker", "fuzz-shrink", "fuzz-eval"]

    @Test(arguments: commandsWithOptions)
    func unknownOptionIsAOneLineUsageError(command: String) {
        // Options that would otherwise be required come first, so the unknown one is what fails.
        var arguments = [command]
        if command == "merge" { arguments += ["--out", "/nonexistent-k8sfv", "/"] }
        arguments += ["--no-such-option"]
        let result = run(arguments)
        #expect(result.status == 2)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.contains("--no-such-option") || first.contains("--spec"), "\(command): \(result.stderr)")
    }

    @Test(arguments: [
        (["fuzz", "--shard", "3/2"], "--shard"),
        (["fuzz", "--shard", "x"], "--shard"),
        (["fuzz", "--workers", "0"], "--workers"),
        (["fuzz", "--workers", "many"], "--workers"),
        (["fuzz", "--sequence-timeout", "soon"], "--sequence-timeout"),
        (["fuzz", "--iterations", "-3"], "--iterations"),
        (["fuzz", "--time", "forever"], "--time"),
        (["fuzz", "--scale", "huge"], "--scale"),
        (["fuzz", "--inject", "no-such-bug"], "--inject"),
        (["fuzz", "--resume", "/nonexistent/state.json"], "--resume"),
        (["fuzz", "--in-process", "--workers", "2"], "--workers"),
        (["merge", "/tmp"], "--out"),
        (["merge", "--out", "/tmp/k8sfv-merge-nothing"], "directory"),
        (["replay", "--runs", "0", "x.json"], "--runs"),
        (["shrink", "--evals", "none", "x.json"], "--evals"),
    ])
    func badValueNamesTheOption(arguments: [String], option: String) {
        let result = run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.contains(option), "\(arguments): \(first)")
    }

    @Test func hiddenCommandsRunButAreNotListed() {
        let overview = run(["--help"]).stdout
        #expect(!overview.contains("fuzz-worker"))
        #expect(!overview.contains("fuzz-shrink"))
        #expect(!overview.contains("fuzz-eval"))
        #expect(run(["help", "fuzz-worker"]).status == 0)
    }

    @Test func fuzzHelpListsEveryOptionItReads() {
        let help = run(["help", "fuzz"]).stdout
        for option in [
            "--seed", "--iterations", "--time", "--scale", "--target", "--inject", "--list-injections", "--out",
            "--no-shrink", "--shrink-time", "--shrink-evals", "--workers", "--shard", "--sequence-timeout", "--state",
            "--resume", "--in-process", "--json", "--report",
        ] {
            #expect(help.contains("  \(option) "), "fuzz help lacks \(option)")
        }
        let merge = run(["help", "merge"]).stdout
        #expect(merge.contains("--out DIR") && merge.contains("--json") && merge.contains("--report"))
    }
}
