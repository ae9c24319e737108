import Campaign
import Driver
import Foundation

/// Finds the k8sfv binary to start worker processes from: `K8SFV_EXECUTABLE` if set, else
/// this process's own executable when it is k8sfv. Nil inside a test runner (which is not
/// k8sfv): the campaign then runs in-process.
enum WorkerExecutable {
    static let variable = "K8SFV_EXECUTABLE"

    /// The campaign's children, as the driver starts them: this binary and the hidden commands
    /// that implement the worker, shrink and evaluate ends of the process protocol.
    static func commandLine(executable: String) -> WorkerCommandLine {
        WorkerCommandLine(
            executable: executable, worker: FuzzWorkerCommand.name, shrink: FuzzShrinkCommand.name,
            evaluate: FuzzEvalCommand.name)
    }

    /// `commandLine(executable:)` for the located binary, if any.
    static func commandLine() -> WorkerCommandLine? { locate().map { commandLine(executable: $0) } }

    static func locate() -> String? {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let candidates = [Bundle.main.executablePath, CommandLine.arguments.first].compactMap { $0 }
        for candidate in candidates {
            let url = URL(fileURLWithPath: candidate).resolvingSymlinksInPath()
            if url.lastPathComponent == "k8sfv", FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
        }
        return nil
    }
}
