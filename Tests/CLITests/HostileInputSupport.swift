import Campaign
import Driver
import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import K8sfvCLI

/// Shared by the first-contact and hostile-input tests: run k8sfv in-process, make scratch
/// directories, and build valid files to break.
enum HostileInput {
    static func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let captured = CapturedIO()
        let code = K8sfvMain.run(arguments: arguments, io: captured.io)
        return (code, captured.stdout, captured.stderr)
    }

    /// A fresh empty directory, removed by the caller.
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("k8sfv-hostile-\(getpid())-\(name)-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every path under `directory`, sorted: compared before and after a refused command.
    static func listing(_ directory: URL) -> [String] {
        var paths: [String] = []
        func walk(_ path: String, _ prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names {
                paths.append(prefix + name)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue {
                    walk(path + "/" + name, prefix + name + "/")
                }
            }
        }
        walk(directory.path, "")
        return paths.sorted()
    }

    /// Replaces a file's bytes with plain system calls (cheaper than Data.write over
    /// thousands of generated inputs).
    static func overwrite(_ url: URL, with data: Data) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw CocoaError(.fileWriteUnknown) }
    }

    static var seeds: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
    }

    /// A committed reproducer (memberNotRefCounted, seed 1, index 25), as bytes.
    static func sampleReproducer() throws -> Data {
        try Data(contentsOf: seeds.appendingPathComponent("0ccc8c3142da.json"))
    }

    /// A valid state for a finished two-worker campaign writing into `directory`.
    static func state(in directory: URL, elapsed: Double = 30) -> CampaignState {
        CampaignState(
            seed: "7", scale: "small", target: "model", injections: [], shard: 0, shards: 1, workers: 2,
            outputDirectory: directory.path, sequenceLimit: nil, timeLimit: 60, elapsed: elapsed,
            nextIndices: [10, 11], signatures: [], failures: [], statistics: CampaignStatistics(), finished: true)
    }

    /// The JSON object of `data`, edited by `edit`, written to `url`.
    static func write(_ data: Data, to url: URL, editing edit: (inout [String: Any]) -> Void) throws {
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        edit(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
    }
}
