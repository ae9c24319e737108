// The NetworkPolicy rules a real API server enforces with a 422, beyond names and CIDRs:
// ports (protocol, numeric or named port, endPort), peers (at least one selector or an
// ipBlock, never both), ipBlock `except` strictly inside `cidr`, label-selector operators and
// their values, and policyTypes. The stand-in must refuse what the real server refuses
// (felix-live.md §8.1), or the live path would test objects no cluster can hold.
// Takes: the NetworkPolicy JSON. Gives: the causes, empty when valid. Cost: linear in the policy.
// Source: kubernetes/kubernetes pkg/apis/networking/validation/validation.go and
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (messages in the
// server's words).

import Foundation

enum NetworkPolicyRules {
    static func causes(_ object: JSON) -> [StatusCause] {
        var out: [StatusCause] = []
        let spec = object["spec"] ?? .object([:])
        out += selectorCauses(spec["podSelector"], field: "spec.podSelector")
        for direction in ["ingress", "egress"] {
            let peersKey = direction == "ingress" ? "from" : "to"
            for (ri, rule) in (spec[direction]?.arrayValue ?? []).enumerated() {
                let here = "spec.\(direction)[\(ri)]"
                for (pi, port) in (rule["ports"]?.arrayValue ?? []).enumerated() {
                    out += portCauses(port, field: "\(here).ports[\(pi)]")
                }
                for (pi, peer) in (rule[peersKey]?.arrayValue ?? []).enumerated() {
                    out += peerCauses(peer, field: "\(here).\(peersKey)[\(pi)]")
                }
            }
        }
        let types = (spec["policyTypes"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
        if types.count > 2 {
            out.append(StatusCause(reason: "FieldValueInvalid",
                                   message: "Invalid value: \"\(types.joined(separator: ","))\": may not specify more than two policyTypes",
                                   field: "spec.policyTypes"))
        } else {
            for (index, type) in types.enumerated() where type != "Ingress" && type != "Egress" {
                out.append(StatusCause(reason: "FieldValueNotSupported",
                                       message: "Unsupported value: \"\(type)\": supported values: \"Ingress\", \"Egress\"",
                                       field: "spec.policyTypes[\(index)]"))
            }
        }
        return out
    }

    static func portCauses(_ port: JSON, field: String) -> [StatusCause] {
        var out: [StatusCause] = []
        if let proto = port["protocol"]?.stringValue, !["TCP", "UDP", "SCTP"].contains(proto) {
            out.append(StatusCause(reason: "FieldValueNotSupported",
                                   message: "Unsupported value: \"\(proto)\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                                   field: field + ".protocol"))
        }
        let end = port["endPort"]?.intValue
        switch port["port"] {
        case .int(let number)?:
            if !(1...65535).contains(number) {
                out.append(invalid(number, "must be between 1 and 65535, inclusive", field: field + ".port"))
            }
            if let end {
                if end < number { out.append(invalid(end, "must be greater than or equal to `port`", field: field + ".endPort")) }
                if !(1...65535).contains(end) {
                    out.append(invalid(end, "must be between 1 and 65535, inclusive", field: field + ".endPort"))
                }
            }
        case .string(let name)?:
            if let end { out.append(invalid(end, "may not be specified when `port` is non-numeric", field: field + ".endPort")) }
            for reason in portNameProblems(name) {
                out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \(reason)", field: field + ".port"))
            }
        default:
            if let end { out.append(invalid(end, "may not be specified when `port` is not specified", field: field + ".endPort")) }
        }
        return out
    }

    /// IANA_SVC_NAME: 1–15 characters of a-z, 0-9 and '-', at least one letter, no '--',
    /// not starting or ending with '-'.
    static func portNameProblems(_ name: String) -> [String] {
        var out: [String] = []
        if name.utf8.count > 15 { out.append("must be no more than 15 characters") }
        if name.isEmpty || !name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) {
            out.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !name.utf8.contains(where: { $0 >= 97 && $0 <= 122 }) { out.append("must contain at least one letter (a-z)") }
        if name.contains("--") { out.append("must not contain consecutive hyphens") }
        if name.hasPrefix("-") || name.hasSuffix("-") { out.append("must not begin or end with a hyphen") }
        return out
    }

    static func peerCauses(_ peer: JSON, field: String) -> [StatusCause] {
        var out: [StatusCause] = []
        var count = 0
        if let selector = peer["podSelector"], selector != .null {
            count += 1
            out += selectorCauses(selector, field: field + ".podSelector")
        }
        if let selector = peer["namespaceSelector"], selector != .null {
            count += 1
            out += selectorCauses(selector, field: field + ".namespaceSelector")
        }
        if let block = peer["ipBlock"], block != .null {
            count += 1
            out += exceptCauses(block, field: field + ".ipBlock")
        }
        if count == 0 {
            out.append(StatusCause(reason: "FieldValueRequired", message: "Required value: must specify a peer", field: field))
        } else if count > 1 && peer["ipBlock"] != nil && peer["ipBlock"] != .null {
            out.append(StatusCause(reason: "FieldValueForbidden", message: "Forbidden: may not specify both ipBlock and another peer", field: field))
        }
        return out
    }

    /// Every `except` must lie strictly inside `cidr` (validity itself is checked elsewhere).
    static func exceptCauses(_ block: JSON, field: String) -> [StatusCause] {
        guard let cidr = CIDRRange(block["cidr"]?.stringValue ?? "") else { return [] }
        var out: [StatusCause] = []
        for (index, value) in (block["except"]?.arrayValue ?? []).enumerated() {
            let text = value.stringValue ?? ""
            guard let except = CIDRRange(text) else { continue }
            if !cidr.strictlyContains(except) {
                out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(text)\": must be a strict subset of `cidr`",
                                       field: "\(field).except[\(index)]"))
            }
        }
        return out
    }

    static func selectorCauses(_ selector: JSON?, field: String) -> [StatusCause] {
        var out: [StatusCause] = []
        for (index, requirement) in (selector?["matchExpressions"]?.arrayValue ?? []).enumerated() {
            let here = "\(field).matchExpressions[\(index)]"
            let values = requirement["values"]?.arrayValue ?? []
            switch requirement["operator"]?.stringValue ?? "" {
            case "In", "NotIn":
                if values.isEmpty {
                    out.append(StatusCause(reason: "FieldValueRequired",
                                           message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
                                           field: here + ".values"))
                }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    out.append(StatusCause(reason: "FieldValueForbidden",
                                           message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                                           field: here + ".values"))
                }
            case let op:
                out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(op)\": not a valid selector operator",
                                       field: here + ".operator"))
            }
        }
        return out
    }

    private static func invalid(_ number: Int64, _ why: String, field: String) -> StatusCause {
        StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \(number): \(why)", field: field)
    }
}

/// An IPv4 or IPv6 network, for the strict-subset test.
struct CIDRRange {
    let bytes: [UInt8]
    let prefix: Int

    init?(_ text: String) {
        guard Validation.isCIDR(text) else { return nil }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]) else { return nil }
        let address = String(parts[0])
        if address.contains(":") {
            var buffer = in6_addr()
            guard inet_pton(AF_INET6, address, &buffer) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &buffer) { Array($0) }
        } else {
            var buffer = in_addr()
            guard inet_pton(AF_INET, address, &buffer) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &buffer) { Array($0) }
        }
        self.prefix = prefix
    }

    /// `other` is inside this network and smaller than it.
    func strictlyContains(_ other: CIDRRange) -> Bool {
        guard other.bytes.count == bytes.count, other.prefix > prefix else { return false }
        for bit in 0..<prefix {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if bytes[bit / 8] & mask != other.bytes[bit / 8] & mask { return false }
        }
        return true
    }
}
