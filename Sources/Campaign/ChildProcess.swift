#if canImport(Glibc)
import Driver
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// A child process of a campaign (a worker, a shrinker, an evaluator) started with posix_spawn,
// its stdout read line by line and its stderr's tail kept, each on its own thread. The
// `exited` callback comes after the last line, so a reader sees everything a child said
// before learning that it died. Pipes are close-on-exec, so one child never holds another's
// pipe open (which would hide its end of file).

/// How a child process ended.
public enum ChildExit: Hashable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    public var isCleanExit: Bool { self == .exited(0) || self == .exited(1) }

    public var description: String {
        switch self {
        case .exited(let code): return "exited with status \(code)"
        case .signalled(let signal): return "killed by signal \(signal) (\(ChildExit.signalName(signal)))"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: return "SIGILL: a Swift runtime trap"
        case SIGTRAP: return "SIGTRAP: a Swift runtime trap"
        case SIGABRT: return "SIGABRT"
        case SIGSEGV: return "SIGSEGV"
        case SIGBUS: return "SIGBUS"
        case SIGKILL: return "SIGKILL"
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        default: return "signal \(signal)"
        }
    }
}

/// A running child process.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var tail = ""
    private var finished: ChildExit?

    /// Starts `executable` with `arguments`; `onLine` gets each stdout line (on a reader
    /// thread), then `onExit` once the process has ended and its output is drained.
    public init(
        executable: String, arguments: [String], onLine: @escaping @Sendable (String) -> Void,
        onExit: @escaping @Sendable (ChildExit) -> Void
    ) throws {
        let out = try ChildProcess.makePipe()
        let err = try ChildProcess.makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environment: [UnsafeMutablePointer<CChar>?] = ParentDeath.childEnvironment().map { strdup($0) } + [nil]
        defer { for pointer in environment { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, argv, environment)
        close(out.write)
        close(err.write)
        guard status == 0 else {
            close(out.read)
            close(err.read)
            throw TargetError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        let spawned = child
        let stderrDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            ChildProcess.readLines(out.read, onLine)
            stderrDone.wait()
            let exit = ChildProcess.wait(for: spawned)
            lock.withLock { finished = exit }
            onExit(exit)
        }
        Thread.detachNewThread { [self] in
            ChildProcess.readChunks(err.read) { text in
                lock.withLock {
                    tail += text
                    if tail.utf8.count > 4096 { tail = String(tail.suffix(2048)) }
                }
            }
            stderrDone.signal()
        }
    }

    /// The last couple of kilobytes the child wrote to stderr (a trap's message is there).
    public var stderrTail: String { lock.withLock { tail } }

    /// How it ended, once it has.
    public var exit: ChildExit? { lock.withLock { finished } }

    /// Sends a signal (ignored if it has already ended).
    public func send(_ signal: Int32) {
        if exit == nil { kill(pid, signal) }
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TargetError("cannot create a pipe: \(String(cString: strerror(errno)))") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    private static func readChunks(_ fd: Int32, _ body: (String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            body(String(decoding: buffer[0..<n], as: UTF8.self))
        }
        close(fd)
    }

    private static func readLines(_ fd: Int32, _ onLine: (String) -> Void) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            pending.append(contentsOf: buffer[0..<n])
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                onLine(String(decoding: pending[start..<newline], as: UTF8.self))
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
        close(fd)
    }

    private static func wait(for pid: pid_t) -> ChildExit {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        // WIFEXITED / WTERMSIG, spelled out (the macros are not imported into Swift).
        let signal = status & 0x7F
        if signal == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(signal)
    }
}

extension ChildExit {
    /// The last non-empty lines of a stderr tail, for failure details.
    static func lastLines(of text: String, count: Int) -> [String] {
        text.split(separator: "\n").suffix(count).map { "stderr: " + $0 }
    }
}
