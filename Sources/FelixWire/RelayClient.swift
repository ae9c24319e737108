// Forwards frames to a Unix socket without ever making the caller wait.
// Takes: whole frames (header + payload) from the driver's read loop. Gives: the same bytes,
// in order, on the socket; a background thread (re)connects and sends. Nothing is dropped:
// frames queue in memory until sent, and a frame whose send failed is sent again, whole, on
// the next connection. (A frame the kernel accepted just before the peer died cannot be
// recovered without acknowledgements; the relay server reads each connection to its end.)
// Cost: one send(2) per frame; memory grows only while the socket is unreachable.
// With a journal (the dataplane driver's mode, StreamJournal), every connection opens with a
// greeting and Felix's state so far instead, so a client that joins late, or a second k8sfv
// command, sees what Felix holds; while unreachable, nothing queues (the journal has it).
// Except the first connection: it gets the greeting and then every frame exactly as Felix sent
// it since its start (up to `firstConnectionHistoryLimit` frames; beyond that, the journal),
// so a client that started Felix itself sees its flushes as they were, not a rebuilt state.

import Calico
import Foundation

public final class RelayClient: @unchecked Sendable {
    // All mutable state is guarded by `condition` (this is why the class is @unchecked Sendable).
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var head = 0
    private var closing = false
    private var abandoned = false
    private var finished = false
    private var sentFrames = 0
    private var connections = 0
    private var lastError: String?
    private var activeSocket: Int32 = -1
    private var journal: StreamJournal?
    /// Joinable mode: every frame since the start, kept until the first connection.
    private var history: [[UInt8]]? = []
    public static let firstConnectionHistoryLimit = 10_000

    public let socketPath: String
    public let retryInterval: Double

    /// `journal`: make the stream joinable (see StreamJournal); nil relays frames as they come.
    public init(socketPath: String, retryInterval: Double = 0.1, journal: StreamJournal? = nil) {
        self.socketPath = socketPath
        self.retryInterval = retryInterval
        self.journal = journal
        let thread = Thread { [self] in run() }
        thread.name = "k8sfv-relay-client"
        thread.start()
    }

    /// Queues a frame (header + payload, as on the wire). Never blocks on the socket.
    public func send(_ frameBytes: [UInt8]) {
        condition.withLock {
            if journal != nil {
                journal!.record(Array(frameBytes.dropFirst(FrameFormat.headerSize)))
                if activeSocket < 0, history != nil {
                    history!.append(frameBytes)
                    if history!.count > Self.firstConnectionHistoryLimit { history = nil }
                }
                // Not connected: the journal will give the next connection everything; one
                // queued frame is enough to make the sender connect.
                if activeSocket < 0 {
                    queue.removeAll(keepingCapacity: true)
                    head = 0
                }
            }
            queue.append(frameBytes)
            condition.broadcast()
        }
    }

    /// Frames sent so far, frames still queued, connections made, and the last send/connect error.
    /// The journal's state (joinable mode), for tests and the driver's summary.
    public var journalState: DataplaneState? { condition.withLock { journal?.state } }

    public var status: (sent: Int, pending: Int, connections: Int, lastError: String?) {
        condition.withLock { (sentFrames, queue.count - head, connections, lastError) }
    }

    /// Waits until every queued frame is sent or `timeout` seconds pass, then stops the
    /// sender thread. Returns the number of frames that were not sent.
    @discardableResult
    public func finish(timeout: Double) -> Int {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        closing = true
        condition.broadcast()
        while !finished && Date() < deadline { _ = condition.wait(until: deadline) }
        abandoned = true
        if activeSocket >= 0 { shutdown(activeSocket, Int32(SHUT_RDWR)) }  // unblocks a stuck send
        condition.broadcast()
        while !finished { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05)) }
        let unsent = queue.count - head
        condition.unlock()
        return unsent
    }

    private func run() {
        var fd: Int32 = -1
        defer {
            condition.withLock {
                activeSocket = -1
                if fd >= 0 { close(fd) }
                finished = true
                condition.broadcast()
            }
        }
        while true {
            condition.lock()
            var idle = false
            while head == queue.count && !closing && !abandoned {
                if journal == nil {
                    condition.wait()
                } else if !condition.wait(until: Date(timeIntervalSinceNow: retryInterval)) {
                    idle = true  // nothing to send: look after the connection instead
                    break
                }
            }
            if abandoned || (closing && head == queue.count) {
                condition.unlock()
                return
            }
            let frame: [UInt8]? = idle ? nil : queue[head]
            condition.unlock()

            // Joinable mode, nothing to send: notice a client that went away, and give the next
            // one (a later k8sfv command) Felix's state as soon as it listens, without waiting
            // for Felix's next frame.
            if idle {
                if fd >= 0 && !UnixSocket.peerClosed(fd) { continue }
                if fd >= 0 {
                    condition.withLock { activeSocket = -1 }
                    close(fd)
                    fd = -1
                }
            }

            if fd < 0 {
                do {
                    fd = try UnixSocket.connect(path: socketPath)
                    let joining = condition.withLock { () -> Bool in
                        connections += 1
                        activeSocket = fd
                        guard let journal else { return false }
                        if let history {
                            // The first connection: the frames themselves, from Felix's first.
                            queue = [FrameFormat.frame(StreamJournal.greeting(epoch: journal.epoch, sequence: 0))] + history
                        } else {
                            queue = journal.joiningFrames()
                        }
                        history = nil
                        head = 0
                        return true
                    }
                    if joining { continue }  // send the greeting and state first
                } catch {
                    condition.withLock {
                        lastError = error.description
                        if !idle { _ = condition.wait(until: Date(timeIntervalSinceNow: retryInterval)) }  // woken early by finish()
                    }
                    continue
                }
            }
            guard let frame else { continue }
            do {
                try FileDescriptorIO.sendAll(fd, frame)
                condition.withLock {
                    queue[head] = []
                    head += 1
                    sentFrames += 1
                    if head > 1024 && head * 2 > queue.count {
                        queue.removeSubrange(0..<head)
                        head = 0
                    }
                    condition.broadcast()
                }
            } catch {
                condition.withLock {
                    lastError = error.description
                    activeSocket = -1
                    if journal != nil {  // the next connection gets the journal instead
                        queue.removeAll(keepingCapacity: true)
                        head = 0
                        queue.append(frame)
                    }
                }
                close(fd)
                fd = -1
            }
        }
    }
}
