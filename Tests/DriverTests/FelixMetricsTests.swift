import Driver
import Foundation
import Live
import Testing

/// Felix's calc-graph metrics: parsed from Prometheus text, and served by felix-sim's meter
/// under the same names, so a live benchmark reads both the same way.
@Suite struct FelixMetricsTests {
    static let felixPage = """
        # HELP felix_calc_graph_update_time_seconds Seconds to update calculation graph for each datastore OnUpdate call.
        # TYPE felix_calc_graph_update_time_seconds summary
        felix_calc_graph_update_time_seconds{quantile="0.5"} 1.2e-05
        felix_calc_graph_update_time_seconds{quantile="0.9"} 3.1e-05
        felix_calc_graph_update_time_seconds_sum 0.25
        felix_calc_graph_update_time_seconds_count 1000
        # TYPE felix_calc_graph_updates_processed counter
        felix_calc_graph_updates_processed{type="PolicyKey"} 12
        felix_calc_graph_updates_processed{type="WorkloadEndpointKey"} 900
        felix_calc_graph_output_events 4321
        go_memstats_heap_alloc_bytes 1.2345e+07
        """

    @Test func parsesFelixsCalcGraphCounters() {
        let samples = PrometheusText.parse(Self.felixPage)
        #expect(samples.count == 8)
        #expect(samples.first { $0.name == "felix_calc_graph_update_time_seconds" }?.labels["quantile"] == "0.5")
        let metrics = FelixCalcGraphMetrics(samples: samples)
        #expect(metrics.present)
        #expect(metrics.updates == 1000)
        #expect(metrics.updateSeconds == 0.25)
        #expect(metrics.updatesProcessed == ["PolicyKey": 12, "WorkloadEndpointKey": 900])
        #expect(metrics.outputEvents == 4321)
        #expect(metrics.summary.contains("1000 calc-graph updates, mean 250.0 µs each, 4321 output events"))
    }

    @Test func aPageWithoutCalcGraphMetricsSaysSo() {
        let metrics = FelixCalcGraphMetrics(samples: PrometheusText.parse("go_goroutines 12\n"))
        #expect(!metrics.present)
        #expect(metrics.summary.contains("no felix_calc_graph_"))
    }

    @Test func theMeterIsServedAndScrapedOnLoopback() throws {
        let meter = CalcGraphMeter()
        let endpoint = try MetricsEndpoint(port: 0, meter: meter)
        defer { endpoint.stop() }
        let url = URL(string: "http://127.0.0.1:\(endpoint.port)/metrics")!
        let before = try MetricsScraper.scrape(url)
        #expect(before.present && before.updates == 0)
        meter.recordUpdate(type: "WorkloadEndpointKey", seconds: 0.001)
        meter.recordUpdate(type: "PolicyKey", seconds: 0.003)
        meter.recordOutput(7)
        let delta = try MetricsScraper.scrape(url).since(before)
        #expect(delta.updates == 2)
        #expect(abs(delta.updateSeconds - 0.004) < 1e-9)
        #expect(delta.updatesProcessed == ["PolicyKey": 1, "WorkloadEndpointKey": 1])
        #expect(delta.outputEvents == 7)
    }
}
