import Foundation
import JSONCore

// Compares an observed DataplaneState with the expected one and names each difference as
// narrowly as it can: which IP set members are missing or extra, which rule of which policy
// differs in which field, which endpoint field differs. Compared as spec §3.7 step 6 says: IP
// set ID → type and members; policy and profile ID → rules (rule_id ignored) and policy
// metadata; endpoint ID → profile_ids, nets, tiers, interface name and state. An endpoint's
// `mac` and `annotations` are not compared: the oracle cannot know what the CNI plugin wrote.
// Takes: two states. Gives: differences in a fixed order (IP sets, policies, profiles,
// endpoints, InSync; each by sorted ID). Cost: linear in the two states' sizes. A property
// checks this after every step and the states are nearly always equal, so each section first
// compares its two maps whole (equal values cannot differ in any compared field) and an equal
// pair of entries is passed over before any text is built for it.

extension DataplaneState {
    /// How many members of a set a difference lists before summarising the rest.
    public static let differenceMemberLimit = 5

    /// Sorted, human-readable differences of `self` (observed) from `expected`. Empty = equal
    /// in every compared field.
    public func differences(from expected: DataplaneState) -> [StateDifference] {
        var found: [StateDifference] = []
        found += ipSetDifferences(expected)
        found += policyDifferences(expected)
        found += profileDifferences(expected)
        found += endpointDifferences(expected)
        if inSync != expected.inSync {
            found.append(StateDifference(kind: "in-sync", subject: "dataplane",
                detail: "expected inSync \(expected.inSync), observed \(inSync)"))
        }
        return found
    }

    // MARK: IP sets

    private func ipSetDifferences(_ expected: DataplaneState) -> [StateDifference] {
        var found: [StateDifference] = []
        if ipSets == expected.ipSets { return found }
        for id in Set(ipSets.keys).union(expected.ipSets.keys).sorted() {
            let subject = "IP set \(id)"
            switch (expected.ipSets[id], ipSets[id]) {
            case (let want?, let got?) where want == got:
                break
            case (let want?, nil):
                found.append(StateDifference(kind: "ipset-missing", subject: subject,
                    detail: "expected \(Self.describe(want.type)) set with \(Self.sample(want.members)), observed no such set"))
            case (nil, let got?):
                found.append(StateDifference(kind: "ipset-extra", subject: subject,
                    detail: "expected no such set, observed \(Self.describe(got.type)) set with \(Self.sample(got.members))"))
            case (let want?, let got?):
                if want.type != got.type {
                    found.append(StateDifference(kind: "ipset-type", subject: subject,
                        detail: "expected type \(Self.describe(want.type)), observed \(Self.describe(got.type))"))
                }
                let missing = want.members.subtracting(got.members)
                let extra = got.members.subtracting(want.members)
                let counts = "(expected \(want.members.count) members, observed \(got.members.count))"
                if !missing.isEmpty {
                    found.append(StateDifference(kind: "ipset-member-missing", subject: subject,
                        detail: "\(missing.count) missing \(counts): \(Self.list(missing))"))
                }
                if !extra.isEmpty {
                    found.append(StateDifference(kind: "ipset-member-extra", subject: subject,
                        detail: "\(extra.count) extra \(counts): \(Self.list(extra))"))
                }
            case (nil, nil):
                break
            }
        }
        return found
    }

    private static func describe(_ type: IPSetType) -> String {
        switch type {
        case .ip: return "IP"
        case .ipAndPort: return "IP_AND_PORT"
        case .net: return "NET"
        }
    }

    private static func sample(_ members: Set<String>) -> String {
        members.isEmpty ? "no members" : "\(members.count) members: \(list(members))"
    }

    /// The first few members in sorted order, then how many more.
    private static func list(_ members: Set<String>) -> String {
        let sorted = members.sorted()
        let shown = sorted.prefix(differenceMemberLimit).joined(separator: ", ")
        return sorted.count > differenceMemberLimit ? "\(shown), … and \(sorted.count - differenceMemberLimit) more" : shown
    }

    // MARK: policies and profiles

    private func policyDifferences(_ expected: DataplaneState) -> [StateDifference] {
        var found: [StateDifference] = []
        if policies == expected.policies { return found }
        for id in Set(policies.keys).union(expected.policies.keys).sorted() {
            let subject = "policy \(id)"
            switch (expected.policies[id], policies[id]) {
            case (let want?, let got?) where want == got:
                break
            case (_?, nil):
                found.append(StateDifference(kind: "policy-missing", subject: subject, detail: "expected active, observed not active"))
            case (nil, _?):
                found.append(StateDifference(kind: "policy-extra", subject: subject, detail: "expected not active, observed active"))
            case (let want?, let got?):
                let fields: [(String, String, String)] = [
                    ("namespace", Self.quote(want.namespace), Self.quote(got.namespace)),
                    ("originalSelector", Self.quote(want.originalSelector), Self.quote(got.originalSelector)),
                    ("tier", Self.quote(want.tier), Self.quote(got.tier)),
                    ("untracked", "\(want.untracked)", "\(got.untracked)"),
                    ("preDNAT", "\(want.preDNAT)", "\(got.preDNAT)"),
                    ("perfHints", "\(want.perfHints)", "\(got.perfHints)"),
                ]
                for (name, wanted, observed) in fields where wanted != observed {
                    found.append(StateDifference(kind: "policy-field", subject: subject,
                        detail: "\(name): expected \(wanted), observed \(observed)"))
                }
                found += Self.ruleDifferences(kind: "policy", subject: subject, direction: "inbound",
                    expected: want.inboundRules, observed: got.inboundRules)
                found += Self.ruleDifferences(kind: "policy", subject: subject, direction: "outbound",
                    expected: want.outboundRules, observed: got.outboundRules)
            case (nil, nil):
                break
            }
        }
        return found
    }

    private func profileDifferences(_ expected: DataplaneState) -> [StateDifference] {
        var found: [StateDifference] = []
        if profiles == expected.profiles { return found }
        for id in Set(profiles.keys).union(expected.profiles.keys).sorted() {
            let subject = "profile \(id)"
            switch (expected.profiles[id], profiles[id]) {
            case (let want?, let got?) where want == got:
                break
            case (_?, nil):
                found.append(StateDifference(kind: "profile-missing", subject: subject, detail: "expected active, observed not active"))
            case (nil, _?):
                found.append(StateDifference(kind: "profile-extra", subject: subject, detail: "expected not active, observed active"))
            case (let want?, let got?):
                found += Self.ruleDifferences(kind: "profile", subject: subject, direction: "inbound",
                    expected: want.inboundRules, observed: got.inboundRules)
                found += Self.ruleDifferences(kind: "profile", subject: subject, direction: "outbound",
                    expected: want.outboundRules, observed: got.outboundRules)
            case (nil, nil):
                break
            }
        }
        return found
    }

    /// Rule by rule (rule_id ignored): a count difference, then each differing index with the
    /// fields that differ.
    private static func ruleDifferences(
        kind: String, subject: String, direction: String, expected: [Rule], observed: [Rule]
    ) -> [StateDifference] {
        var found: [StateDifference] = []
        if expected.count != observed.count {
            found.append(StateDifference(kind: "\(kind)-rule-count", subject: subject,
                detail: "\(direction): expected \(expected.count) rules, observed \(observed.count)"))
        }
        for index in 0..<min(expected.count, observed.count) {
            let want = expected[index].withoutRuleID
            let got = observed[index].withoutRuleID
            guard want != got else { continue }
            found.append(StateDifference(kind: "\(kind)-rule", subject: subject,
                detail: "\(direction) rule \(index): \(fieldDifferences(want, got))"))
        }
        if expected.count > observed.count, let first = expected.dropFirst(observed.count).first {
            found.append(StateDifference(kind: "\(kind)-rule", subject: subject,
                detail: "\(direction) rule \(observed.count): expected \(renderJSON(first.withoutRuleID)), observed none"))
        } else if observed.count > expected.count, let first = observed.dropFirst(expected.count).first {
            found.append(StateDifference(kind: "\(kind)-rule", subject: subject,
                detail: "\(direction) rule \(expected.count): expected none, observed \(renderJSON(first.withoutRuleID))"))
        }
        return found
    }

    /// `field: expected X, observed Y; …` over the JSON fields of two values, in key order.
    static func fieldDifferences<T: Encodable>(_ expected: T, _ observed: T) -> String {
        let want = jsonFields(expected)
        let got = jsonFields(observed)
        var parts: [String] = []
        for key in Set(want.keys).union(got.keys).sorted() where want[key] != got[key] {
            parts.append("\(key): expected \(want[key] ?? "absent"), observed \(got[key] ?? "absent")")
        }
        return parts.joined(separator: "; ")
    }

    /// Each top-level JSON field of a value, rendered as sorted-key JSON text (`JSONWriter`:
    /// `/` unescaped, the bytes JSONSerialization wrote here before).
    static func jsonFields<T: Encodable>(_ value: T) -> [String: String] {
        guard let data = try? KubeJSON.encode(value),
            let object = (try? JSONValue.parse(data))?.objectValue
        else { return [:] }
        return object.mapValues { $0.serialized() }
    }

    static func renderJSON<T: Encodable>(_ value: T) -> String {
        (try? KubeJSON.encodeString(value)) ?? "\(value)"
    }

    private static func quote(_ text: String) -> String { "\"\(text)\"" }

    // MARK: endpoints

    private func endpointDifferences(_ expected: DataplaneState) -> [StateDifference] {
        var found: [StateDifference] = []
        if endpoints == expected.endpoints { return found }
        for id in Set(endpoints.keys).union(expected.endpoints.keys).sorted() {
            let subject = "endpoint \(id)"
            switch (expected.endpoints[id], endpoints[id]) {
            case (let want?, let got?) where want == got:
                break
            case (_?, nil):
                found.append(StateDifference(kind: "endpoint-missing", subject: subject, detail: "expected present, observed absent"))
            case (nil, _?):
                found.append(StateDifference(kind: "endpoint-extra", subject: subject, detail: "expected absent, observed present"))
            case (let want?, let got?):
                if want.profileIDs != got.profileIDs {
                    found.append(StateDifference(kind: "endpoint-profile-ids", subject: subject,
                        detail: "expected \(want.profileIDs), observed \(got.profileIDs)"))
                }
                if want.ipv4Nets != got.ipv4Nets || want.ipv6Nets != got.ipv6Nets {
                    found.append(StateDifference(kind: "endpoint-nets", subject: subject,
                        detail: "expected \(want.ipv4Nets + want.ipv6Nets), observed \(got.ipv4Nets + got.ipv6Nets)"))
                }
                if want.tiers != got.tiers {
                    found.append(StateDifference(kind: "endpoint-tiers", subject: subject,
                        detail: "expected \(Self.describe(want.tiers)), observed \(Self.describe(got.tiers))"))
                }
                if want.name != got.name {
                    found.append(StateDifference(kind: "endpoint-name", subject: subject,
                        detail: "expected interface \(Self.quote(want.name)), observed \(Self.quote(got.name))"))
                }
                if want.state != got.state {
                    found.append(StateDifference(kind: "endpoint-state", subject: subject,
                        detail: "expected \(Self.quote(want.state)), observed \(Self.quote(got.state))"))
                }
            case (nil, nil):
                break
            }
        }
        return found
    }

    /// `[default(Deny) in: ns/a, ns/b out: ns/a]`, or `[]` for no tiers.
    static func describe(_ tiers: [TierInfo]) -> String {
        let parts = tiers.map { tier -> String in
            let ingress = tier.ingressPolicies.map(shortName).joined(separator: ", ")
            let egress = tier.egressPolicies.map(shortName).joined(separator: ", ")
            return "\(tier.name)(\(tier.defaultAction)) in: [\(ingress)] out: [\(egress)]"
        }
        return "[" + parts.joined(separator: "; ") + "]"
    }

    /// `ns/name`, with the kind only when it is not the usual one.
    private static func shortName(_ id: PolicyID) -> String {
        id.kind == "KubernetesNetworkPolicy" ? "\(id.namespace)/\(id.name)" : "\(id.namespace)/\(id.name) (\(id.kind))"
    }
}
