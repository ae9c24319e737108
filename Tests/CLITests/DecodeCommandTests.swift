// `k8sfv decode` and `k8sfv dataplane-driver`, run in-process and (for the driver) as the
// built executable with a pipe on fd 3, the way Felix starts it.

import Calico
import FelixWire
import Foundation
import Testing
@testable import K8sfvCLI
#if canImport(Glibc)
import Glibc
#endif

@Suite struct DecodeCommandTests {
    static let messages: [ToDataplane] = [
        ToDataplane(sequenceNumber: 0, payload: .unmodelled(field: 13)),
        ToDataplane(sequenceNumber: 1, payload: .ipSetUpdate(IPSetUpdate(id: "s:abc", members: ["10.0.0.1/32"], type: .net))),
        ToDataplane(sequenceNumber: 2, payload: .activeProfileUpdate(id: ProfileID(name: "kns.prod"), profile: Profile(inboundRules: [Rule(action: "allow")]))),
        ToDataplane(sequenceNumber: 3, payload: .inSync),
    ]
    static var stream: [UInt8] { messages.flatMap { FrameFormat.frame($0.serializedBytes()) } }

    static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-decode-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func printsOneCanonicalJSONLinePerFrame() throws {
        let file = try Self.temporaryFile(Self.stream)
        defer { try? FileManager.default.removeItem(at: file) }
        let captured = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["decode", file.path], io: captured.io) == 0)
        let lines = captured.stdout.split(separator: "\n").map(String.init)
        #expect(lines == Self.messages.map(\.canonicalJSON))
        #expect(lines[0] == #"{"configUpdate":{}}"#)
        #expect(lines[1] == #"{"sequenceNumber":"1","ipsetUpdate":{"id":"s:abc","members":["10.0.0.1/32"],"type":"NET"}}"#)
    }

    @Test func truncatedStreamPrintsWhatItCanThenTheOffset() throws {
        let stream = Self.stream
        let cut = stream.count - 2  // inside the last frame
        let file = try Self.temporaryFile(Array(stream[0..<cut]))
        defer { try? FileManager.default.removeItem(at: file) }
        let captured = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["decode", file.path], io: captured.io) == 2)
        #expect(captured.stdout.split(separator: "\n").count == 3)
        let lastFrameOffset = stream.count - FrameFormat.frame(Self.messages[3].serializedBytes()).count
        #expect(captured.stderr.contains("at byte offset \(lastFrameOffset): stream ends inside a frame"))
    }

    @Test func corruptPayloadNamesTheOffsetInTheStream() throws {
        let good = FrameFormat.frame(Self.messages[1].serializedBytes())
        let bad = FrameFormat.frame([0x12, 0x02, 0x18, 0x80])  // ipset_update { type = <cut varint> }
        let file = try Self.temporaryFile(good + bad)
        defer { try? FileManager.default.removeItem(at: file) }
        let captured = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["decode", file.path], io: captured.io) == 2)
        #expect(captured.stdout.split(separator: "\n").count == 1)
        #expect(captured.stderr.contains("at byte offset \(good.count + 8 + 3): varint runs past the end"))
    }

    @Test func missingFileAndExtraArgumentsExitTwo() {
        let captured = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["decode", "/nonexistent/k8sfv.frames"], io: captured.io) == 2)
        #expect(captured.stderr.contains("/nonexistent/k8sfv.frames: no such file"))
        #expect(K8sfvMain.run(arguments: ["decode", "a", "b"], io: CapturedIO().io) == 2)
        #expect(K8sfvMain.run(arguments: ["dataplane-driver", "--input-fd", "9999"], io: CapturedIO().io) == 2)
    }

    @Test func driverInProcessRelaysAndRecords() throws {
        let socketPath = "/tmp/k8sfv-cli-\(getpid())-\(UUID().uuidString.prefix(8)).sock"
        let server = try RelayServer(socketPath: socketPath)
        defer { server.stop() }
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: record) }
        var fds: [Int32] = [0, 0]
        try #require(fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) } == 0)
        let input = Self.stream
        try FileDescriptorIO.writeAll(fds[1], input)  // small: fits in the pipe buffer
        close(fds[1])
        let captured = CapturedIO()
        let status = K8sfvMain.run(arguments: [
            "dataplane-driver", "--input-fd", String(fds[0]), "--output-fd", String(fds[0]),
            "--relay-socket", socketPath, "--record", record.path,
        ], io: captured.io)
        close(fds[0])
        #expect(status == 0, "\(captured.stderr)")
        // The record is the exact input; the relay's first connection gets a greeting and then
        // every frame as Felix sent it (StreamJournal, RelayClient), whether it connected before
        // or after they came: the same state as the input, in 1 + 4 frames.
        #expect([UInt8](try Data(contentsOf: record)) == input)
        let received = server.frames(count: 1, timeout: 10) + server.frames(count: 100, timeout: 0.5)
        #expect(Self.relayedStateMatches(received, input: Self.messages.map { FrameFormat.frame($0.serializedBytes()) }))
        #expect(captured.stderr.contains("relayed 5"))
    }

    /// The built executable, as Felix runs it: no arguments, the stream on fd 3, fd 4 open,
    /// the relay socket from K8SFV_RELAY_SOCKET.
    @Test func builtDriverReadsFD3AndExitsZeroAtEOF() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("k8sfv").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            // `swift build --build-tests` builds it; a bare test-only build may not have.
            print("skipping: \(executable) not built")
            return
        }
        let socketPath = "/tmp/k8sfv-cli-\(getpid())-\(UUID().uuidString.prefix(8)).sock"
        let server = try RelayServer(socketPath: socketPath)
        defer { server.stop() }
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: record) }
        let child = try SpawnedDriver(executable: executable, arguments: ["dataplane-driver", "--record", record.path],
                                      environment: ["K8SFV_RELAY_SOCKET=\(socketPath)"])
        var frames: [[UInt8]] = []
        for index in 0..<200 {
            frames.append(FrameFormat.frame(ToDataplane(sequenceNumber: UInt64(index),
                payload: .ipSetUpdate(IPSetUpdate(id: "s:\(index)", members: (0..<index % 40).map { "10.0.\($0).1/32" }, type: .net))).serializedBytes()))
        }
        for frame in frames { try FileDescriptorIO.writeAll(child.toDriver, frame) }
        close(child.toDriver)
        let status = child.wait()
        #expect(status == 0)
        #expect([UInt8](try Data(contentsOf: record)) == frames.flatMap { $0 })
        let received = server.frames(count: 1, timeout: 10) + server.frames(count: frames.count + 400, timeout: 0.5)
        #expect(Self.relayedStateMatches(received, input: frames))
    }

    /// The relayed frames start with the driver's greeting and, folded, give the state the
    /// input frames give; their sequence numbers never go back.
    static func relayedStateMatches(_ received: [RelayedFrame], input: [[UInt8]]) -> Bool {
        guard let first = received.first, StreamJournal.greetingEpoch(first.frame.payload) != nil else { return false }
        var expected = StreamJournal()
        for frame in input { expected.record(Array(frame.dropFirst(FrameFormat.headerSize))) }
        var relayed = StreamJournal()
        var last: UInt64?
        for frame in received.dropFirst() {
            guard let message = try? frame.message.get() else { return false }
            if let last, message.sequenceNumber != last + 1 { return false }
            last = message.sequenceNumber
            relayed.record(frame.frame.payload)
        }
        return relayed.state == expected.state && last == expected.lastSequence
    }
}

/// posix_spawn with our pipe on fd 3 and another on fd 4 (Foundation's Process closes fds ≥ 3
/// in the child; shared/spec/swift-linux.md §3).
struct SpawnedDriver {
    let pid: pid_t
    let toDriver: Int32
    let fromDriver: Int32

    init(executable: String, arguments: [String], environment extra: [String]) throws {
        var toPipe: [Int32] = [0, 0], fromPipe: [Int32] = [0, 0]
        guard toPipe.withUnsafeMutableBufferPointer({ pipe($0.baseAddress!) }) == 0,
              fromPipe.withUnsafeMutableBufferPointer({ pipe($0.baseAddress!) }) == 0 else {
            throw SystemCallError("pipe")
        }
        // Move every end to fd >= 10, close-on-exec, so the dup2s below cannot clobber each other.
        func high(_ fd: Int32) -> Int32 {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            close(fd)
            return moved
        }
        let childRead = high(toPipe[0]), parentWrite = high(toPipe[1])
        let parentRead = high(fromPipe[0]), childWrite = high(fromPipe[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childRead, 3)
        posix_spawn_file_actions_adddup2(&actions, childWrite, 4)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)  // quiet progress lines
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let env = (ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" } + extra).map { strdup($0) } + [nil]
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, env)
        close(childRead)
        close(childWrite)
        guard result == 0 else { throw SystemCallError("posix_spawn", code: result) }
        self.pid = pid
        toDriver = parentWrite
        fromDriver = parentRead
    }

    /// Waits for the child; returns its exit status (or 128 + signal).
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        close(fromDriver)
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }
}
