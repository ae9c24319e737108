import CalcGraph
import Calico
import Driver
import Foundation
import Live

/// `k8sfv replay FILE`: replays a reproducer's steps exactly and reports the verdict.
enum ReplayCommand: K8sfvCommand {
    static let name = "replay"
    static let summary = "Replay a reproducer's steps and check every property"
    static let about = """
        Usage: k8sfv replay FILE [OPTIONS]

        Replays the steps stored in FILE (not its seed) against a target, several times, and
        checks every property after every step. The injected bugs the file names are switched
        on. A result that differs between runs is reported as flaky.
        """

    static var options: [OptionDeclaration] {
        [
            .choice(
                "--target", TargetSpec.Kind.allCases.map(\.rawValue),
                "the target (live: the session of 'k8sfv live setup', whose Felix (or felix-sim) carries any injected bugs)",
                default: "model"),
            .integer("--runs", in: 1...1000, "how many times to replay", default: 3),
            .text("--inject", "NAME", "switch on another injected bug", repeatable: true),
            .flag("--no-inject", "ignore the injected bugs the file names"),
            .flag(
                "--expect",
                "exit 0 when the verdict is the one the file expects (how the seeds/ corpus is checked), 1 otherwise"),
        ] + LiveCampaignOptions.declarations
    }

    static let notes = """
        A reproducer of your own Target (saved by K8sfvCheck.run(..., targetName:, makeTarget:)
        in a test; its "target" field is your name) is replayed from a test, not from here: this
        command knows the model and live targets only. In the test:
          let reproducer = try Reproducer.load(from: url)
          let result = Replayer.replay(reproducer.scenario, runs: 3) { YourTarget() }
          #expect(result.matches(reproducer))

        Exit status: 0 every property held, 1 a property failed (or flaky), 2 bad file or usage,
        3 the live environment failed, 4 an internal error (a bug in k8sfv).
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let runs = try arguments.intOption("--runs") ?? 3
        let targetName = try arguments.option("--target") ?? "model"
        if targetName != "live" { try LiveCampaignOptions.refuseWithoutLive(&arguments) }
        let live = targetName == "live" ? try LiveCampaignOptions.parse(&arguments) : nil
        let extra = try arguments.options("--inject")
        let ignoreFileBugs = try arguments.flag("--no-inject")
        let checkExpectation = try arguments.flag("--expect")
        let path = arguments.positional()
        try arguments.finish()
        let (reproducer, url) = try ReproducerLoading.load(path)
        var injections = ignoreFileBugs ? [] : try ReproducerLoading.injections(of: reproducer, source: url.path)
        do {
            injections.formUnion(try TargetSpec.injections(named: extra))
        } catch let error as ConfigurationError {
            throw UsageError("option --inject: \(error.message)")
        }
        let scenario = reproducer.scenario
        let liveTarget = try live?.installTarget(io: io)
        defer { liveTarget?.close() }
        let result = Replayer.replay(scenario, runs: runs) { () -> any Target in
            liveTarget ?? ModelTarget(injections: injections)
        }
        let bugs = injections.map(\.rawValue).sorted()
        io.print(
            "replay \(url.lastPathComponent): \(scenario.steps.count) steps, \(runs) runs on the \(liveTarget == nil ? "model" : "live target")"
                + (bugs.isEmpty ? "" : " with \(bugs.joined(separator: ","))"))
        // The environment failed (API server down, no Felix stream): no verdict on Felix.
        if let failure = result.failure, failure.isEnvironmentError {
            io.error("k8sfv replay: environment error, no verdict (exit \(LiveEnvironment.exitCode)): \(failure.kind): \(failure.details.joined(separator: " "))")
            return LiveEnvironment.exitCode
        }
        switch result.verdict {
        case .pass:
            io.print("verdict: pass (every property held in every run)")
        case .fail:
            io.print("verdict: fail (\(result.failure!.signature) in every run)")
            io.print(result.failure!.description)
        case .flaky:
            let seen = result.signatures.map { $0?.description ?? "pass" }
            io.print("verdict: flaky (runs gave: \(seen.joined(separator: ", ")))")
            if let failure = result.failure { io.print(failure.description) }
        }
        if checkExpectation {
            let ok = result.matches(reproducer)
            io.print(ok ? "as expected (\(reproducer.expect.rawValue))" : "NOT as expected: the file expects \(reproducer.expect.rawValue)"
                + (reproducer.failure.map { " with \($0.signature)" } ?? ""))
            return ok ? ExitCode.ok : ExitCode.propertyFailed
        }
        return result.verdict == .pass ? ExitCode.ok : ExitCode.propertyFailed
    }
}
