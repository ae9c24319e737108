import Foundation

// Runs one relabel size in a fresh `k8sfv` process, so the peak memory it reports is that
// size's alone (a process's VmHWM never goes down). Used only when this process is the k8sfv
// executable; tests and embedders measure in-process.

enum BenchChildProcess {
    /// This process's executable when it is `k8sfv`, else nil.
    static var k8sfvExecutable: URL? {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        let url = URL(fileURLWithPath: path)
        return url.lastPathComponent == "k8sfv" && FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    /// `k8sfv bench relabel --child` for one size; nil when the child failed.
    static func relabel(executable: URL, pods: Int, relabels: Int) -> RelabelBenchResult? {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["bench", "relabel", "--child", "--pods", String(pods), "--relabels", String(relabels)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        guard var result = try? JSONDecoder().decode(RelabelBenchResult.self, from: data) else { return nil }
        result.ownProcess = true
        return result
    }
}
