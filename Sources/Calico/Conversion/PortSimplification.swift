// Calico's `SimplifyPorts`: the smallest list of ranges covering a protocol's ports.
// Takes: one protocol's ports in input order. Gives: named ports first (input order), then
// coalesced numeric ranges ascending — unless there is nothing to combine. Cost: O(n log n) in
// the number of individual port numbers (ranges are expanded, as Calico does).
// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go (`SimplifyPorts`);
// the "≤ 1 number after expansion" rule is spec §0 A4.

enum PortSimplification {
    static func simplify(_ ports: [CalicoPort]?) -> [CalicoPort]? {
        guard let ports, ports.count > 1 else { return ports }
        var named: [CalicoPort] = []
        var numbers: [Int] = []
        for port in ports {
            switch port {
            case .named: named.append(port)
            case .range(let low, let high): numbers.append(contentsOf: low...high)
            }
        }
        guard numbers.count > 1 else { return ports }
        numbers.sort()
        var output = named
        var index = 0
        while index < numbers.count {
            let first = numbers[index]
            var last = first
            index += 1
            // Equal (a duplicate) or exactly one more extends the range.
            while index < numbers.count, numbers[index] <= last + 1 {
                last = numbers[index]
                index += 1
            }
            output.append(.range(min: first, max: last))
        }
        return output
    }
}
