import CalcGraph
import Calico
import Foundation
import Gen
import Oracle

// `bench workloads`: the three load patterns of Felix's k8sfv (label rotation, pod ring churn,
// policy churn) run against the model. Takes a scale and a step count; gives per-step latency
// (median, p99), messages per step by kind, memory, the seed design's expected cost for the
// step kinds involved, and the model's time per step against recomputing the oracle from the
// snapshot per step (the speed-up incremental computation buys). The model's end state is
// checked against the oracle, so a fast but wrong model cannot pass unnoticed.
// Cost: load + steps model flushes + oracleSteps oracle runs per workload.

struct WorkloadBenchResult: Codable, Hashable, Sendable {
    var workload: String
    var scale: String
    var objects: Int
    var steps: Int
    /// Loading the cluster, in-sync and the first flush, seconds.
    var loadSeconds: Double
    var model: SampleSummary
    /// Steps the oracle was timed over (the first ones).
    var oracleSteps: Int
    var oracle: SampleSummary
    /// Oracle mean over model mean, both over the same first `oracleSteps` steps.
    var speedUp: Double
    /// Messages per step, by message kind.
    var messagesPerStep: [String: Double]
    var stepKinds: [String]
    /// The seed design's expected cost for those step kinds (felix/k8sfv/README.md).
    var expectedCost: String
    /// The model's final state equals the oracle's.
    var converged: Bool
    /// The first message that broke the stream's guarantees, if any: a benchmark of a model
    /// that emits an invalid stream measures nothing worth quoting.
    var streamViolation: String?
    var memory: ProcessMemory?
}

enum BenchWorkloads {
    /// Expected cost per step kind, after projectcalico/calico:felix/k8sfv/README.md
    /// ("the possible distinct inputs, and their effects on the outputs").
    static let expectedCost: [StepKind: String] = [
        .rotateMaturity: "namespace labels: O(local pods in ns) endpoint updates; O(pods in ns × active policies × source selectors) IP-set deltas",
        .createPod: "pod created: local O(1) WorkloadEndpointUpdate + O(defined policies) ActivePolicyUpdate; any host O(active policies × source selectors) IP-set deltas",
        .deletePod: "pod deleted: local O(1) WorkloadEndpointRemove + O(1 or defined policies) ActivePolicyRemove; any host O(active policies × source selectors) IP-set deltas",
        .createPolicy: "policy created: O(active local endpoints) WorkloadEndpointUpdate; O(1) ActivePolicyUpdate; O(source selectors) IPSetUpdate",
        .deletePolicy: "policy deleted: O(active local endpoints) WorkloadEndpointUpdate; O(1) ActivePolicyRemove; O(local endpoints + source selectors) IPSetRemove",
    ]

    static func run(
        name: String, scale: ClusterScale, steps: Int, oracleSteps: Int, injections: Set<InjectedBug> = []
    ) -> WorkloadBenchResult? {
        guard let scenario = Workloads.named(name, scale: scale, steps: steps) else { return nil }
        let graph = CalcGraph(localHost: scenario.localHost, injections: injections)
        var observed = DataplaneState()
        var snapshot = ClusterSnapshot(objects: scenario.initial)
        var violation: String?
        func absorb(_ message: FelixMessage, step: String) {
            do { try observed.apply(message) } catch {
                if violation == nil { violation = "\(step): \(error.kind): \(error.message)" }
            }
        }
        var initial: [FelixMessage] = []
        let load = BenchClock.seconds {
            graph.apply(scenario.initial.map { Write.put($0) })
            graph.markInSync()
            initial = graph.flush()
        }
        for message in initial { absorb(message, step: "initial sync") }
        var modelTimes: [Double] = []
        var oracleTimes: [Double] = []
        var messageCounts: [String: Int] = [:]
        for (index, step) in scenario.steps.enumerated() {
            var messages: [FelixMessage] = []
            modelTimes.append(BenchClock.seconds {
                graph.apply(step.writes)
                messages = graph.flush()
            })
            for message in messages {
                if case .unmodelled = message { continue }
                messageCounts[message.kindName, default: 0] += 1
                absorb(message, step: "step \(index) (\(step.kind.rawValue))")
            }
            snapshot.apply(step.writes)
            if index < oracleSteps {
                let current = snapshot
                oracleTimes.append(BenchClock.seconds {
                    _ = Oracle.expectedState(of: current, localHost: scenario.localHost)
                }) 
            }
        }
        let expected = Oracle.expectedState(of: snapshot, localHost: scenario.localHost)
        let compared = Array(modelTimes.prefix(oracleTimes.count))
        let modelMean = SampleSummary(compared).mean
        let oracleSummary = SampleSummary(oracleTimes)
        let kinds = Set(scenario.steps.map(\.kind)).sorted()
        let count = max(1, scenario.steps.count)
        return WorkloadBenchResult(
            workload: name, scale: scale.rawValue, objects: scenario.initial.count, steps: scenario.steps.count,
            loadSeconds: load, model: SampleSummary(modelTimes), oracleSteps: oracleTimes.count, oracle: oracleSummary,
            speedUp: modelMean > 0 ? oracleSummary.mean / modelMean : 0,
            messagesPerStep: messageCounts.mapValues { Double($0) / Double(count) },
            stepKinds: kinds.map(\.rawValue),
            expectedCost: kinds.compactMap { expectedCost[$0] }.joined(separator: "; "),
            converged: observed.differences(from: expected).isEmpty, streamViolation: violation,
            memory: ProcessMemory.read())
    }

    static func text(_ results: [WorkloadBenchResult]) -> String {
        var table = BenchTable(
            ["workload", "scale", "steps", "load", "model median", "model p99", "oracle mean", "speed-up", "converged", "peak RSS"],
            rightAligned: [2, 3, 4, 5, 6, 7, 9])
        for r in results {
            table.add([
                r.workload, r.scale, String(r.steps), String(format: "%.2f s", r.loadSeconds),
                BenchFormat.micros(r.model.median), BenchFormat.micros(r.model.p99), BenchFormat.micros(r.oracle.mean),
                String(format: "%.0f×", r.speedUp), r.converged && r.streamViolation == nil ? "yes" : "NO",
                BenchFormat.mib(r.memory?.peakMiB),
            ])
        }
        var lines = [table.text, ""]
        for r in results {
            if let violation = r.streamViolation { lines += ["\(r.workload): STREAM VIOLATION at \(violation)", ""] }
        }
        let geo = BenchMath.geometricMean(results.map(\.speedUp))
        let goal = 20.0
        lines.append(
            "model vs oracle per step: geometric mean speed-up \(String(format: "%.1f", geo))× (goal ≥ \(Int(goal))×: "
                + (geo >= goal ? "met" : "NOT MET") + ")")
        lines.append("")
        lines.append("messages per step, by kind, beside the seed design's expected cost:")
        for r in results {
            let kinds = r.messagesPerStep.keys.sorted().map { "\($0) \(String(format: "%.2f", r.messagesPerStep[$0] ?? 0))" }
            lines.append("  \(r.workload): " + (kinds.isEmpty ? "no messages" : kinds.joined(separator: ", ")))
            lines.append("    expected: \(r.expectedCost)")
        }
        if results.contains(where: { !$0.converged }) {
            lines.append("WARNING: the model's final state differs from the oracle's in a workload marked NO.")
        }
        return lines.joined(separator: "\n")
    }
}
