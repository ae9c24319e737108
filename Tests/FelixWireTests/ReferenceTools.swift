// Finds the reference implementation for cross-checks: protoc (to compile the real
// felixbackend.proto) and /usr/bin/python3 with the protobuf module. Missing tools skip the
// cross-check tests locally but fail them in CI (env CI set).

import Foundation

enum ReferenceTools {
    static let installHint = "install the reference tools: apt-get install -y protobuf-compiler python3-protobuf"
    static let python = "/usr/bin/python3"

    static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// shared/proto/felixbackend.proto beside the package root (CI copies shared/ there).
    static var protoFile: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/proto/felixbackend.proto")
    }

    static var protoc: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/protoc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let available: Bool = {
        guard protoc != nil, FileManager.default.fileExists(atPath: protoFile.path),
              FileManager.default.isExecutableFile(atPath: python) else { return false }
        return (try? run(python, ["-c", "import google.protobuf"]))?.status == 0
    }()

    /// Enabled when the tools are there, and always in CI (where their absence must fail).
    static var enabledOrCI: Bool { available || isCI }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a chatty child cannot fill one and stall.
        let errData = LockedData()
        let errReader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { Thread.sleep(forTimeInterval: 0.005) }
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.value, as: UTF8.self))
    }

    /// Compiles felixbackend.proto into a fresh temporary directory; returns that directory.
    static func compileProto() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try run(protoc ?? "protoc", [
            "--proto_path=\(protoFile.deletingLastPathComponent().path)", "--python_out=\(directory.path)", "felixbackend.proto",
        ])
        guard result.status == 0 else { throw ReferenceFailure("protoc failed: \(result.stderr)") }
        return directory
    }
}

struct ReferenceFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var done = false
    func set(_ value: Data) { lock.withLock { data = value; done = true } }
    var isSet: Bool { lock.withLock { done } }
    var value: Data { lock.withLock { data } }
}
