import Calico
import Foundation
import Testing
@testable import FelixWire

@Suite struct FramingTests {
    static func stream(_ messages: [ToDataplane]) -> [UInt8] {
        messages.flatMap { FrameFormat.frame($0.serializedBytes()) }
    }

    @Test func headerIsEightByteLittleEndianLength() {
        #expect(FrameFormat.header(length: 0x0102) == [0x02, 0x01, 0, 0, 0, 0, 0, 0])
        #expect(FrameFormat.frame([0xAA]) == [1, 0, 0, 0, 0, 0, 0, 0, 0xAA])
    }

    @Test(arguments: [1, 3, 7, 8, 9, 64, 100_000])
    func framesSurviveAnyChunking(chunkSize: Int) throws {
        let messages = SampleMessages.messages(count: 120, seed: UInt64(chunkSize))
        let bytes = Self.stream(messages)
        var decoder = FrameDecoder()
        var frames: [Frame] = []
        var index = 0
        while index < bytes.count {
            decoder.append(Array(bytes[index..<min(bytes.count, index + chunkSize)]))
            index += chunkSize
            while let frame = try decoder.nextFrame() { frames.append(frame) }
        }
        try decoder.finish()
        #expect(try frames.map { try $0.decodeToDataplane() } == messages)
        // Offsets point at each header: the bytes there are the frame again.
        for frame in frames {
            #expect(Array(bytes[frame.offset..<(frame.offset + frame.wireBytes.count)]) == frame.wireBytes)
        }
    }

    @Test func truncationAtEveryPositionIsReportedAtTheFrameStart() throws {
        let messages = SampleMessages.messages(count: 3, seed: 5)
        let bytes = Self.stream(messages)
        let starts = [0, 8 + messages[0].serializedBytes().count]
        for cut in 1..<bytes.count {
            var decoder = FrameDecoder()
            decoder.append(Array(bytes[0..<cut]))
            var complete = 0
            while try decoder.nextFrame() != nil { complete += 1 }
            let expectedStart = complete == 0 ? 0 : complete == 1 ? starts[1] : starts[1] + 8 + messages[1].serializedBytes().count
            do {
                try decoder.finish()
                #expect(cut == expectedStart, "cut at \(cut) between frames must not be an error")
            } catch {
                #expect(error.offset == expectedStart, "cut at \(cut)")
                #expect(error.message.hasPrefix("stream ends inside a frame"))
            }
        }
    }

    @Test func absurdLengthIsCorruptionAtItsHeader() throws {
        var decoder = FrameDecoder(maximumLength: 1 << 20)
        decoder.append(FrameFormat.frame(ToDataplane(sequenceNumber: 1, payload: .inSync).serializedBytes()))
        decoder.append([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])
        #expect(try decoder.nextFrame() != nil)
        #expect(throws: ProtobufDecodingError.self) { try decoder.nextFrame() }
        do { _ = try decoder.nextFrame() } catch { #expect(error.offset == 12) }
    }

    @Test func corruptPayloadOffsetIsCountedFromTheStreamStart() throws {
        let good = FrameFormat.frame(ToDataplane(sequenceNumber: 1, payload: .inSync).serializedBytes())
        let bad = FrameFormat.frame([0x12, 0x05, 0x0A])  // ipset_update whose length runs past the end
        var decoder = FrameDecoder()
        decoder.append(good + bad)
        _ = try decoder.nextFrame()
        let frame = try #require(try decoder.nextFrame())
        #expect(throws: ProtobufDecodingError(offset: good.count + 8 + 1, "length 5 runs past the end of its message (1 bytes left)")) {
            try frame.decodeToDataplane()
        }
    }

    @Test func frameReaderReadsAPipeWrittenConcurrently() throws {
        let messages = SampleMessages.messages(count: 300, seed: 11)
        let (readFD, writeFD) = PipeSupport.makePipe()
        defer { close(readFD) }
        let done = PipeSupport.writeInBackground(writeFD, messages.map { FrameFormat.frame($0.serializedBytes()) })
        var reader = FrameReader(fileDescriptor: readFD)
        var decoded: [ToDataplane] = []
        while let frame = try reader.next() { decoded.append(try frame.decodeToDataplane()) }
        done.wait()
        #expect(decoded == messages)
    }

    @Test func frameWriterOutputIsReadBack() throws {
        let (readFD, writeFD) = PipeSupport.makePipe()
        defer { close(readFD) }
        let message = ToDataplane(sequenceNumber: 9, payload: .ipSetRemove(id: "s:x"))
        try FrameWriter(fileDescriptor: writeFD).write(message)
        close(writeFD)
        var reader = FrameReader(fileDescriptor: readFD)
        #expect(try reader.next()?.decodeToDataplane() == message)
        #expect(try reader.next() == nil)
    }
}
