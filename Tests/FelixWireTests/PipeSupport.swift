// Test helpers: pipes, temporary paths, and a writer thread (so a test can fill a pipe
// while reading the other end without deadlocking on the 64 KiB pipe buffer).

import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum PipeSupport {
    /// (read end, write end), both close-on-exec.
    static func makePipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        let result = fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) }
        precondition(result == 0, "pipe failed")
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Writes `chunks` on a background thread, then closes `fd`; `done` is signalled at the end.
    static func writeInBackground(_ fd: Int32, _ chunks: [[UInt8]]) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for chunk in chunks { try? FileDescriptorIOForTests.writeAll(fd, chunk) }
            close(fd)
            done.signal()
        }
        thread.start()
        return done
    }

    /// A short socket path (sockaddr_un holds 107 bytes), unique per call.
    static func socketPath() -> String {
        "/tmp/k8sfv-test-\(getpid())-\(UUID().uuidString.prefix(8)).sock"
    }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-test-\(UUID().uuidString)")
    }
}

import FelixWire
enum FileDescriptorIOForTests {
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws { try FileDescriptorIO.writeAll(fd, bytes) }
}
