// Calico's `SimplifyPorts`: the smallest list of ranges covering a protocol's ports.
// Takes: one protocol's ports in input order. Gives: named ports first (input order), then
// coalesced numeric ranges ascending — unless there is nothing to combine. Cost: O(n log n) in
// the number of ranges (Calico expands ranges into numbers; merging sorted ranges
// gives the same runs).
// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go (`SimplifyPorts`);
// the "≤ 1 number after expansion" rule is spec §0 A4.

enum PortSimplification {
    static func simplify(_ ports: [CalicoPort]?) -> [CalicoPort]? {
        guard let ports, ports.count > 1 else { return ports }
        var named: [CalicoPort] = []
        var ranges: [(low: Int, high: Int)] = []
        var numberCount = 0
        for port in ports {
            switch port {
            case .named: named.append(port)
            case .range(let low, let high):
                ranges.append((low, high))
                numberCount += high - low + 1
            }
        }
        // Calico expands every range into its numbers; with one number or none there is
        // nothing to combine and the input stands.
        guard numberCount > 1 else { return ports }
        // Merging the ranges sorted by start gives the same runs as sorting the expanded
        // numbers: a range that overlaps the current run or starts right after it extends it.
        ranges.sort { $0.low != $1.low ? $0.low < $1.low : $0.high < $1.high }
        var output = named
        var first = ranges[0].low, last = ranges[0].high
        for range in ranges.dropFirst() {
            if range.low <= last + 1 {
                last = max(last, range.high)
            } else {
                output.append(.range(min: first, max: last))
                first = range.low
                last = range.high
            }
        }
        output.append(.range(min: first, max: last))
        return output
    }
}
