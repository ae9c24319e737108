import Driver
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// Felix's own view of its calc-graph work, read from its Prometheus endpoint
// (`FELIX_PROMETHEUSMETRICSENABLED=true`, `http://127.0.0.1:9091/metrics` as `live setup`
// configures it). A live benchmark scrapes it before and after a run and reports the
// difference beside k8sfv's own convergence latencies. Metric names and kinds:
// projectcalico/calico felix/calc/async_calc_graph.go (felix_calc_graph_update_time_seconds,
// a summary; felix_calc_graph_output_events, a counter) and felix/calc/calc_graph.go
// (felix_calc_graph_updates_processed{type}, a counter).

/// One sample of the Prometheus text exposition format.
public struct PrometheusSample: Hashable, Sendable {
    public var name: String
    public var labels: [String: String]
    public var value: Double
}

public enum PrometheusText {
    /// Parses the text format: `name{label="value",...} number [timestamp]` lines; comments
    /// (`#`) and blank lines are skipped, as are lines that do not parse.
    public static func parse(_ text: String) -> [PrometheusSample] {
        var samples: [PrometheusSample] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            var name = ""
            var labels: [String: String] = [:]
            var rest = Substring(line)
            if let brace = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}"), brace < close {
                name = String(line[..<brace])
                labels = parseLabels(line[line.index(after: brace)..<close])
                rest = line[line.index(after: close)...]
            } else if let space = line.firstIndex(of: " ") {
                name = String(line[..<space])
                rest = line[space...]
            } else {
                continue
            }
            let fields = rest.split(separator: " ")
            guard let first = fields.first, let value = Double(first) ?? special(first) else { continue }
            samples.append(PrometheusSample(name: name, labels: labels, value: value))
        }
        return samples
    }

    static func special(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return nil
        }
    }

    static func parseLabels(_ text: Substring) -> [String: String] {
        var labels: [String: String] = [:]
        var index = text.startIndex
        while index < text.endIndex {
            guard let equals = text[index...].firstIndex(of: "=") else { break }
            let key = text[index..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            var cursor = text.index(after: equals)
            guard cursor < text.endIndex, text[cursor] == "\"" else { break }
            cursor = text.index(after: cursor)
            var value = ""
            while cursor < text.endIndex, text[cursor] != "\"" {
                if text[cursor] == "\\", text.index(after: cursor) < text.endIndex {
                    cursor = text.index(after: cursor)
                    value.append(text[cursor] == "n" ? "\n" : text[cursor])
                } else {
                    value.append(text[cursor])
                }
                cursor = text.index(after: cursor)
            }
            labels[key] = value
            index = cursor < text.endIndex ? text.index(after: cursor) : cursor
        }
        return labels
    }
}

/// The calc-graph counters of one scrape.
public struct FelixCalcGraphMetrics: Hashable, Sendable {
    /// `felix_calc_graph_update_time_seconds_sum` and `_count`.
    public var updateSeconds: Double = 0
    public var updates: Double = 0
    /// `felix_calc_graph_updates_processed`, by `type` label.
    public var updatesProcessed: [String: Double] = [:]
    /// `felix_calc_graph_output_events`.
    public var outputEvents: Double = 0
    /// True when the scrape had any calc-graph metric at all.
    public var present = false

    public init() {}

    public init(samples: [PrometheusSample]) {
        for sample in samples {
            switch sample.name {
            case "felix_calc_graph_update_time_seconds_sum": updateSeconds = sample.value; present = true
            case "felix_calc_graph_update_time_seconds_count": updates = sample.value; present = true
            case "felix_calc_graph_output_events": outputEvents = sample.value; present = true
            case "felix_calc_graph_updates_processed":
                updatesProcessed[sample.labels["type"] ?? "", default: 0] += sample.value
                present = true
            default: continue
            }
        }
    }

    /// What happened between `earlier` and this scrape (counters only grow; a Felix restart
    /// in between shows as negative numbers, reported as they are).
    public func since(_ earlier: FelixCalcGraphMetrics) -> FelixCalcGraphMetrics {
        var delta = FelixCalcGraphMetrics()
        delta.present = present
        delta.updateSeconds = updateSeconds - earlier.updateSeconds
        delta.updates = updates - earlier.updates
        delta.outputEvents = outputEvents - earlier.outputEvents
        for key in Set(updatesProcessed.keys).union(earlier.updatesProcessed.keys) {
            delta.updatesProcessed[key] = (updatesProcessed[key] ?? 0) - (earlier.updatesProcessed[key] ?? 0)
        }
        return delta
    }

    /// One line for reports: updates, mean time per update, output events, updates by type.
    public var summary: String {
        guard present else { return "no felix_calc_graph_* metrics in the scrape" }
        let mean = updates > 0 ? updateSeconds / updates * 1e6 : 0
        let byType = updatesProcessed.keys.sorted().map { "\($0)=\(Int(updatesProcessed[$0]!))" }.joined(separator: " ")
        return "\(Int(updates)) calc-graph updates, mean \(String(format: "%.1f", mean)) µs each, "
            + "\(Int(outputEvents)) output events" + (byType.isEmpty ? "" : "; by type: \(byType)")
    }
}

/// Fetches a metrics page over plain HTTP (Felix serves it on loopback).
public enum MetricsScraper {
    public static func scrape(_ url: URL, timeout: Double = 5) throws -> FelixCalcGraphMetrics {
        FelixCalcGraphMetrics(samples: PrometheusText.parse(try fetch(url, timeout: timeout)))
    }

    /// The page's text. Blocks the calling thread: call it from a command, not from async code.
    public static func fetch(_ url: URL, timeout: Double = 5) throws -> String {
        final class Box: @unchecked Sendable {
            var result: Result<String, any Error> = .failure(TargetError("no answer"))
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(TargetError("cannot read \(url): \(error.localizedDescription)"))
            } else if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                box.result = .failure(TargetError("\(url) answered HTTP \(http.statusCode)"))
            } else {
                box.result = .success(String(decoding: data ?? Data(), as: UTF8.self))
            }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            throw TargetError("\(url) did not answer within \(Int(timeout)) s")
        }
        return try box.result.get()
    }
}
