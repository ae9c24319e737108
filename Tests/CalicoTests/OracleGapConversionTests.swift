import Foundation
import Testing
@testable import Calico

/// The conversion-level half of the gaps the independent oracle found (issue 16): each test
/// states Calico's behaviour with the source path it comes from.
@Suite struct OracleGapConversionTests {
    static func pod(annotations: [String: String]? = nil, podIP: String? = "10.0.0.5", podIPs: [String]? = nil) -> Pod {
        ConversionPodTests.pod(annotations: annotations, podIP: podIP, podIPs: podIPs)
    }

    static func policy(from peers: [NetworkPolicyPeer]? = nil, ports: [NetworkPolicyPort]? = nil) -> NetworkPolicy {
        NetworkPolicy(
            metadata: ObjectMeta(name: "p", namespace: "prod"),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(matchLabels: ["app": "db"]), policyTypes: ["Ingress"],
                ingress: [NetworkPolicyIngressRule(ports: ports, from: peers)]))
    }

    // MARK: allowedSourcePrefixes and floatingIPs
    // workload_endpoint_default.go: `HandleSourceIPSpoofingAnnotation` reads the annotation only
    // when it is non-empty, and parses each entry with `cnet.ParseCIDR`.

    @Test func emptyAllowedSourcePrefixesLeavesTheEndpoint() {
        let pod = Self.pod(annotations: [PodAnnotations.allowedSourcePrefixes: ""])
        #expect(PodConversion.skipReason(for: pod) == nil)
        #expect(PodConversion.endpoint(for: pod) != nil)
    }

    @Test func allowedSourcePrefixesNeedCIDRs() {
        let bare = Self.pod(annotations: [PodAnnotations.allowedSourcePrefixes: "[\"10.0.0.1\"]"])
        #expect(PodConversion.skipReason(for: bare) == "bad allowedSourcePrefixes annotation")
        let cidr = Self.pod(annotations: [PodAnnotations.allowedSourcePrefixes: "[\"10.0.0.0/8\"]"])
        #expect(PodConversion.skipReason(for: cidr) == "source spoofing not allowed by Felix config")
        let none = Self.pod(annotations: [PodAnnotations.allowedSourcePrefixes: "[]"])
        #expect(PodConversion.endpoint(for: none) != nil)
    }

    @Test func floatingIPsAnnotationChecksPodIPsEvenWhenEmpty() {
        // The converter checks every pod IP's mask before it reads the list.
        let wide = Self.pod(annotations: [PodAnnotations.floatingIPs: "[]"], podIP: "10.0.0.5/24")
        #expect(PodConversion.skipReason(for: wide) == "floating IPs need single-address pod IPs")
        let single = Self.pod(annotations: [PodAnnotations.floatingIPs: "[]"], podIP: "10.0.0.5")
        #expect(PodConversion.endpoint(for: single) != nil)
    }

    // MARK: IPv4-mapped IPv6
    // libcalico-go/lib/net/ipnet.go: `ParseCIDROrIP` keeps `To4()` of a bare address; Go's
    // `IPNet.String` prints a mapped network with a prefix ≥ 96 in dotted form.

    @Test func ipv4MappedPodIPIsIPv4() throws {
        let endpoint = try #require(PodConversion.endpoint(for: Self.pod(podIP: "::ffff:10.0.0.1")))
        #expect(endpoint.ipv4Nets == ["10.0.0.1/32"])
        #expect(endpoint.ipv6Nets.isEmpty)
        #expect(endpoint.memberAddresses == ["10.0.0.1/32"])
        let dual = try #require(PodConversion.endpoint(for: Self.pod(podIPs: ["::ffff:10.0.0.2", "fd00::2"])))
        #expect(dual.ipv4Nets == ["10.0.0.2/32"] && dual.ipv6Nets == ["fd00::2/128"])
    }

    @Test func ipv4MappedCIDRsFoldOnlyWithLongPrefixes() {
        #expect(IPNetwork(cidr: "::ffff:10.0.0.7/120")?.masked.description == "10.0.0.0/24")
        #expect(IPNetwork(cidrOrIP: "::ffff:10.0.0.7")?.description == "10.0.0.7/32")
        // A prefix under 96 clears the ffff: the network stays IPv6.
        #expect(IPNetwork(cidr: "::ffff:10.0.0.7/64")?.masked.description == "::/64")
        // Not mapped: unchanged.
        #expect(IPNetwork(cidrOrIP: "::fffe:10.0.0.7")?.isIPv4 == false)
        #expect(IPNetwork(cidrOrIP: "1::ffff:10.0.0.7")?.isIPv4 == false)
    }

    // MARK: Profile labels Felix keeps
    // libcalico-go/lib/validator/v3/validator.go (`validateLabels` on `LabelsToApply`); the
    // validation filter turns an invalid v3 Profile into a deletion, so its labels are gone.

    @Test func namespaceLabelKeyTooLongOncePrefixedDropsAllProfileLabels() {
        let key59 = String(repeating: "k", count: 59)
        let key58 = String(repeating: "k", count: 58)
        let long = ProfileConversion.namespaceProfile(for: Namespace(name: "prod", labels: [key59: "v", "area": "a"]))
        #expect(long.labels.isEmpty)
        #expect(long.profile == Profile(inboundRules: [Rule(action: "allow")], outboundRules: [Rule(action: "allow")]))
        let fits = ProfileConversion.namespaceProfile(for: Namespace(name: "prod", labels: [key58: "v"]))
        #expect(fits.labels == ["pcns." + key58: "v", "pcns.projectcalico.org/name": "prod"])
        // A prefixed key keeps its name part: the prefix grows, not the name.
        let prefixed = ProfileConversion.namespaceProfile(for: Namespace(name: "prod", labels: ["example.com/" + key59: "v"]))
        #expect(prefixed.labels["pcns.example.com/" + key59] == "v")
    }

    @Test func serviceAccountProfileCarriesItsLabels() {
        let account = ServiceAccount(namespace: "prod", name: "robot", labels: ["team": "blue"])
        let profile = ProfileConversion.serviceAccountProfile(for: account)
        #expect(profile.id == ProfileID(name: "ksa.prod.robot"))
        #expect(profile.labels == ["pcsa.team": "blue", "pcsa.projectcalico.org/name": "robot"])
        #expect(profile.profile == Profile())
        // A 64-character account name is a valid subdomain but not a valid label value.
        let longName = String(repeating: "r", count: 64)
        #expect(ProfileConversion.serviceAccountProfile(for: ServiceAccount(namespace: "prod", name: longName)).labels.isEmpty)
    }

    @Test func serviceAccountsDecodeFromAListAndAreTracked() throws {
        let json = """
        {"apiVersion":"v1","kind":"List","items":[
          {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"robot","namespace":"prod","labels":{"team":"blue"}}},
          {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"prod"}}]}
        """
        let snapshot = try KubeJSON.decode(ClusterSnapshot.self, from: Data(json.utf8))
        #expect(snapshot.tracksServiceAccounts)
        #expect(snapshot.sortedServiceAccounts.map(\.labels) == [["team": "blue"]])
        let again = try KubeJSON.decode(ClusterSnapshot.self, from: KubeJSON.encode(snapshot))
        #expect(again == snapshot)
        #expect(!ClusterSnapshot(objects: [.namespace(Namespace(name: "prod"))]).tracksServiceAccounts)
        // Deleting the last account still leaves the list authoritative.
        let deleted = snapshot.applying(.delete(ObjectRef(kind: .serviceAccount, namespace: "prod", name: "robot")))
        #expect(deleted.serviceAccounts.isEmpty && deleted.tracksServiceAccounts)
    }

    // MARK: Felix's validator rejects the whole policy
    // typha/pkg/validator/v1/validator.go (`validateBackendRule`, `validateProtocol`);
    // libcalico-go/lib/backend/model/rule.go (`orig_*_namespace_selector` carry `selector`).

    @Test func unparseableNamespaceSelectorInvalidatesThePolicy() {
        let bad = Self.policy(from: [NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["area": "it's"]))])
        let converted = FelixPolicyConversion.felixPolicy(for: bad)
        #expect(!converted.isValid)
        #expect(converted.ipSets.isEmpty)
        let good = Self.policy(from: [NetworkPolicyPeer(namespaceSelector: LabelSelector(matchLabels: ["area": "its"]))])
        #expect(FelixPolicyConversion.felixPolicy(for: good).isValid)
    }

    @Test func portsOnAProtocolWithoutPortsInvalidateThePolicy() {
        let cases: [(NetworkPolicyPort, Bool)] = [
            (NetworkPolicyPort(protocol: "ICMP", port: .string("http")), false),
            (NetworkPolicyPort(protocol: "ICMP", port: .int(80)), false),
            (NetworkPolicyPort(protocol: "UDPLite", port: .int(80)), false),
            (NetworkPolicyPort(protocol: "ICMP"), true),
            (NetworkPolicyPort(protocol: "TCP", port: .string("http")), true),
            (NetworkPolicyPort(protocol: "SCTP", port: .int(80)), true),
            (NetworkPolicyPort(protocol: "FOO"), false),
        ]
        for (port, valid) in cases {
            #expect(FelixPolicyConversion.felixPolicy(for: Self.policy(ports: [port])).isValid == valid, "\(port)")
        }
    }

    @Test func ruleValidationReasons() {
        func rule(_ proto: String?, _ ports: [CalicoPort]?) -> CalicoRule {
            CalicoRule(action: "Allow", protocol: proto, destination: CalicoEntityRule(ports: ports))
        }
        #expect(FelixRuleValidation.rejection(of: rule("ICMP", [.named("http")])) == "protocol does not support ports: ICMP")
        #expect(FelixRuleValidation.rejection(of: rule(nil, [.single(80)])) != nil)
        #expect(FelixRuleValidation.rejection(of: rule(nil, [.named("http")])) == nil)
        #expect(FelixRuleValidation.rejection(of: rule("6", [.single(80)])) == nil)
        #expect(FelixRuleValidation.rejection(of: rule("1", [.single(80)])) != nil)
        #expect(FelixRuleValidation.rejection(of: rule("0", nil)) == "protocol number invalid")
        #expect(FelixRuleValidation.rejection(of: rule("256", nil)) == "protocol name invalid")
        #expect(FelixRuleValidation.rejection(of: rule("+6", nil)) == "protocol name invalid")
    }
}
