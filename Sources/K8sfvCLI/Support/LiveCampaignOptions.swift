// `--target live` for `fuzz` and `replay`: the options that find the live session made by
// `k8sfv live setup`, and the shared LiveTarget every sequence of the campaign uses.

import Driver
import Foundation
import Live

struct LiveCampaignOptions {
    var stateDirectory: String
    var deadline: Double
    var settle: Double

    static let group = "Live target options (only with --target live; refused otherwise)"

    static let declarations: [OptionDeclaration] = [
        .text("--state-dir", "DIR", "live session from 'k8sfv live setup'", default: LiveSession.defaultStateDirectory, group: group),
        .duration(
            "--deadline", "how long each step may take to converge on the live target before converges-within fails",
            default: "10s", group: group),
        .duration(
            "--settle", allowZero: true, "how long to keep listening after convergence", default: "50ms", group: group),
    ]

    static func parse(_ arguments: inout Arguments) throws -> LiveCampaignOptions {
        LiveCampaignOptions(
            stateDirectory: LiveConnection.absolute(try arguments.option("--state-dir") ?? LiveSession.defaultStateDirectory),
            deadline: try arguments.durationOption("--deadline") ?? 10,
            settle: try arguments.durationOption("--settle") ?? 0.05)
    }

    /// The live options, named when given without `--target live`, so the refusal says why
    /// rather than calling a documented option unknown.
    static func refuseWithoutLive(_ arguments: inout Arguments) throws {
        for declaration in declarations where try arguments.isGiven(declaration.name) {
            throw UsageError(
                "option \(declaration.name) applies only with --target live; add --target live or leave \(declaration.name) out")
        }
    }

    /// The flags that select this live target again, for commands printed in summaries:
    /// ` --target live --state-dir DIR` (the session holds the connection), plus the deadline
    /// and settle time when they are not the defaults.
    var commandLineFlags: String {
        var flags = " --target live --state-dir \(stateDirectory)"
        if deadline != 10 { flags += " --deadline \(Self.duration(deadline))" }
        if settle != 0.05 { flags += " --settle \(Self.duration(settle))" }
        return flags
    }

    private static func duration(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(Int((seconds * 1000).rounded()))ms"
    }

    /// Builds the session's LiveTarget and installs it for `--target live`.
    func installTarget(io: CommandIO) throws -> LiveTarget {
        guard let session = try LiveSession.load(from: stateDirectory) else {
            throw InputError("no live session in \(stateDirectory): run 'k8sfv live setup' and start Felix first (docs/live.md)")
        }
        let target: LiveTarget
        do { target = try session.makeTarget(deadline: deadline, settle: settle, quietLimit: nil) } catch let error as TargetError {
            throw EnvironmentError(error.message)
        }
        try target.listen()
        LiveTargets.install(sharing: target)
        io.error("live target: run \(session.runID), Felix host \(session.hostname), relay \(session.relaySocket)")
        return target
    }
}
