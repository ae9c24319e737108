import Calico

// PortGenerator: the `ports` list of a NetworkPolicy rule. Takes draws; gives, per entry, a
// protocol (TCP, UDP, SCTP or unset) and one port form: none (a protocol-only or `{}` entry), a
// number, a range (`port` + `endPort`), or a named port. Always valid per the API server: numbers
// in 1–65535, `endPort` only with a numeric `port` and ≥ it, names valid IANA service names.
// Choice 0 gives no `ports` at all. Cost: a few draws per entry.
// Source for validity: kubernetes/kubernetes pkg/apis/networking/validation/validation.go
// (ValidateNetworkPolicyPort).

enum PortGenerator {
    static let protocols: [String?] = [nil, "TCP", "UDP", "SCTP"]
    /// Port numbers pods in the vocabulary use, plus the extremes.
    static let numbers = [80, 53, 443, 9090, 7777, 8080, 1, 65535]

    /// nil (choice 0), `[]` now and then, or 1–3 entries.
    static func ports(_ draw: Draw) throws -> [NetworkPolicyPort]? {
        switch try draw.weighted([4, 1, 6]) {
        case 0: return nil
        case 1: return []
        default: return try (0..<(try draw.int(1...3))).map { _ in try port(draw) }
        }
    }

    static func port(_ draw: Draw) throws -> NetworkPolicyPort {
        try draw.span("port") {
            let proto = try draw.element(protocols)
            switch try draw.weighted([1, 4, 2, 3]) {
            case 0:
                return NetworkPolicyPort(protocol: proto)
            case 1:
                return NetworkPolicyPort(protocol: proto, port: .int(try number(draw)))
            case 2:
                let start = try draw.element([80, 1000, 53, 1, 9000])
                let end = try draw.weighted([2, 3, 1]) == 0
                    ? start : (try draw.bool() ? min(65535, start + (try draw.int(1...100))) : 65535)
                return NetworkPolicyPort(protocol: proto, port: .int(start), endPort: end)
            default:
                let names = Vocabulary.namedPorts.map(\.name) + [Vocabulary.unusedPortName]
                return NetworkPolicyPort(protocol: proto, port: .string(try draw.element(names)))
            }
        }
    }

    /// A vocabulary number usually, any valid port now and then.
    static func number(_ draw: Draw) throws -> Int {
        if try draw.oneIn(8) { return try draw.int(1...65535) }
        return try draw.element(numbers)
    }
}
