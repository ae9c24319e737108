import Foundation

/// One `k8sfv` subcommand. Each lives in its own file under Commands/.
protocol K8sfvCommand: Sendable {
    /// The word after `k8sfv`.
    static var name: String { get }
    /// One line for `k8sfv --help`.
    static var summary: String { get }
    /// Help before the option list: usage and what the command does.
    static var about: String { get }
    /// Every option the command accepts: the parser and the help's option list are both made
    /// from it.
    static var options: [OptionDeclaration] { get }
    /// Help after the option list: exit status, examples (may be empty).
    static var notes: String { get }
    /// Runs the command. Returns the exit code (see `ExitCode`). Throw `UsageError` or
    /// `InputError` for 2, `EnvironmentError` for 3; any other error is a bug in k8sfv (4).
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32
}

extension K8sfvCommand {
    static var notes: String { "" }
    /// The full help text for `k8sfv help NAME`.
    static var help: String { CommandHelp.render(self) }
}

/// Exit codes shared by every command (design.md, "Rules that keep it honest").
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let propertyFailed: Int32 = 1
    public static let badInput: Int32 = 2
    /// The environment failed (a live API server, a socket, Felix's stream): no verdict.
    public static let environmentFailed: Int32 = 3
    /// A bug in k8sfv itself; the message asks for a bug report.
    public static let internalError: Int32 = 4
    public static let interrupted: Int32 = 130
}
