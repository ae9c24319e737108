import Campaign
import Driver
import Foundation
import Gen
import KubeClient

/// Entry point: dispatches `k8sfv COMMAND ...` to the command's `run`.
public enum K8sfvMain {
    /// The executable's entry: the process's own arguments, each checked to be UTF-8 first
    /// (Swift would replace a bad byte with U+FFFD, and a selector or a path would then be
    /// silently another one).
    public static func runCommandLine() -> Int32 {
        let io = CommandIO.standard()
        for position in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[position] else { continue }
            let bytes = Data(bytes: pointer, count: strlen(pointer))
            if let offset = TextInput.firstInvalidUTF8(bytes) {
                io.error("k8sfv: argument \(position) is not valid UTF-8 (byte offset \(offset)); give UTF-8 text")
                return ExitCode.badInput
            }
        }
        return run(arguments: Array(CommandLine.arguments.dropFirst()), io: io)
    }

    /// Runs k8sfv with the given arguments (without the program name) and returns the exit code.
    public static func run(arguments: [String], io: CommandIO = .standard()) -> Int32 {
        guard let first = arguments.first, first != "--help", first != "-h" else {
            io.print(overview)
            return arguments.isEmpty ? ExitCode.badInput : ExitCode.ok
        }
        if first == "--version" || first == "version" {
            io.print(versionLine)
            return ExitCode.ok
        }
        if first == "help" {
            guard let name = arguments.dropFirst().first else {
                io.print(overview)
                return ExitCode.ok
            }
            guard let command = CommandRegistry.command(named: name) else {
                io.error("k8sfv: unknown command '\(name)'. Run 'k8sfv --help' for the list.")
                return ExitCode.badInput
            }
            io.print(command.help)
            return ExitCode.ok
        }
        guard let command = CommandRegistry.command(named: first) else {
            io.error("k8sfv: unknown command '\(first)'. Run 'k8sfv --help' for the list.")
            return ExitCode.badInput
        }
        let words = Array(arguments.dropFirst())
        // `--help` anywhere before `--` wins over everything else on the line.
        if words.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
            io.print(command.help)
            return ExitCode.ok
        }
        do {
            var rest = try Arguments(words, for: command)
            return try command.run(&rest, io: io)
        } catch {
            return report(error, command: command.name, io: io)
        }
    }

    /// Prints a command's error and returns its exit code, by what went wrong: usage and input
    /// 2, environment 3, and anything else (a bug in k8sfv) 4 with a request for a bug report.
    static func report(_ error: any Error, command name: String, io: CommandIO) -> Int32 {
        switch error {
        case let error as UsageError:
            io.error("k8sfv \(name): \(error.message)")
            io.error("Run 'k8sfv help \(name)' for the options.")
            return ExitCode.badInput
        case let error as InputError:
            io.error("k8sfv \(name): \(error.message)")
            return ExitCode.badInput
        case let error as ReproducerError:
            io.error("k8sfv \(name): \(error.message)")
            return ExitCode.badInput
        case let error as ConfigurationError:
            io.error("k8sfv \(name): \(error.message)")
            return ExitCode.badInput
        case let error as CocoaError:
            // A file the user named (unreadable, missing, not writable). Never a raw NSError dump
            // ("Error Domain=… Code=516"): its sentence, and the path Foundation names.
            let path = error.filePath.map { "\($0): " } ?? ""
            io.error("k8sfv \(name): \(path)\(error.localizedDescription)")
            return ExitCode.badInput
        case let error as KubeClientError:
            // The API server's answers and the connection are the environment; a connection
            // set up wrongly (a kubeconfig, TLS options, a remote server not allowed) is input.
            switch error {
            case .api, .gone, .transport, .watchDropped, .decoding, .notOwned, .exhausted:
                io.error("k8sfv \(name): environment error (exit \(ExitCode.environmentFailed)): \(error)")
                return ExitCode.environmentFailed
            case .remoteClusterRefused, .unsupportedTLS, .configuration:
                io.error("k8sfv \(name): \(error)")
                return ExitCode.badInput
            }
        case let error as EnvironmentError:
            io.error("k8sfv \(name): environment error (exit \(ExitCode.environmentFailed)): \(error.message)")
            return ExitCode.environmentFailed
        case let error as TargetError:
            // The target could not be run (a socket, a process, a server): the environment.
            io.error("k8sfv \(name): environment error (exit \(ExitCode.environmentFailed)): \(error.message)")
            return ExitCode.environmentFailed
        default:
            io.error("k8sfv \(name): internal error: \(error)")
            io.error(BugReport.request)
            return ExitCode.internalError
        }
    }

    /// This k8sfv's version, and the versions of what it reads and writes, so a bug report
    /// can say which generator made a reproducer.
    public static let version = "0.1.0"

    static var versionLine: String {
        "k8sfv \(version) (generator version \(GeneratorVersion.current), reproducer format \(Reproducer.currentVersion), "
            + "campaign state format \(CampaignState.currentVersion))"
    }

    static var overview: String {
        var lines = [
            "k8sfv: property-based fuzz testing of Calico Felix's calculation graph (Kubernetes datastore).",
            "",
            "Usage: k8sfv COMMAND [OPTIONS]",
            "",
            "Commands:",
        ]
        let width = CommandRegistry.all.map { $0.name.count }.max() ?? 0
        for command in CommandRegistry.all {
            lines.append("  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += ["", "Run 'k8sfv help COMMAND' for a command's options and defaults; 'k8sfv --version' for the version."]
        return lines.joined(separator: "\n")
    }
}
