// An exported script is safe to run for any reproducer file a stranger attached to a bug
// report (issue 12 item 8), and it checks kubectl's version first (issue 11 item 6). The
// script runs under bash with kubectl replaced by a stub that records its arguments and
// input; hostile text in the failure record and in an annotation must arrive as data, and
// nothing injected may run.

import Calico
import Foundation
import Gen
@testable import Live
import Testing
@testable import Driver

@Suite("kubectl export: hostile values never run", .serialized)
struct KubectlExportSafetyTests {
    static let seed = SeedCorpusTests.seedsDirectory.appendingPathComponent("b49affec2ba3.json")

    /// A scratch directory with a stub `kubectl` that logs every call (and its stdin).
    static func sandbox(minor: String = "28") throws -> URL {
        let dir = LivePathSupport.temporaryDirectory("export-safety")
        let stub = dir.appendingPathComponent("kubectl")
        try """
            #!/bin/sh
            if [ "$1" = version ]; then printf '{"clientVersion":{"major":"1","minor":"\(minor)"}}\\n'; exit 0; fi
            printf 'ARGS:' >> "$K8SFV_STUB_LOG"; for a in "$@"; do printf ' [%s]' "$a" >> "$K8SFV_STUB_LOG"; done
            printf '\\n' >> "$K8SFV_STUB_LOG"
            if [ "$1" = create ] || [ "$1" = replace ]; then cat >> "$K8SFV_STUB_LOG"; fi
            exit 0
            """.write(to: stub, atomically: true, encoding: .utf8)
        chmod(stub.path, 0o755)
        return dir
    }

    static func runScript(_ script: String, in dir: URL) throws -> (Int32, String) {
        let path = dir.appendingPathComponent("repro.sh")
        try script.write(to: path, atomically: true, encoding: .utf8)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = [path.path]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = dir.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["K8SFV_STUB_LOG"] = dir.appendingPathComponent("log").path
        environment["STEP_DELAY"] = "0"
        bash.environment = environment
        bash.standardInput = FileHandle.nullDevice
        bash.standardOutput = FileHandle.nullDevice
        bash.standardError = FileHandle.nullDevice
        try bash.run()
        bash.waitUntilExit()
        let log = (try? String(contentsOf: dir.appendingPathComponent("log"), encoding: .utf8)) ?? ""
        return (bash.terminationStatus, log)
    }

    @Test("newlines, quotes, $( ), backquotes and a heredoc terminator in values run nothing")
    func hostileValuesStayData() throws {
        let dir = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let marker = dir.appendingPathComponent("INJECTED").path
        let hostile = [
            "x\ntouch \(marker)\n", "$(touch \(marker))", "`touch \(marker)`", "'; touch \(marker); '",
            "\nK8SFV_EOF\ntouch \(marker)\n", "\r\u{1b}[2J\u{0}",
        ].joined(separator: " ")
        var reproducer = try Reproducer.load(from: Self.seed)
        reproducer.failure?.stepKind = hostile
        reproducer.failure?.kind = hostile
        reproducer.failure?.details = [hostile]
        reproducer.injectedBugs = [hostile]
        // A pod annotation may hold any text on a real server: it must reach kubectl intact.
        reproducer.scenario.initial = reproducer.scenario.initial.map { object in
            guard case .pod(var pod) = object else { return object }
            pod.metadata.annotations = ["note": hostile]
            return .pod(pod)
        }
        reproducer.id = Reproducer.id(of: reproducer.scenario)
        let script = try KubectlExport.script(for: reproducer)
        let (code, log) = try Self.runScript(script, in: dir)
        #expect(code == 0)
        #expect(!FileManager.default.fileExists(atPath: marker), "an injected command ran")
        #expect(log.contains("ARGS: [create] [-f] [-]"))
        let encoded = try KubeJSON.encodeString(["note": hostile])
        let annotationJSON = String(encoded.dropFirst(1).dropLast(1))
        #expect(log.contains(annotationJSON.replacingOccurrences(of: ":", with: " : ")) || log.contains(annotationJSON),
                "the annotation did not reach kubectl as written")
        // The terminating pod of this seed is deleted gracefully, and namespaces are prefixed.
        #expect(log.contains("[delete] [pod] [pod-0] [-n] [k8sfv-\(reproducer.id)-0-ns-0] [--grace-period=3600] [--wait=false]"))
        for line in script.split(separator: "\n") where line.hasPrefix("#") {
            #expect(!line.contains("\u{1b}") && !line.contains("\r"))
        }
    }

    @Test("an id that is not the scenario's hash (e.g. with a newline) is refused")
    func hostileIDRefused() throws {
        var reproducer = try Reproducer.load(from: Self.seed)
        reproducer.id = reproducer.id + "\ntouch /tmp/k8sfv-injected"
        #expect(throws: KubectlExport.RefusedError.self) { try KubectlExport.script(for: reproducer) }
    }

    @Test("an object a real server would refuse is not exported")
    func invalidObjectRefused() throws {
        var reproducer = try Reproducer.load(from: Self.seed)
        reproducer.scenario.initial = reproducer.scenario.initial.map { object in
            guard case .pod(var pod) = object else { return object }
            pod.metadata.labels = ["app": "$(reboot)"]
            return .pod(pod)
        }
        reproducer.id = Reproducer.id(of: reproducer.scenario)
        #expect(throws: KubectlExport.RefusedError.self) { try KubectlExport.script(for: reproducer) }
    }

    @Test("a kubectl older than 1.24 stops the script before any change")
    func oldKubectlStops() throws {
        let dir = try Self.sandbox(minor: "23")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = try KubectlExport.script(for: try Reproducer.load(from: Self.seed))
        let (code, log) = try Self.runScript(script, in: dir)
        #expect(code == 2)
        #expect(log.isEmpty, "kubectl was called: \(log)")
    }

    @Test("pod deletes are forced; namespace deletes wait until the namespace is gone")
    func deletesAreRealDeletes() throws {
        let naming = LiveNaming(runID: "abc")
        let pod = try KubectlExport.commands(for: .delete(ObjectRef(kind: .pod, namespace: "ns-0", name: "a")), naming: naming, nodes: [])
        #expect(pod == ["kubectl delete pod 'a' -n 'k8sfv-abc-0-ns-0' --grace-period=0 --force --ignore-not-found"])
        let ns = try KubectlExport.commands(for: .delete(ObjectRef(kind: .namespace, name: "ns-0")), naming: naming, nodes: [])
        #expect(ns.first?.contains("--wait=true") == true)
    }
}
