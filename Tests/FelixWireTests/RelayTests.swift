import Calico
import Foundation
import Testing
@testable import FelixWire

@Suite struct RelayTests {
    @Test func clientDeliversEveryFrameInOrderToTheServer() throws {
        let path = PipeSupport.socketPath()
        let server = try RelayServer(socketPath: path)
        defer { server.stop() }
        let client = RelayClient(socketPath: path)
        let messages = SampleMessages.messages(count: 500, seed: 3)
        for message in messages { client.send(FrameFormat.frame(message.serializedBytes())) }
        #expect(client.finish(timeout: 10) == 0)
        let received = server.frames(count: messages.count, timeout: 10)
        #expect(received.count == messages.count)
        #expect(received.compactMap { try? $0.message.get() } == messages)
    }

    @Test func clientBuffersUntilTheServerAppears() throws {
        let path = PipeSupport.socketPath()
        let client = RelayClient(socketPath: path, retryInterval: 0.02)
        let messages = SampleMessages.messages(count: 50, seed: 8)
        for message in messages { client.send(FrameFormat.frame(message.serializedBytes())) }
        Thread.sleep(forTimeInterval: 0.1)  // several failed connection attempts
        #expect(client.status.sent == 0)
        let server = try RelayServer(socketPath: path)
        defer { server.stop() }
        #expect(client.finish(timeout: 10) == 0)
        let received = server.frames(count: messages.count, timeout: 10)
        #expect(received.compactMap { try? $0.message.get() } == messages)
    }

    @Test func clientReconnectsAfterTheServerRestarts() throws {
        let path = PipeSupport.socketPath()
        let first = try RelayServer(socketPath: path)
        let client = RelayClient(socketPath: path, retryInterval: 0.02)
        let messages = SampleMessages.messages(count: 40, seed: 9)
        for message in messages.prefix(20) { client.send(FrameFormat.frame(message.serializedBytes())) }
        let early = first.frames(count: 20, timeout: 10)
        #expect(early.count == 20)
        first.stop()
        let second = try RelayServer(socketPath: path)
        defer { second.stop() }
        for message in messages.suffix(20) { client.send(FrameFormat.frame(message.serializedBytes())) }
        #expect(client.finish(timeout: 10) == 0)
        let late = second.frames(count: 20, timeout: 10)
        // The first send on the dead connection may be accepted by the kernel and lost (no
        // acknowledgements); everything after the reconnection must arrive in order.
        let lateMessages = late.compactMap { try? $0.message.get() }
        #expect(lateMessages.count >= 19)
        #expect(Array(messages.suffix(lateMessages.count)) == lateMessages)
    }

    @Test func unreachableSocketGivesUpAfterTheDrainTimeout() {
        let client = RelayClient(socketPath: PipeSupport.socketPath(), retryInterval: 0.01)
        client.send(FrameFormat.frame([0x0A, 0x00]))
        let start = Date()
        #expect(client.finish(timeout: 0.2) == 1)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(client.status.lastError != nil)
    }

    @Test func serverReportsACorruptStream() throws {
        let path = PipeSupport.socketPath()
        let server = try RelayServer(socketPath: path)
        defer { server.stop() }
        let fd = try UnixSocket.connect(path: path)
        try FileDescriptorIO.sendAll(fd, FrameFormat.frame([0x0A, 0x00]) + [3, 0, 0, 0, 0, 0, 0, 0, 0x0A])
        close(fd)
        guard case .frame(let frame)? = server.next(timeout: 5) else { Issue.record("no frame"); return }
        #expect(try frame.message.get() == ToDataplane(sequenceNumber: 0, payload: .inSync))
        guard case .streamError(_, let error)? = server.next(timeout: 5) else { Issue.record("no stream error"); return }
        #expect(error.offset == 10)
    }

    /// The driver's loop end to end: frames written to a pipe (as Felix does on fd 3) arrive at
    /// the relay server byte-exact, and the record file equals the input stream.
    @Test func driverPumpRelaysAndRecordsByteExact() throws {
        let path = PipeSupport.socketPath()
        let server = try RelayServer(socketPath: path)
        defer { server.stop() }
        let record = PipeSupport.temporaryFile()
        defer { try? FileManager.default.removeItem(at: record) }
        let recordFD = open(record.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(recordFD >= 0)
        defer { close(recordFD) }
        let messages = SampleMessages.messages(count: 400, seed: 21)
        let frames = messages.map { FrameFormat.frame($0.serializedBytes()) }
        let input = frames.flatMap { $0 }
        // Write in odd-sized chunks so frames straddle reads.
        let chunks = stride(from: 0, to: input.count, by: 777).map { Array(input[$0..<min(input.count, $0 + 777)]) }
        let (readFD, writeFD) = PipeSupport.makePipe()
        defer { close(readFD) }
        let relay = RelayClient(socketPath: path)
        let done = PipeSupport.writeInBackground(writeFD, chunks)
        let summary = DriverPump(inputFD: readFD, recordFD: recordFD, relay: relay).run()
        done.wait()
        #expect(relay.finish(timeout: 10) == 0)
        #expect(summary.frames == messages.count)
        #expect(summary.bytes == input.count)
        #expect(summary.streamError == nil)
        let received = server.frames(count: frames.count, timeout: 10)
        #expect(received.map(\.frame.wireBytes) == frames)
        #expect([UInt8](try Data(contentsOf: record)) == input)
    }
}
