// The subset of API-server validation k8sfv can trip over: object names, label keys and
// values, pods without containers, NetworkPolicy ipBlock CIDRs (and, in NetworkPolicyRules,
// every other NetworkPolicy rule the real server enforces).
// Takes: a resource and the object about to be stored. Gives: the causes of a 422, empty when
// valid. Cost: linear in the object's size.
// Message texts follow the transcripts (16, 17, 18, 24) and
// kubernetes/kubernetes:staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go.
import Foundation

enum Validation {
    static let dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    static func isDNS1123Label(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 63 else { return false }
        let bytes = Array(s.utf8)
        func alnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        guard alnum(bytes[0]), alnum(bytes[bytes.count - 1]) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 45 }
    }

    static func isDNS1123Subdomain(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 253 else { return false }
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNS1123Label(String($0)) }
    }

    /// Label values: empty, or up to 63 of [A-Za-z0-9_.-] starting and ending alphanumeric.
    static func isLabelValue(_ s: String) -> Bool {
        if s.isEmpty { return true }
        guard s.utf8.count <= 63 else { return false }
        let bytes = Array(s.utf8)
        func alnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) }
        guard alnum(bytes[0]), alnum(bytes[bytes.count - 1]) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    /// Label keys: optional DNS-subdomain prefix and "/", then a name like a label value.
    static func isLabelKey(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return !s.isEmpty && isLabelValue(s)
        case 2: return isDNS1123Subdomain(String(parts[0])) && !parts[1].isEmpty && isLabelValue(String(parts[1]))
        default: return false
        }
    }

    /// Everything wrong with `object` as a new or updated `resource`.
    static func causes(for resource: ResourceInfo, object: JSON) -> [StatusCause] {
        var out: [StatusCause] = []
        let name = object.name ?? ""
        if name.isEmpty {
            out.append(StatusCause(reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name"))
        } else if resource == .namespaces {
            if !isDNS1123Label(name) {
                out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \(dns1123LabelMessage)", field: "metadata.name"))
            }
        } else if !isDNS1123Subdomain(name) {
            out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \(dns1123SubdomainMessage)", field: "metadata.name"))
        }
        for (key, value) in object.labels.sorted(by: { $0.key < $1.key }) {
            if !isLabelKey(key) {
                out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(key)\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", field: "metadata.labels"))
            }
            if !isLabelValue(value) {
                out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(value)\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", field: "metadata.labels"))
            }
        }
        if resource == .pods {
            if (object["spec"]?["containers"]?.arrayValue ?? []).isEmpty {
                out.append(StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.containers"))
            }
        }
        if resource == .networkPolicies {
            out += networkPolicyCIDRCauses(object)
            out += NetworkPolicyRules.causes(object)
        }
        return out
    }

    private static func networkPolicyCIDRCauses(_ object: JSON) -> [StatusCause] {
        var out: [StatusCause] = []
        for direction in ["ingress", "egress"] {
            let peersKey = direction == "ingress" ? "from" : "to"
            for (ri, rule) in (object["spec"]?[direction]?.arrayValue ?? []).enumerated() {
                for (pi, peer) in (rule[peersKey]?.arrayValue ?? []).enumerated() {
                    guard let block = peer["ipBlock"] else { continue }
                    let field = "spec.\(direction)[\(ri)].\(peersKey)[\(pi)].ipBlock"
                    let cidr = block["cidr"]?.stringValue ?? ""
                    if !isCIDR(cidr) {
                        out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(cidr)\": not a valid CIDR", field: field + ".cidr"))
                    }
                    for (ei, except) in (block["except"]?.arrayValue ?? []).enumerated() {
                        let text = except.stringValue ?? ""
                        if !isCIDR(text) {
                            out.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(text)\": not a valid CIDR", field: field + ".except[\(ei)]"))
                        }
                    }
                }
            }
        }
        return out
    }

    /// IPv4 "a.b.c.d/n" (n ≤ 32) or IPv6 "x::y/n" (n ≤ 128).
    static func isCIDR(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), !parts[1].hasPrefix("+") else { return false }
        let address = String(parts[0])
        if address.contains(":") {
            var buffer = in6_addr()
            return inet_pton(AF_INET6, address, &buffer) == 1 && (0...128).contains(prefix)
        }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ o in
            guard let v = Int(o), !o.isEmpty, o.count <= 3 else { return false }
            return (0...255).contains(v)
        }) else { return false }
        return (0...32).contains(prefix)
    }
}
