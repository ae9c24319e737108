// Receives a relayed dataplane stream on a Unix socket (the campaign side of the driver).
// Takes: a socket path. Gives: frames, decoded, in arrival order, through `next(timeout:)`.
// Connections are served one at a time, to their end, so a driver that reconnects never has
// its frames reordered. Cost: one thread; memory for frames not yet taken.

import Foundation

/// One frame received by the relay server.
public struct RelayedFrame: Sendable {
    /// Which connection (1, 2, ...) delivered it; `frame.offset` counts within that connection.
    public var connection: Int
    public var frame: Frame
    /// The decoded message, or why the payload is not a valid ToDataplane.
    public var message: Result<ToDataplane, ProtobufDecodingError>
}

public enum RelayEvent: Sendable {
    case frame(RelayedFrame)
    /// A connection's stream was corrupt or cut short; the connection was closed.
    case streamError(connection: Int, ProtobufDecodingError)
    case connectionClosed(connection: Int)
}

public final class RelayServer: @unchecked Sendable {
    // Mutable state is guarded by `condition` (hence @unchecked Sendable).
    private let condition = NSCondition()
    private var events: [RelayEvent] = []
    private var head = 0
    private var stopped = false
    private var currentConnection: Int32 = -1
    private let listener: Int32

    public let socketPath: String

    /// Listens at `socketPath` (replacing a stale socket file) and starts accepting.
    public init(socketPath: String) throws(SystemCallError) {
        self.socketPath = socketPath
        listener = try UnixSocket.listen(path: socketPath)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "k8sfv-relay-server"
        thread.start()
    }

    deinit { stop() }

    /// The next event, waiting up to `timeout` seconds; nil on timeout or once stopped and empty.
    public func next(timeout: Double) -> RelayEvent? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while head == events.count && !stopped {
            if !condition.wait(until: deadline) { break }
        }
        guard head < events.count else { return nil }
        let event = events[head]
        head += 1
        if head > 1024 && head * 2 > events.count {
            events.removeSubrange(0..<head)
            head = 0
        }
        return event
    }

    /// The next `count` frames (skipping other events), or fewer if `timeout` runs out first.
    public func frames(count: Int, timeout: Double) -> [RelayedFrame] {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var result: [RelayedFrame] = []
        while result.count < count {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, let event = next(timeout: remaining) else { break }
            if case .frame(let frame) = event { result.append(frame) }
        }
        return result
    }

    /// Stops listening, ends the current connection and removes the socket file.
    public func stop() {
        condition.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))  // wakes accept(); close() alone does not on Linux
            if currentConnection >= 0 { shutdown(currentConnection, Int32(SHUT_RDWR)) }
            unlink(socketPath)
            condition.broadcast()
        }
    }

    private func post(_ event: RelayEvent) {
        condition.withLock {
            events.append(event)
            condition.broadcast()
        }
    }

    private func acceptLoop() {
        defer { close(listener) }
        var connectionNumber = 0
        while true {
            guard let fd = try? UnixSocket.accept(listener) else { return }
            let keep = condition.withLock { () -> Bool in
                if stopped { return false }
                currentConnection = fd
                return true
            }
            guard keep else {
                close(fd)
                return
            }
            connectionNumber += 1
            serve(fd, connection: connectionNumber)
            condition.withLock { currentConnection = -1 }
            close(fd)
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        var decoder = FrameDecoder()
        while true {
            let chunk = (try? FileDescriptorIO.read(fd)) ?? []
            do {
                if chunk.isEmpty {
                    try decoder.finish()
                    post(.connectionClosed(connection: connection))
                    return
                }
                decoder.append(chunk)
                while let frame = try decoder.nextFrame() {
                    let message: Result<ToDataplane, ProtobufDecodingError>
                    do { message = .success(try frame.decodeToDataplane()) } catch { message = .failure(error) }
                    post(.frame(RelayedFrame(connection: connection, frame: frame, message: message)))
                }
            } catch {
                post(.streamError(connection: connection, error))
                return
            }
        }
    }
}
