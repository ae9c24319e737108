import Foundation

/// Where a command writes. The executable uses the real stdout and stderr; tests capture.
public final class CommandIO: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    /// True when stderr is a terminal (progress lines may redraw in place).
    public let stderrIsTerminal: Bool

    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        stderrIsTerminal: Bool = false
    ) {
        writeOut = out
        writeErr = err
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The process's own stdout and stderr.
    public static func standard() -> CommandIO {
        CommandIO(
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) },
            stderrIsTerminal: isatty(2) == 1)
    }

    /// Writes a line (a newline is added) to stdout.
    public func print(_ line: String) { lock.withLock { writeOut(line + "\n") } }
    /// Writes text as is to stdout.
    public func write(_ text: String) { lock.withLock { writeOut(text) } }
    /// Writes a line to stderr.
    public func error(_ line: String) { lock.withLock { writeErr(line + "\n") } }
    /// Writes text as is to stderr.
    public func writeError(_ text: String) { lock.withLock { writeErr(text) } }
}

/// Captures a command's output in memory, for tests.
public final class CapturedIO: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    public init() {}
    public var stdout: String { lock.withLock { outText } }
    public var stderr: String { lock.withLock { errText } }
    public var io: CommandIO {
        CommandIO(
            out: { [self] text in lock.withLock { outText += text } },
            err: { [self] text in lock.withLock { errText += text } })
    }
}
