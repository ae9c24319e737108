import CalcGraph
import Calico
import Foundation

// `bench relabel`: a remote pod's relabel, timed at several cluster sizes. Takes pod counts and
// a relabel count; for each size builds BenchRelabelCluster in the model (streamed, one pod at
// a time), then relabels remote pods (each flips its role, which moves it between IP sets) and
// times apply + flush. Gives per-relabel median/p99, messages per relabel and peak memory.
// Each size runs in a fresh child process when possible, so peak memory is that size's own.
// Goals (issue 4): relabel time grows ≤ 2× while pods grow 100×; < 1 GiB at 100,000 pods.
// Cost: O(pods) to build plus relabels × (one flush).

struct RelabelBenchResult: Codable, Hashable, Sendable {
    var pods: Int
    var hosts: Int
    var namespaces: Int
    var policies: Int
    var buildSeconds: Double
    var relabels: Int
    var relabel: SampleSummary
    var messagesPerRelabel: Double
    /// Members in all IP sets after the load (shows the sets are really large).
    var ipSetMembers: Int
    var memory: ProcessMemory?
    /// True when the size ran in its own process (memory is then that size's alone).
    var ownProcess: Bool
}

enum BenchRelabel {
    static func run(pods: Int, relabels: Int) -> RelabelBenchResult {
        let cluster = BenchRelabelCluster(pods: pods)
        let graph = CalcGraph(localHost: cluster.localHost)
        var members = 0
        let build = BenchClock.seconds {
            graph.apply(cluster.namespaceObjects().map { .put(.namespace($0)) })
            graph.apply(cluster.nodes().map { .put(.node($0)) })
            for index in 0..<cluster.pods { graph.apply(.put(.pod(cluster.pod(index)))) }
            graph.apply(cluster.policies().map { .put(.networkPolicy($0)) })
            graph.markInSync()
            for message in graph.flush() {
                if case .ipSetUpdate(let update) = message { members += update.members.count }
            }
        }
        let targets = cluster.remotePods(count: min(relabels, 1_000))
        var times: [Double] = []
        var messages = 0
        var flips = [Int: Int]()
        for round in 0..<relabels where !targets.isEmpty {
            let index = targets[round % targets.count]
            let shift = (flips[index] ?? 0) + 1
            flips[index] = shift
            let pod = cluster.pod(index, relabel: shift)
            var emitted = 0
            times.append(BenchClock.seconds {
                graph.apply(.put(.pod(pod)))
                emitted = graph.flush().count
            })
            messages += emitted
        }
        return RelabelBenchResult(
            pods: cluster.pods, hosts: cluster.hosts, namespaces: cluster.namespaces, policies: 10,
            buildSeconds: build, relabels: times.count, relabel: SampleSummary(times),
            messagesPerRelabel: times.isEmpty ? 0 : Double(messages) / Double(times.count),
            ipSetMembers: members, memory: ProcessMemory.read(), ownProcess: false)
    }

    static func text(_ results: [RelabelBenchResult]) -> String {
        var table = BenchTable(
            ["pods", "hosts", "namespaces", "build", "IP-set members", "relabels", "median", "p99", "mean", "msgs/relabel", "peak RSS"],
            rightAligned: Set(0...10))
        for r in results {
            table.add([
                String(r.pods), String(r.hosts), String(r.namespaces), String(format: "%.2f s", r.buildSeconds),
                String(r.ipSetMembers), String(r.relabels), BenchFormat.micros(r.relabel.median),
                BenchFormat.micros(r.relabel.p99), BenchFormat.micros(r.relabel.mean),
                String(format: "%.1f", r.messagesPerRelabel),
                BenchFormat.mib(r.memory?.peakMiB) + (r.ownProcess ? "" : "*"),
            ])
        }
        var lines = [table.text]
        if results.contains(where: { !$0.ownProcess }) {
            lines.append("* measured in this process: the peak includes earlier sizes")
        }
        let sorted = results.sorted { $0.pods < $1.pods }
        if let small = sorted.first, let large = sorted.last, large.pods > small.pods, small.relabel.median > 0 {
            let growth = large.relabel.median / small.relabel.median
            let factor = Double(large.pods) / Double(small.pods)
            lines.append(
                "relabel median grows \(String(format: "%.2f", growth))× while pods grow \(String(format: "%.0f", factor))× "
                    + "(goal ≤ 2× over 100×: " + (factor >= 100 ? (growth <= 2 ? "met" : "NOT MET") : "not measured at 100×") + ")")
        }
        if let big = sorted.last(where: { $0.pods >= 100_000 }) {
            let peak = big.memory?.peakMiB
            lines.append(
                "peak memory at \(big.pods) pods: \(BenchFormat.mib(peak)) (goal < 1 GiB: "
                    + (peak.map { $0 < 1024 ? "met" : "NOT MET" } ?? "not measured") + ")")
        }
        return lines.joined(separator: "\n")
    }
}
