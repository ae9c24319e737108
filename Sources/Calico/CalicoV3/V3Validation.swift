// Validation of Calico's own resources, at the two places it happens:
// - on write (`writeErrors`): the CRD schema with its CEL rules, and Calico's v3 validator,
//   which together refuse the object before it is stored;
// - in Felix (`felixRejection`): the validation filter checks the v1 form of a policy (its
//   rules, selectors and protocol) and treats a failure as a deletion, so Felix never sees
//   the policy. Objects written straight to the CRD skip Calico's v3 validator, so this is
//   what stands between a bad CRD object and the dataplane.
// Takes: one resource. Gives: field errors (empty = valid), or Felix's first reason.
// Cost: a selector parse per selector field, linear in the rest.
// Sources (projectcalico/calico): libcalico-go/lib/validator/v3/validator.go
// (`validateRule`, `validateEntityRule`, `validateNetworkPolicy`, `validateNetworkPolicySpec`,
// `validateGlobalNetworkPolicy`, `validateTier`, `validateNetworkSet`, `validateGlobalNetworkSet`,
// the name regexes); api/pkg/apis/projectcalico/v3/policy_common.go (the kubebuilder enums,
// minimums and XValidation CEL rules: ICMP needs an ICMP protocol and the matching ipVersion,
// an ICMP code needs a type, `global()` only in a namespaceSelector); tier.go (`defaultAction`
// Deny or Pass); typha/pkg/validator/v1/validator.go and libcalico-go/lib/backend/model/rule.go
// (what Felix checks: `validateBackendRule`, `validateProtocol`, the `selector`, `ipVersion`
// and ICMP range tags).

/// One reason a Calico resource is invalid, naming the field.
public struct V3FieldError: Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }
    public var description: String { "\(field): \(reason)" }
}

public enum V3Validation {
    // MARK: On write

    /// Every reason the API server would refuse `resource`, in field order. Empty = accepted.
    public static func writeErrors(_ resource: V3Resource) -> [V3FieldError] {
        switch resource {
        case .networkPolicy(let policy):
            return policyNameErrors(policy.name, global: false)
                + specErrors(policy.spec, global: false)
        case .globalNetworkPolicy(let policy):
            return policyNameErrors(policy.name, global: true)
                + specErrors(policy.spec, global: true)
        case .networkSet(let set):
            return setErrors(set.metadata, set.spec)
        case .globalNetworkSet(let set):
            return setErrors(set.metadata, set.spec)
        case .tier(let tier):
            var errors: [V3FieldError] = []
            if tier.name.utf8.count > NameRules.dns1123LabelMaxLength || !NameRules.dns1123Label(tier.name).isEmpty {
                errors.append(V3FieldError("metadata.name", "must be a lower-case DNS label of at most 63 characters"))
            }
            if let action = tier.spec.defaultAction, action != "Deny", action != "Pass" {
                errors.append(V3FieldError("spec.defaultAction", "must be Deny or Pass, not '\(action)'"))
            }
            return errors
        }
    }

    /// NetworkPolicy: `label` or `label.label` (a tier prefix), or the `knp.default.` and
    /// `ossg.default.` forms; GlobalNetworkPolicy: `label` or `label.label`. At most 253.
    static func policyNameErrors(_ name: String, global: Bool) -> [V3FieldError] {
        if name.utf8.count > NameRules.dns1123SubdomainMaxLength {
            return [V3FieldError("metadata.name", "name is too long by \(name.utf8.count - NameRules.dns1123SubdomainMaxLength) bytes")]
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let labelShaped = { (part: Substring) in NameRules.dns1123Label(String(part)).isEmpty }
        var valid = (parts.count == 1 || parts.count == 2) && parts.allSatisfy(labelShaped)
        if !global && !valid, parts.count > 2, ["knp", "ossg"].contains(parts[0]), parts[1] == "default" {
            valid = NameRules.dns1123Subdomain(parts.dropFirst(2).joined(separator: ".")).isEmpty
        }
        return valid ? [] : [V3FieldError(
            "metadata.name", "name must consist of lower case alphanumeric characters or '-' (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?)")]
    }

    static func specErrors(_ spec: V3PolicySpec, global: Bool) -> [V3FieldError] {
        var errors: [V3FieldError] = []
        if let tier = spec.tier, !tier.isEmpty, !NameRules.dns1123Label(tier).isEmpty {
            errors.append(V3FieldError("spec.tier", "must be a tier name (a lower-case DNS label)"))
        }
        errors += selectorErrors(spec.selector, "spec.selector")
        errors += selectorErrors(spec.serviceAccountSelector, "spec.serviceAccountSelector")
        if global { errors += selectorErrors(spec.namespaceSelector, "spec.namespaceSelector") }
        var seen: Set<String> = []
        for (index, type) in (spec.types ?? []).enumerated() {
            if type != "Ingress" && type != "Egress" {
                errors.append(V3FieldError("spec.types[\(index)]", "must be Ingress or Egress, not '\(type)'"))
            } else if !seen.insert(type).inserted {
                errors.append(V3FieldError("spec.types", "'\(type)' type specified more than once"))
            }
        }
        for (index, rule) in (spec.ingress ?? []).enumerated() { errors += ruleErrors(rule, "spec.ingress[\(index)]") }
        for (index, rule) in (spec.egress ?? []).enumerated() { errors += ruleErrors(rule, "spec.egress[\(index)]") }
        return errors
    }

    static func selectorErrors(_ text: String?, _ field: String) -> [V3FieldError] {
        guard let text, !text.isEmpty else { return [] }
        do {
            _ = try Selector(parsing: text)
            return []
        } catch {
            return [V3FieldError(field, "invalid selector: \(error)")]
        }
    }

    /// One rule: enums and ranges, the CEL rules, ports against the protocol, nets.
    static func ruleErrors(_ rule: V3Rule, _ path: String) -> [V3FieldError] {
        var errors: [V3FieldError] = []
        if let version = rule.ipVersion, version != 4, version != 6 {
            errors.append(V3FieldError("\(path).ipVersion", "must be 4 or 6"))
        }
        for (name, value) in [("protocol", rule.protocol), ("notProtocol", rule.notProtocol)] {
            if let value, let reason = protocolProblem(value) { errors.append(V3FieldError("\(path).\(name)", reason)) }
        }
        for (name, icmp) in [("icmp", rule.icmp), ("notICMP", rule.notICMP)] {
            guard let icmp else { continue }
            if let type = icmp.type, !(0...254).contains(type) { errors.append(V3FieldError("\(path).\(name).type", "must be 0–254")) }
            if let code = icmp.code, !(0...255).contains(code) { errors.append(V3FieldError("\(path).\(name).code", "must be 0–255")) }
            if icmp.code != nil && icmp.type == nil {
                errors.append(V3FieldError("\(path).\(name)", "ICMP code specified without an ICMP type"))
            }
        }
        // CEL: the protocol is compared as written, 'ICMP' / 'ICMPv6' or 1 / 58.
        if rule.icmp != nil, !isICMPAsWritten(rule.protocol) {
            errors.append(V3FieldError("\(path).icmp", "ICMP fields require protocol to be ICMP or ICMPv6"))
        }
        for (name, value) in [("protocol", rule.protocol), ("notProtocol", rule.notProtocol)] {
            guard let value, let version = rule.ipVersion else { continue }
            if (value == .name("ICMP") || value == .number(1)) && version != 4 {
                errors.append(V3FieldError("\(path).\(name)", "protocol ICMP requires ipVersion 4"))
            }
            if (value == .name("ICMPv6") || value == .number(58)) && version != 6 {
                errors.append(V3FieldError("\(path).\(name)", "protocol ICMPv6 requires ipVersion 6"))
            }
        }
        if let reason = portProblem(rule) { errors.append(V3FieldError(path, reason)) }
        errors += netErrors(rule, path)
        for (side, name) in [(rule.source, "source"), (rule.destination, "destination")] {
            errors += entityErrors(side, "\(path).\(name)")
        }
        return errors
    }

    static func entityErrors(_ side: V3EntityRule, _ path: String) -> [V3FieldError] {
        var errors = selectorErrors(side.selector, "\(path).selector")
            + selectorErrors(side.notSelector, "\(path).notSelector")
            + selectorErrors(side.namespaceSelector, "\(path).namespaceSelector")
            + selectorErrors(side.serviceAccounts?.selector, "\(path).serviceAccounts.selector")
        if let selector = side.selector, selector.contains("global(") {
            errors.append(V3FieldError("\(path).selector", "global() can only be used in an EntityRule namespaceSelector"))
        }
        if let namespaces = side.namespaceSelector, namespaces.contains("global("),
           (try? Selector(parsing: namespaces))?.expression != .global {
            errors.append(V3FieldError("\(path).namespaceSelector", "global() must be the only term of a namespaceSelector"))
        }
        return errors
    }

    /// `validateRule`'s nets: each must parse; v4 and v6 must not mix within a rule; they must
    /// agree with `ipVersion`; a negated catch-all (`0.0.0.0/0`, `::/0`) matches nothing.
    static func netErrors(_ rule: V3Rule, _ path: String) -> [V3FieldError] {
        var errors: [V3FieldError] = []
        var seenV4 = false, seenV6 = false
        let fields: [(String, [String]?, Bool)] = [
            ("source.nets", rule.source.nets, false), ("source.notNets", rule.source.notNets, true),
            ("destination.nets", rule.destination.nets, false), ("destination.notNets", rule.destination.notNets, true),
        ]
        for (name, nets, negated) in fields {
            var v4 = false, v6 = false
            for net in nets ?? [] {
                guard let parsed = IPNetwork(cidrOrIP: net) else {
                    errors.append(V3FieldError("\(path).\(name)", "invalid CIDR '\(net)'"))
                    continue
                }
                if parsed.isIPv4 { v4 = true } else { v6 = true }
                if negated && parsed.prefixLength == 0 && parsed.masked == parsed {
                    errors.append(V3FieldError("\(path).\(name)",
                        "catch-all CIDR in negation creates logical contradiction (matches no traffic)"))
                }
            }
            if let version = rule.ipVersion, (v4 && version != 4) || (v6 && version != 6) {
                errors.append(V3FieldError("\(path).\(name)", "rule IP version doesn't match CIDR version"))
            }
            if (v4 && seenV6) || (v6 && seenV4) || (v4 && v6) {
                errors.append(V3FieldError("\(path).\(name)", "rule contains both IPv4 and IPv6 CIDRs"))
            }
            seenV4 = seenV4 || v4
            seenV6 = seenV6 || v6
        }
        return errors
    }

    static func setErrors(_ metadata: ObjectMeta, _ spec: V3NetworkSetSpec) -> [V3FieldError] {
        var errors: [V3FieldError] = []
        if metadata.labelsOrEmpty[PodConversion.namespaceLabel] != nil {
            errors.append(V3FieldError("metadata.labels", "projectcalico.org/namespace is not a valid label name"))
        }
        for (index, net) in (spec.nets ?? []).enumerated() where IPNetwork(cidrOrIP: net) == nil {
            errors.append(V3FieldError("spec.nets[\(index)]", "invalid CIDR '\(net)'"))
        }
        return errors
    }

    // MARK: In Felix

    /// Why Felix's validation filter rejects the policy (so Felix treats it as deleted), or
    /// nil when it accepts it. Checks the v1 rule of each v3 rule and the v1 selector.
    public static func felixRejection(of spec: V3PolicySpec) -> String? {
        for (direction, rules) in [("ingress", spec.ingress ?? []), ("egress", spec.egress ?? [])] {
            for (index, rule) in rules.enumerated() {
                if let reason = felixRejection(of: rule) { return "\(direction)[\(index)]: \(reason)" }
            }
        }
        return nil
    }

    /// The v1 validator on one converted rule.
    static func felixRejection(of rule: V3Rule) -> String? {
        if let version = rule.ipVersion, version != 4, version != 6 { return "ipVersion must be 4 or 6" }
        for value in [rule.protocol, rule.notProtocol] {
            if let value, let reason = protocolProblem(value) { return reason }
        }
        for icmp in [rule.icmp, rule.notICMP] {
            if let type = icmp?.type, !(0..<255).contains(type) { return "ICMP type must be 0–254" }
            if let code = icmp?.code, !(0...255).contains(code) { return "ICMP code must be 0–255" }
        }
        if let reason = portProblem(rule) { return reason }
        for side in [rule.source, rule.destination] {
            for text in [side.selector, side.notSelector, side.namespaceSelector, side.serviceAccounts?.selector] {
                if let text, !text.isEmpty, (try? Selector(parsing: text)) == nil { return "selector does not parse: \(text)" }
            }
        }
        return nil
    }

    /// `validateProtocol`: a number 1–255, or (as a string) one of the names, any case.
    static func protocolProblem(_ value: V3Protocol) -> String? {
        if let number = value.numericValue { return number == 0 ? "protocol number invalid" : nil }
        guard case .name(let name) = value.v1, FelixRuleValidation.protocolNames.contains(name) else {
            return "protocol name invalid"
        }
        return nil
    }

    /// `validatePort`, then `validateRule` / `validateBackendRule`: ports only with TCP, UDP or SCTP; with no
    /// protocol, only named ports.
    static func portProblem(_ rule: V3Rule) -> String? {
        let sides = [rule.source, rule.destination]
        let ports = sides.flatMap { ($0.ports ?? []) + ($0.notPorts ?? []) }
        // `validatePort`: numbers 1–65535, min ≤ max (decoding already refused a reversed range).
        for port in ports {
            if case .range(let low, let high) = port, low < 1 || high < 1 || low > high {
                return "port range invalid, port number must be between 1 and 65535"
            }
        }
        if let value = rule.protocol {
            if !ports.isEmpty, !supportsPorts(value) { return "protocol does not support ports: \(value)" }
        } else if ports.contains(where: { $0.name == nil }) {
            return "single or range port values need a protocol (TCP, UDP or SCTP)"
        }
        return nil
    }

    /// `SupportsPorts`.
    static func supportsPorts(_ value: V3Protocol) -> Bool {
        if let number = value.numericValue { return number == 6 || number == 17 || number == 132 }
        if case .name(let name) = value.v1 { return FelixRuleValidation.supportsPorts(name) }
        return false
    }

    static func isICMPAsWritten(_ value: V3Protocol?) -> Bool {
        switch value {
        case .name("ICMP")?, .name("ICMPv6")?, .number(1)?, .number(58)?: return true
        default: return false
        }
    }
}
