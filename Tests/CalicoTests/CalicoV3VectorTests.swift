import Foundation
import Testing
@testable import Calico

/// Calico's own test vectors for its v3 resources, extracted as data (JSON) from the Calico
/// source, each naming the test it comes from. Paths are projectcalico/calico at the spec's
/// baseline commit; the Go test cases were read and written down here as inputs and expected
/// outputs, not translated as code.
@Suite struct CalicoV3VectorTests {
    // MARK: v3 rule side → v1 selector
    // libcalico-go/lib/backend/syncersv1/updateprocessors/rules_test.go

    struct SelectorVector: Decodable {
        var test: String
        var namespace: String
        var side: V3EntityRule
        var v1: String
    }

    static let ruleSelectorVectors = #"""
    [
     {"test": "should parse a NetworkPolicy rule (source)", "namespace": "namespace2",
      "side": {"nets": ["10.100.10.1/32"], "selector": "mylabel = value1", "ports": [80], "notNets": ["192.168.40.1/32"], "notSelector": "has(label1)", "notPorts": [443]},
      "v1": "(projectcalico.org/namespace == 'namespace2') && (mylabel = value1)"},
     {"test": "should parse a NetworkPolicy rule (destination)", "namespace": "namespace2",
      "side": {"nets": ["10.100.1.1/32"], "selector": "", "ports": [443], "notNets": ["192.168.80.1/32"], "notSelector": "has(label2)", "notPorts": [80]},
      "v1": "projectcalico.org/namespace == 'namespace2'"},
     {"test": "should parse a GlobalNetworkPolicy rule (source)", "namespace": "",
      "side": {"nets": ["10.100.1.1"], "namespaceSelector": "namespacelabel1 == 'value1'", "ports": [443], "notNets": ["192.168.80.1"], "notSelector": "has(label2)", "notPorts": [80]},
      "v1": "pcns.namespacelabel1 == \"value1\""},
     {"test": "should parse a GlobalNetworkPolicy rule (destination)", "namespace": "",
      "side": {"nets": ["10.100.10.1"], "namespaceSelector": "namespacelabel2 == 'value2'", "ports": [80], "notNets": ["192.168.40.1"], "notSelector": "has(label1)", "notPorts": [443]},
      "v1": "pcns.namespacelabel2 == \"value2\""},
     {"test": "should parse a profile rule with no namespace", "namespace": "",
      "side": {"selector": "has(foo)"}, "v1": "has(foo)"},
     {"test": "should parse a rule with ports but no selectors", "namespace": "",
      "side": {"ports": [80]}, "v1": ""},
     {"test": "should parse a rule with both a selector and namespace selector", "namespace": "namespace",
      "side": {"selector": "projectcalico.org/orchestrator == 'k8s'", "namespaceSelector": "key == 'value'"},
      "v1": "(pcns.key == \"value\") && (projectcalico.org/orchestrator == 'k8s')"},
     {"test": "should parse a complex namespace selector", "namespace": "namespace",
      "side": {"namespaceSelector": "!has(key) || (has(key) && !key in {'value'})"},
      "v1": "(!has(pcns.key) || (has(pcns.key) && !pcns.key in {\"value\"}))"},
     {"test": "should parse a serviceaccount match (source)", "namespace": "namespace",
      "side": {"serviceAccounts": {"names": ["sa1", "sa2"], "selector": "key == 'value1'"}},
      "v1": "(projectcalico.org/namespace == 'namespace') && ((pcsa.key == \"value1\") && (projectcalico.org/serviceaccount in {\"sa1\", \"sa2\"}))"},
     {"test": "should parse a serviceaccount match (destination)", "namespace": "namespace",
      "side": {"namespaceSelector": "nskey == 'nsvalue'", "serviceAccounts": {"names": ["sa3"], "selector": "key == 'value2'"}},
      "v1": "(pcns.nskey == \"nsvalue\") && ((pcsa.key == \"value2\") && (projectcalico.org/serviceaccount in {\"sa3\"}))"},
     {"test": "should parse a serviceaccount match with global namespace and no namespace selector", "namespace": "",
      "side": {"serviceAccounts": {"names": ["sa1", "sa2"], "selector": "key == 'value1'"}},
      "v1": "(pcsa.key == \"value1\") && (projectcalico.org/serviceaccount in {\"sa1\", \"sa2\"})"},
     {"test": "should parse an empty serviceaccount match", "namespace": "",
      "side": {"serviceAccounts": {}}, "v1": ""},
     {"test": "should parse a serviceaccount match with selector and namespace", "namespace": "namespace",
      "side": {"namespaceSelector": "nskey == 'nsvalue'", "serviceAccounts": {"names": ["sa3"], "selector": "key == 'value2'"}, "selector": "has(label1)"},
      "v1": "(pcns.nskey == \"nsvalue\") && (((pcsa.key == \"value2\") && (projectcalico.org/serviceaccount in {\"sa3\"})) && (has(label1)))"}
    ]
    """#

    @Test func ruleSideSelectorsMatchCalicosVectors() throws {
        let vectors = try JSONDecoder().decode([SelectorVector].self, from: Data(Self.ruleSelectorVectors.utf8))
        #expect(vectors.count == 13)
        for vector in vectors {
            #expect(V3RuleSelectors.v1Selector(of: vector.side, namespace: vector.namespace) == vector.v1, "\(vector.test)")
        }
    }

    // MARK: policy → v1 selector
    // .../updateprocessors/networkpolicyprocessor_test.go and globalnetworkpolicyprocessor_test.go

    struct PolicyVector: Decodable {
        var test: String
        var policy: V3Resource
        var v1: String
    }

    static let policySelectorVectors = #"""
    [
     {"test": "NP: should accept a NetworkPolicy with a ServiceAccountSelector",
      "policy": {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy", "metadata": {"name": "valid-sa-selector", "namespace": "namespace2"},
                 "spec": {"selector": "mylabel == 'selectme'", "serviceAccountSelector": "role == 'development'"}},
      "v1": "((mylabel == 'selectme') && projectcalico.org/namespace == 'namespace2') && pcsa.role == \"development\""},
     {"test": "NP: should NOT add an invalid ServiceAccountSelector to the NP's Selector field",
      "policy": {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy", "metadata": {"name": "invalid-sa-selector", "namespace": "namespace2"},
                 "spec": {"selector": "mylabel == 'selectme'", "serviceAccountSelector": "role 'development'"}},
      "v1": "(mylabel == 'selectme') && projectcalico.org/namespace == 'namespace2'"},
     {"test": "NP: should accept a NetworkPolicy with 'all()' as the ServiceAccountSelector",
      "policy": {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy", "metadata": {"name": "all-sa-selector", "namespace": "namespace2"},
                 "spec": {"selector": "mylabel == 'selectme'", "serviceAccountSelector": "all()"}},
      "v1": "((mylabel == 'selectme') && projectcalico.org/namespace == 'namespace2') && all()"},
     {"test": "GNP: full policy", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "full"},
                 "spec": {"selector": "mylabel == 'selectme'"}},
      "v1": "mylabel == 'selectme'"},
     {"test": "GNP: valid ServiceAccountSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "valid-sa-selector"},
                 "spec": {"selector": "mylabel == 'selectme'", "serviceAccountSelector": "role == 'development'"}},
      "v1": "(mylabel == 'selectme') && pcsa.role == \"development\""},
     {"test": "GNP: invalid ServiceAccountSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "invalid-sa-selector"},
                 "spec": {"selector": "mylabel == 'selectme'", "serviceAccountSelector": "role 'development'"}},
      "v1": "mylabel == 'selectme'"},
     {"test": "GNP: all() ServiceAccountSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "all-sa-selector"},
                 "spec": {"selector": "mylabel == 'selectme'", "serviceAccountSelector": "all()"}},
      "v1": "(mylabel == 'selectme') && has(projectcalico.org/serviceaccount)"},
     {"test": "GNP: valid NamespaceSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "valid-ns-selector"},
                 "spec": {"selector": "mylabel == 'selectme'", "namespaceSelector": "name == 'testing'"}},
      "v1": "(mylabel == 'selectme') && pcns.name == \"testing\""},
     {"test": "GNP: invalid NamespaceSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "invalid-ns-selector"},
                 "spec": {"selector": "mylabel == 'selectme'", "namespaceSelector": "name 'testing'"}},
      "v1": "mylabel == 'selectme'"},
     {"test": "GNP: all() NamespaceSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "all-ns-selector"},
                 "spec": {"selector": "mylabel == 'selectme'", "namespaceSelector": "all()"}},
      "v1": "(mylabel == 'selectme') && has(projectcalico.org/namespace)"},
     {"test": "GNP: ServiceAccountSelector and NamespaceSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "sa-and-ns-selector"},
                 "spec": {"selector": "mylabel == 'selectme'", "serviceAccountSelector": "role == 'development'", "namespaceSelector": "name == 'testing'"}},
      "v1": "((mylabel == 'selectme') && pcns.name == \"testing\") && pcsa.role == \"development\""},
     {"test": "GNP: no selector, ServiceAccountSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "no-sel-with-sa-selector"},
                 "spec": {"serviceAccountSelector": "role == 'development'"}},
      "v1": "pcsa.role == \"development\""},
     {"test": "GNP: no selector, NamespaceSelector", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "no-sel-with-ns-selector"},
                 "spec": {"namespaceSelector": "name == 'testing'"}},
      "v1": "pcns.name == \"testing\""},
     {"test": "GNP: no selector, both", "policy": {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy", "metadata": {"name": "no-sel-with-ns-and-sa-selector"},
                 "spec": {"serviceAccountSelector": "role == 'development'", "namespaceSelector": "name == 'testing'"}},
      "v1": "(pcns.name == \"testing\") && pcsa.role == \"development\""}
    ]
    """#

    @Test func policySelectorsMatchCalicosVectors() throws {
        let vectors = try JSONDecoder().decode([PolicyVector].self, from: Data(Self.policySelectorVectors.utf8))
        #expect(vectors.count == 14)
        for vector in vectors {
            switch vector.policy {
            case .networkPolicy(let policy):
                #expect(V3PolicyConversion.v1Selector(for: policy) == vector.v1, "\(vector.test)")
            case .globalNetworkPolicy(let policy):
                #expect(V3PolicyConversion.v1Selector(for: policy) == vector.v1, "\(vector.test)")
            default:
                Issue.record("\(vector.test): not a policy")
            }
        }
    }

    // MARK: rule validation
    // libcalico-go/lib/validator/v3/validator_test.go (the Rule entries; accept = true).
    // netv4_1..4 and netv6_1..3 are the test file's constants, written out.

    struct RuleVector: Decodable {
        var test: String
        var rule: V3Rule
        var valid: Bool
    }

    static let ruleValidationVectors = #"""
    [
     {"test": "should accept Rule with protocol SCTP and no other config", "rule": {"action": "Allow", "protocol": "SCTP"}, "valid": true},
     {"test": "should accept Rule with source ports and protocol type 6", "rule": {"action": "Allow", "protocol": 6, "source": {"ports": [1]}}, "valid": true},
     {"test": "should accept Rule with source named ports and protocol type 6", "rule": {"action": "Allow", "protocol": 6, "source": {"ports": ["foo"]}}, "valid": true},
     {"test": "should accept Rule with source named ports and protocol type tcp", "rule": {"action": "Allow", "protocol": "TCP", "source": {"ports": ["foo"]}}, "valid": true},
     {"test": "should accept Rule with source named ports and protocol type udp", "rule": {"action": "Allow", "protocol": "UDP", "source": {"ports": ["foo"]}}, "valid": true},
     {"test": "should accept Rule with empty source ports and protocol type 7", "rule": {"action": "Allow", "protocol": 7, "source": {"ports": []}}, "valid": true},
     {"test": "should accept Rule with source !ports and protocol type 17", "rule": {"action": "Allow", "protocol": 17, "source": {"notPorts": [1]}}, "valid": true},
     {"test": "should accept Rule with empty source !ports and protocol type 100", "rule": {"action": "Allow", "protocol": 100, "source": {"notPorts": []}}, "valid": true},
     {"test": "should accept Rule with dest ports and protocol type tcp", "rule": {"action": "Allow", "protocol": "TCP", "destination": {"ports": [1]}}, "valid": true},
     {"test": "should reject Rule with dest ports and no protocol", "rule": {"action": "Allow", "destination": {"ports": [1]}}, "valid": false},
     {"test": "should accept Rule with dest named ports and no protocol", "rule": {"action": "Allow", "destination": {"ports": ["foo"]}}, "valid": true},
     {"test": "should accept Rule with !source named ports and no protocol", "rule": {"action": "Allow", "source": {"notPorts": ["foo"]}}, "valid": true},
     {"test": "should reject Rule with invalid port (port 0)", "rule": {"action": "Allow", "protocol": "TCP", "destination": {"notPorts": [0]}}, "valid": false},
     {"test": "should reject named port Rule with invalid protocol", "rule": {"action": "Allow", "protocol": "unknown", "destination": {"notPorts": ["foo"]}}, "valid": false},
     {"test": "should accept Rule with empty dest ports and protocol type SCTP", "rule": {"action": "Allow", "protocol": "SCTP", "destination": {"ports": []}}, "valid": true},
     {"test": "should accept Rule with empty dest !ports and protocol type ICMPv6", "rule": {"action": "Allow", "ipVersion": 6, "protocol": "ICMPv6", "destination": {"notPorts": []}}, "valid": true},
     {"test": "should reject Rule with icmp fields and no protocol", "rule": {"action": "Allow", "ipVersion": 4, "icmp": {"type": 0}}, "valid": false},
     {"test": "should not reject Rule with icmp fields and no ipversion", "rule": {"action": "Allow", "protocol": "ICMP", "icmp": {"type": 0}}, "valid": true},
     {"test": "should not reject Rule with icmpv6 fields and no ipversion", "rule": {"action": "Allow", "protocol": "ICMPv6", "icmp": {"type": 0}}, "valid": true},
     {"test": "should reject Rule with mismatched ipversion for icmp", "rule": {"action": "Allow", "protocol": "ICMP", "ipVersion": 6}, "valid": false},
     {"test": "should reject Rule with mismatched ipversion for icmpv6", "rule": {"action": "Allow", "protocol": "ICMPv6", "ipVersion": 4}, "valid": false},
     {"test": "should allow Rule with correct ipversion for icmp", "rule": {"action": "Allow", "ipVersion": 4, "protocol": "ICMP", "icmp": {"type": 0}}, "valid": true},
     {"test": "should allow Rule with correct ipversion for icmpv6", "rule": {"action": "Allow", "ipVersion": 6, "protocol": "ICMPv6", "icmp": {"type": 0}}, "valid": true},
     {"test": "should reject Rule with source ports and protocol type 7", "rule": {"action": "Allow", "protocol": 7, "source": {"ports": [1]}}, "valid": false},
     {"test": "should reject Rule with source !ports and protocol type 100", "rule": {"action": "Allow", "protocol": 100, "source": {"notPorts": [1]}}, "valid": false},
     {"test": "should allow Rule with dest ports and protocol type sctp", "rule": {"action": "Allow", "protocol": "SCTP", "destination": {"ports": [1]}}, "valid": true},
     {"test": "should reject Rule with dest !ports and protocol type udp", "rule": {"action": "Allow", "ipVersion": 4, "protocol": "icmp", "destination": {"notPorts": [1]}}, "valid": false},
     {"test": "should reject Rule with one invalid port in the port range (MinPort 0)", "rule": {"action": "Allow", "protocol": "TCP", "destination": {"notPorts": ["0:100"]}}, "valid": false},
     {"test": "should reject rule mixed IPv4 (src) and IPv6 (dest)", "rule": {"action": "Allow", "protocol": "TCP", "source": {"nets": ["1.2.3.0/26"]}, "destination": {"nets": ["aabb:aabb::0000/122"]}}, "valid": false},
     {"test": "should reject rule mixed IPv6 (src) and IPv4 (dest)", "rule": {"action": "Allow", "protocol": "TCP", "source": {"nets": ["aabb:aabb::/128"]}, "destination": {"nets": ["1.2.0.0/32"]}}, "valid": false},
     {"test": "should reject rule mixed IPv6 version and IPv4 Net", "rule": {"action": "Allow", "protocol": "TCP", "ipVersion": 6, "source": {"nets": ["1.0.0.0/10"]}, "destination": {"nets": ["1.2.0.0/32"]}}, "valid": false},
     {"test": "should reject rule mixed IPVersion and Source Net IP version", "rule": {"action": "Allow", "protocol": "TCP", "ipVersion": 6, "source": {"nets": ["1.2.3.4/32"]}}, "valid": false},
     {"test": "should reject rule mixed IPVersion and Dest Net IP version", "rule": {"action": "Allow", "protocol": "TCP", "ipVersion": 4, "destination": {"nets": ["aabb:aabb::ffff/128"]}}, "valid": false},
     {"test": "net list: should reject rule mixed IPv6 version and IPv4 Net (notNets)", "rule": {"action": "Allow", "protocol": "TCP", "ipVersion": 6, "source": {"nets": ["1.0.0.0/10"]}, "destination": {"notNets": ["1.2.0.0/32"]}}, "valid": false},
     {"test": "should reject rule with an IPv6 protocol and an IPVersion=4", "rule": {"action": "Allow", "protocol": "ICMPv6", "ipVersion": 4}, "valid": false},
     {"test": "should reject rule with an IPv4 protocol and an IPVersion=6", "rule": {"action": "Allow", "protocol": "ICMP", "ipVersion": 6}, "valid": false}
    ]
    """#

    @Test func ruleValidationMatchesCalicosVectors() throws {
        let vectors = try JSONDecoder().decode([RuleVector].self, from: Data(Self.ruleValidationVectors.utf8))
        #expect(vectors.count == 36)
        for vector in vectors {
            let policy = V3GlobalNetworkPolicy(name: "test", spec: V3PolicySpec(ingress: [vector.rule]))
            let errors = V3Validation.writeErrors(.globalNetworkPolicy(policy))
            #expect(errors.isEmpty == vector.valid, "\(vector.test): \(errors)")
        }
    }

    @Test func reversedPortRangeIsRefusedWhileReading() {
        // "should reject Rule with invalid source ports" ({MinPort: 200, MaxPort: 100}): the
        // JSON form of such a range does not even decode (numorstring.PortFromRange).
        let json = #"{"action": "Allow", "protocol": "TCP", "source": {"ports": ["200:100"]}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(V3Rule.self, from: Data(json.utf8)) }
    }
}
