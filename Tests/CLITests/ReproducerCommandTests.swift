import Foundation
import Testing
@testable import K8sfvCLI

/// replay, shrink and export, run as a user would, on the corpus in seeds/.
@Suite struct ReproducerCommandTests {
    static var seeds: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
    }
    /// One committed reproducer, named: never "the first file in seeds/", which a campaign
    /// run with `--out seeds` (or its state file) could change.
    static var sample: String {
        seeds.appendingPathComponent("0ccc8c3142da.json").path
    }
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-cli-\(getpid())-\(name)")
    }
    static func run(_ arguments: [String]) -> (Int32, String, String) {
        let captured = CapturedIO()
        let code = K8sfvMain.run(arguments: arguments, io: captured.io)
        return (code, captured.stdout, captured.stderr)
    }

    @Test func replayFailsTheSameWayTwiceWithTheSameBytes() {
        let first = Self.run(["replay", Self.sample])
        let second = Self.run(["replay", Self.sample])
        #expect(first.0 == 1)
        #expect(first.1.contains("verdict: fail"))
        #expect(first.1 == second.1, "replay output must be byte-for-byte repeatable")
    }

    @Test func replayWithExpectChecksTheRecordedVerdict() {
        let (code, out, _) = Self.run(["replay", Self.sample, "--expect"])
        #expect(code == 0)
        #expect(out.contains("as expected (fail)"))
        let (cleanCode, cleanOut, _) = Self.run(["replay", Self.sample, "--no-inject"])
        #expect(cleanCode == 0, "without its injected bug the model passes")
        #expect(cleanOut.contains("verdict: pass"))
    }

    @Test func badFilesExitTwoWithAReason() throws {
        let dir = Self.temporary("bad")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        let truncated = dir.appendingPathComponent("truncated.json")
        try good.prefix(good.count / 3).write(to: truncated)
        let future = dir.appendingPathComponent("future.json")
        try Data(String(decoding: good, as: UTF8.self)
            .replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 7").utf8).write(to: future)
        let garbage = dir.appendingPathComponent("garbage.json")
        try Data("not json at all".utf8).write(to: garbage)
        for (file, phrase) in [(truncated, "not valid JSON"), (future, "newer than this k8sfv"), (garbage, "not valid JSON")] {
            for command in ["replay", "shrink", "export"] {
                var arguments = [command, file.path]
                if command == "export" { arguments.append("--kubectl") }
                let (code, _, err) = Self.run(arguments)
                #expect(code == 2, "\(command) \(file.lastPathComponent)")
                #expect(err.contains(phrase), "\(command) \(file.lastPathComponent): \(err)")
            }
        }
        let (missingCode, _, missingErr) = Self.run(["replay", dir.appendingPathComponent("nope.json").path])
        #expect(missingCode == 2)
        #expect(missingErr.contains("no such file"))
    }

    @Test func exportWritesAValidKubectlScript() throws {
        let script = Self.temporary("export.sh")
        defer { try? FileManager.default.removeItem(at: script) }
        let (code, _, _) = Self.run(["export", Self.sample, "--kubectl", "--out", script.path])
        #expect(code == 0)
        let text = try String(contentsOf: script, encoding: .utf8)
        #expect(text.hasPrefix("#!/usr/bin/env bash"))
        #expect(text.contains("write_manifest create <<'K8SFV_EOF'"))
        #expect(text.contains("k8sfv.projectcalico.org/run"))
        // bash -n parses the script without running it.
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-n", script.path]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
    }

    @Test func shrinkingAMinimalReproducerSaysSo() throws {
        let out = Self.temporary("shrink")
        defer { try? FileManager.default.removeItem(at: out) }
        let (code, stdout, _) = Self.run(["shrink", Self.sample, "--out", out.path, "--time", "20s", "--evals", "400"])
        #expect(code == 0)
        #expect(stdout.contains("already minimal") || stdout.contains("saved"))
    }
}
