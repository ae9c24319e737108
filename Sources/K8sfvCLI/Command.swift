import Foundation

/// One `k8sfv` subcommand. Each lives in its own file under Commands/.
public protocol K8sfvCommand: Sendable {
    /// The word after `k8sfv`.
    static var name: String { get }
    /// One line for `k8sfv --help`.
    static var summary: String { get }
    /// The full help text for `k8sfv help NAME`: usage, every option with its default.
    static var help: String { get }
    /// Runs the command. Returns the exit code: 0 all well, 1 a property failed,
    /// 2 bad input or usage, 130 interrupted. Throw `UsageError` or `InputError` for 2.
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32
}

/// Exit codes shared by every command (design.md, "Rules that keep it honest").
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let propertyFailed: Int32 = 1
    public static let badInput: Int32 = 2
    public static let interrupted: Int32 = 130
}
