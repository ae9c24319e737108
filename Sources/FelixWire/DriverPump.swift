// The dataplane driver's read loop: drain Felix's fd 3 as fast as it writes, record the raw
// bytes, and hand each complete frame to the relay (which never blocks this loop).
// Takes: the input fd, an optional record fd and relay. Gives: a summary at end of stream.
// Cost: one read per 64 KiB, one record write per read, one queue append per frame.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct DriverPumpSummary: Sendable {
    public var frames = 0
    public var bytes = 0
    /// Why the stream stopped being framed (oversized header, or cut short at the end).
    public var streamError: ProtobufDecodingError?
    /// A failed read (the loop ends) or record write (recording stops, draining goes on).
    public var systemErrors: [SystemCallError] = []
}

public struct DriverPump {
    public let inputFD: Int32
    public let recordFD: Int32?
    public let relay: RelayClient?

    public init(inputFD: Int32, recordFD: Int32? = nil, relay: RelayClient? = nil) {
        self.inputFD = inputFD
        self.recordFD = recordFD
        self.relay = relay
    }

    /// Runs until end of stream on `inputFD`. After a framing error it keeps draining (and
    /// recording) so Felix is never blocked, but relays nothing more.
    public func run() -> DriverPumpSummary {
        var summary = DriverPumpSummary()
        var decoder = FrameDecoder()
        var recording = recordFD
        while true {
            let chunk: [UInt8]
            do {
                chunk = try FileDescriptorIO.read(inputFD)
            } catch {
                summary.systemErrors.append(error)
                break
            }
            if chunk.isEmpty { break }
            summary.bytes += chunk.count
            if let fd = recording {
                do { try FileDescriptorIO.writeAll(fd, chunk) } catch {
                    summary.systemErrors.append(error)
                    recording = nil
                }
            }
            guard summary.streamError == nil else { continue }
            decoder.append(chunk)
            do {
                while let frame = try decoder.nextFrame() {
                    summary.frames += 1
                    relay?.send(frame.wireBytes)
                }
            } catch {
                summary.streamError = error
            }
        }
        if summary.streamError == nil {
            do { try decoder.finish() } catch { summary.streamError = error }
        }
        return summary
    }
}
