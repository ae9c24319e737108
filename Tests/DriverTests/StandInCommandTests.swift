// `k8sfv stand-in` as a user runs it: it prints its URL, serves the API (a namespace can be
// created and read back, a deleted one is Terminating first), stops cleanly on SIGTERM, and
// refuses a bad fault plan with exit 2.

import Foundation
import KubeClient
import Testing

@Suite("k8sfv stand-in", .serialized, .enabled(if: LivePathSupport.k8sfv != nil, LivePathSupport.skipReason))
struct StandInCommandTests {
    @Test func servesTheAPIAndStopsOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LivePathSupport.k8sfv ?? "")
        process.arguments = ["stand-in", "--namespace-deletion", "300ms"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The first line is the URL.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let url = try #require(URL(string: text), "no URL on the first line: \(text)")
        #expect(text.hasPrefix("http://127.0.0.1:"))
        let client = try KubeClient(loopback: url)
        _ = try await client.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "try-me"]])
        let read = try await client.get(.namespaces, name: "try-me")
        #expect(read["status"]?["phase"] == "Active")
        let deleted = try await client.delete(.namespaces, name: "try-me")
        #expect(deleted["status"]?["phase"] == "Terminating")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func aBadFaultPlanExitsTwo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LivePathSupport.k8sfv ?? "")
        process.arguments = ["stand-in", "--faults", "conflict=0.1,gremlins=1"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(message.contains("unknown fault 'gremlins'"))
    }
}
