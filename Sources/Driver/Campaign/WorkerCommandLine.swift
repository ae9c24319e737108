import Foundation

/// How a campaign starts its child processes: the executable and the command words that run a
/// worker, a shrink job and one evaluation. The driver never names a CLI command itself; the
/// program that owns those commands (the k8sfv CLI, `WorkerExecutable.commandLine`) passes
/// them in, so the process protocol's two ends are each in one place.
public struct WorkerCommandLine: Sendable, Hashable {
    public var executable: String
    /// Runs a worker: `executable worker --spec JSON`; JSON lines (`WorkerMessage`) on stdout.
    public var worker: String
    /// Shrinks one failure: `executable shrink --spec JSON --index I --failure JSON [--sequence-timeout D]`.
    public var shrink: String
    /// Runs one scenario once: `executable evaluate --spec JSON --scenario FILE`; one verdict line.
    public var evaluate: String

    public init(executable: String, worker: String, shrink: String, evaluate: String) {
        self.executable = executable
        self.worker = worker
        self.shrink = shrink
        self.evaluate = evaluate
    }

    public func workerArguments(_ spec: WorkerSpec) -> [String] { [worker, "--spec", spec.encodedArgument()] }

    public func shrinkArguments(_ spec: WorkerSpec, index: Int, failure: String, sequenceTimeout: String) -> [String] {
        [shrink, "--spec", spec.encodedArgument(), "--index", String(index), "--failure", failure,
         "--sequence-timeout", sequenceTimeout]
    }

    public func evaluateArguments(_ spec: WorkerSpec, scenarioFile: String) -> [String] {
        [evaluate, "--spec", spec.encodedArgument(), "--scenario", scenarioFile]
    }
}
