// Starts a dataplane driver the way Felix does and feeds it.
// Takes: the driver's path, its arguments (Felix passes none) and environment. Gives: a child
// whose fd 3 reads framed ToDataplane messages and whose fd 4 writes FromDataplane messages
// (drained and ignored here), `send` for messages with sequence numbers from 0, and `finish`,
// which closes fd 3 so the driver sees end of input, then reaps it.
// Sources: projectcalico/calico:felix/dataplane/external/ext_dataplane.go (ExtraFiles =
// [toDriverR, fromDriverW], so fd 3 and fd 4; SendMessage's 8-byte little-endian length);
// swift-linux.md §3 (posix_spawn with adddup2, pipes moved above fd 10 and close-on-exec,
// signal dispositions reset in the child). Cost: one write per message; two threads.

#if canImport(Glibc)
import Driver
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FelixWire
import Foundation
import Synchronization
import Calico

public final class DriverProcess: Sendable {
    public let pid: pid_t
    private let toDriver: Int32
    private let sequence = Mutex<UInt64>(0)
    private let exitStatus = Mutex<Int32?>(nil)
    private let exited = DispatchSemaphore(value: 0)

    /// Spawns `path` with `arguments` (argv[0] is the path) and `environment`.
    public init(path: String, arguments: [String] = [], environment: [String: String]) throws {
        signal(SIGPIPE, SIG_IGN)  // a dead driver must be an EPIPE, not our death
        let toDriverPipe = try Self.makePipe()    // [read (child fd 3), write (ours)]
        let fromDriverPipe = try Self.makePipe()  // [read (ours), write (child fd 4)]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toDriverPipe.read, 3)
        posix_spawn_file_actions_adddup2(&actions, fromDriverPipe.write, 4)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, sig) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            environment.keys.sorted().map { strdup("\($0)=\(environment[$0]!)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        // Keep only our ends, so EOF travels both ways.
        close(toDriverPipe.read)
        close(fromDriverPipe.write)
        guard rc == 0 else {
            close(toDriverPipe.write)
            close(fromDriverPipe.read)
            throw TargetError("cannot start the dataplane driver \(path): \(String(cString: strerror(rc)))")
        }
        pid = child
        toDriver = toDriverPipe.write

        let fromDriver = fromDriverPipe.read
        let drain = Thread {
            // FromDataplane messages (status reports) are read and dropped, as Felix does when
            // endpoint status reporting is off; reading keeps the driver from blocking.
            while let chunk = try? FileDescriptorIO.read(fromDriver), !chunk.isEmpty {}
            close(fromDriver)
        }
        drain.name = "k8sfv-driver-fd4"
        drain.start()

        let childPID = child
        let reaper = Thread { [self] in
            var status: Int32 = 0
            while waitpid(childPID, &status, 0) < 0 && errno == EINTR {}
            self.exitStatus.withLock { $0 = status }
            self.exited.signal()
        }
        reaper.name = "k8sfv-driver-wait"
        reaper.start()
    }

    /// Sends one message with the next sequence number (0, 1, 2, ...).
    public func send(_ message: FelixMessage) throws {
        try sequence.withLock { next in
            let envelope = ToDataplane(sequenceNumber: next, payload: message)
            do {
                try FrameWriter(fileDescriptor: toDriver).write(envelope)
            } catch {
                throw TargetError("writing to the dataplane driver failed: \(error)")
            }
            next += 1
        }
    }

    public var messagesSent: UInt64 { sequence.withLock { $0 } }

    /// The raw wait status once the driver has exited.
    public var status: Int32? { exitStatus.withLock { $0 } }
    public var hasExited: Bool { status != nil }

    /// Closes fd 3 (the driver then drains, flushes its relay and exits), waits up to
    /// `timeout`, then sends SIGTERM, and SIGKILL 4 s later, as Felix does.
    @discardableResult
    public func finish(timeout: Double = 10) -> Int32? {
        close(toDriver)
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(pid, SIGTERM)
            if exited.wait(timeout: .now() + 4) == .timedOut {
                kill(pid, SIGKILL)
                exited.wait()
            }
        }
        exited.signal()  // later callers do not wait again
        return status
    }

    /// A pipe whose ends are close-on-exec and numbered ≥ 10 (so the dup2s to 3 and 4 can
    /// never clobber each other, and no other child inherits them).
    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw TargetError("pipe() failed: \(String(cString: strerror(errno)))")
        }
        let read = fcntl(fds[0], F_DUPFD_CLOEXEC, 10)
        let write = fcntl(fds[1], F_DUPFD_CLOEXEC, 10)
        close(fds[0])
        close(fds[1])
        guard read >= 0, write >= 0 else { throw TargetError("fcntl(F_DUPFD_CLOEXEC) failed") }
        return (read, write)
    }
}
