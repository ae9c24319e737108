// `k8sfv decode` on the recordings of a real Felix v3.25.0 (shared/felix-traces): one line
// per frame, the old forms printed as that release's schema has them (tier strings in
// TierInfo, PolicyID.tier), and every line is what the per-frame renderer gives.

import FelixWire
import Foundation
import Testing
@testable import K8sfvCLI

private let traces = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/felix-traces")
private let tracesPresent = FileManager.default.fileExists(atPath: traces.appendingPathComponent("index.json").path)
private let enabledOrCI = tracesPresent || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

@Suite(.enabled(if: enabledOrCI, "shared/felix-traces is not beside the package root"))
struct DecodeFelixTraceTests {
    @Test(arguments: ["s001", "s005", "s011", "s036"])
    func printsOneLinePerRecordedFrame(_ name: String) throws {
        let file = traces.appendingPathComponent(name).appendingPathComponent("felix.frames")
        var decoder = FrameDecoder()
        decoder.append([UInt8](try Data(contentsOf: file)))
        var frames: [Frame] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }

        let captured = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["decode", file.path], io: captured.io) == 0, "\(captured.stderr)")
        let lines = captured.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == frames.count)
        #expect(lines == (try frames.map { try $0.toDataplaneJSON() }))
        #expect(captured.stderr.isEmpty)
    }

    @Test func printsTheV325FormsAsTheyAre() throws {
        let file = traces.appendingPathComponent("s005").appendingPathComponent("felix.frames")
        let captured = CapturedIO()
        #expect(K8sfvMain.run(arguments: ["decode", file.path], io: captured.io) == 0)
        #expect(captured.stdout.contains(#""id":{"tier":"default","name":"s5-ns-0/knp.default.allow-0"}"#))
        #expect(captured.stdout.contains(#""tiers":[{"name":"default","ingressPolicies":["s5-ns-0/knp.default.allow-0"]"#))
    }
}
