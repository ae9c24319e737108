// `k8sfv stand-in`: the loopback kube-apiserver stand-in (KubeStandIn) as a command, so a user
// can try the whole live path (`live setup`, `felix-sim`, `fuzz --target live`) without a
// cluster, and scripts (and the exported kubectl scripts) can drive it.

import Campaign
import Driver
import Foundation
import KubeStandIn

enum StandInCommand: K8sfvCommand {
    static let name = "stand-in"
    static let summary = "Serve a loopback Kubernetes API stand-in (no cluster needed)"
    static let about = """
        Usage: k8sfv stand-in [OPTIONS]

        Serves the subset of the Kubernetes API that k8sfv, felix-sim and kubectl's basic verbs
        use, on 127.0.0.1 only, with no credentials, and answers as a real kube-apiserver with
        a namespace and service-account controller would (docs/live.md). Prints its URL on the
        first line of standard output, then serves until SIGINT or SIGTERM (exit 0).

        Try the live path with it:
          k8sfv stand-in --port 8001 &
          k8sfv live setup --server http://127.0.0.1:8001 --relay-socket /tmp/relay.sock
          k8sfv felix-sim --server http://127.0.0.1:8001 --relay-socket /tmp/relay.sock &
          k8sfv fuzz --target live
        """

    static let options: [OptionDeclaration] = [
        .integer("--port", in: 0...65535, "the port (0: any free port)", default: 0),
        .text(
            "--faults", "SPEC",
            "inject API faults: comma-separated NAME=VALUE with NAME one of conflict, throttle, error, slow (rates 0…1), "
                + "drop-watch, expire-watch (rates 0…1), seed (an integer); e.g. conflict=0.1,error=0.05,seed=7 "
                + "(default: none)"),
        .duration(
            "--namespace-deletion", allowZero: true,
            "how long a deleted namespace stays Terminating before its contents and it are removed (a real namespace "
                + "controller took 5–6 s)",
            default: "0.5s"),
        .flag(
            "--no-controller-manager",
            "no namespace or service-account controller: namespaces stay Terminating, pods wait for a ServiceAccount "
                + "you create"),
    ]

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let port = try arguments.intOption("--port") ?? 0
        let faultText = try arguments.option("--faults")
        let deletion = try arguments.durationOption("--namespace-deletion") ?? 0.5
        let bare = try arguments.flag("--no-controller-manager")
        try arguments.finish()
        let faults = try faultText.map(parseFaults) ?? .none
        guard deletion >= 0, deletion <= 3600 else {
            throw UsageError("option --namespace-deletion: give a duration from 0s to 1h, e.g. 500ms")
        }
        var options = StandInOptions(emulateControllerManager: !bare)
        options.namespaceDeletionDelaySeconds = deletion
        let standIn: KubeStandIn
        do {
            standIn = try KubeStandIn.start(port: UInt16(port), faults: faults, options: options)
        } catch {
            throw InputError("cannot listen on 127.0.0.1:\(port): \(error)")
        }
        defer { standIn.stop() }
        io.print(standIn.baseURL.absoluteString)
        io.error("k8sfv stand-in: serving \(standIn.baseURL.absoluteString) (Ctrl-C stops it)")
        let stop = StopFlag()
        let trap = SignalTrap(stopping: stop)
        while !stop.isStopped { Thread.sleep(forTimeInterval: 0.1) }
        withExtendedLifetime(trap) {}
        let counts = standIn.faultCounts
        io.error("k8sfv stand-in: stopped; faults injected: \(counts.conflicts) conflicts, \(counts.tooManyRequests) throttles, \(counts.serverErrors) server errors, \(counts.droppedWatches) dropped watches, \(counts.expiredWatches) expired watches")
        return ExitCode.ok
    }

    /// `conflict=0.1,error=0.05,seed=7` → a fault plan; anything else is a usage error.
    static func parseFaults(_ text: String) throws -> StandInFaults {
        var plan = StandInFaults()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw UsageError("option --faults: '\(item)' is not NAME=VALUE (e.g. conflict=0.1,seed=7)")
            }
            let (name, value) = (parts[0], parts[1])
            if name == "seed" {
                guard let seed = UInt64(value) else {
                    throw UsageError("option --faults: seed must be a non-negative integer, got '\(value)'")
                }
                plan.seed = seed
                continue
            }
            guard let rate = Double(value), rate.isFinite, (0...1).contains(rate) else {
                throw UsageError("option --faults: \(name) must be a rate from 0 to 1, got '\(value)'")
            }
            switch name {
            case "conflict": plan.conflictRate = rate
            case "throttle": plan.tooManyRequestsRate = rate; plan.retryAfterSeconds = 0
            case "error": plan.serverErrorRate = rate
            case "slow": plan.slowRate = rate
            case "drop-watch": plan.dropWatchRate = rate
            case "expire-watch": plan.expireWatchRate = rate
            default:
                throw UsageError("option --faults: unknown fault '\(name)' (known: conflict, throttle, error, slow, drop-watch, expire-watch, seed)")
            }
        }
        return plan
    }
}
