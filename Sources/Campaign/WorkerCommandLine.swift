import Driver
import Foundation

/// How a campaign starts its child processes: the executable and the command words that run a
/// worker, a shrink job and one evaluation. The driver never names a CLI command itself; the
/// program that owns those commands (the k8sfv CLI, `WorkerExecutable.commandLine`) passes
/// them in. The flags, and what each child writes back, are `WorkerProtocol`'s.
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

    public func workerArguments(_ spec: WorkerSpec) -> [String] { [worker, Flag.spec, spec.encodedArgument()] }

    public func shrinkArguments(_ spec: WorkerSpec, index: Int, failure: Failure, sequenceTimeout: Double) -> [String] {
        [shrink, Flag.spec, spec.encodedArgument(), Flag.index, String(index), Flag.failure,
         WorkerProtocol.failureArgument(failure), Flag.sequenceTimeout, String(sequenceTimeout)]
    }

    public func evaluateArguments(_ spec: WorkerSpec, scenarioFile: String) -> [String] {
        [evaluate, Flag.spec, spec.encodedArgument(), Flag.scenario, scenarioFile]
    }

    private typealias Flag = WorkerProtocol.Flag
}
