import Foundation
import Testing
@testable import Calico

/// Pod → endpoint and Namespace → profile (spec §1.1, §1.2, §0 A3, A6, B3).
@Suite struct ConversionPodTests {
    static func pod(
        name: String = "db-0", namespace: String = "prod", labels: [String: String]? = ["app": "db"],
        annotations: [String: String]? = nil, deleting: Bool = false, node: String? = "host-1",
        serviceAccount: String? = "default", hostNetwork: Bool? = nil, phase: String? = "Running",
        podIP: String? = "10.0.0.5", podIPs: [String]? = nil,
        containers: [Container] = [Container(name: "c")], initContainers: [Container]? = nil
    ) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels, annotations: annotations,
                                 deletionTimestamp: deleting ? "2026-01-01T00:00:00Z" : nil),
            spec: PodSpec(nodeName: node, serviceAccountName: serviceAccount, hostNetwork: hostNetwork,
                          containers: containers, initContainers: initContainers),
            status: PodStatus(phase: phase, podIP: podIP, podIPs: podIPs?.map(PodIP.init(ip:))))
    }

    @Test func runningPodBecomesEndpoint() throws {
        let endpoint = try #require(PodConversion.endpoint(for: Self.pod()))
        #expect(endpoint.hostname == "host-1")
        #expect(endpoint.id == WorkloadEndpointID(orchestratorID: "k8s", workloadID: "prod/db-0", endpointID: "eth0"))
        #expect(endpoint.labels == [
            "app": "db", "projectcalico.org/namespace": "prod", "projectcalico.org/orchestrator": "k8s",
            "projectcalico.org/serviceaccount": "default",
        ])
        #expect(endpoint.profileIDs == ["kns.prod", "ksa.prod.default"])
        #expect(endpoint.ipv4Nets == ["10.0.0.5/32"])
        #expect(endpoint.ipv6Nets.isEmpty)
        #expect(endpoint.interfaceName == "cali20aafc107a9")
        #expect(endpoint.memberAddresses == ["10.0.0.5/32"])
        let wep = endpoint.workloadEndpoint(tiers: [TierInfo(name: "default", defaultAction: "Deny")])
        #expect(wep.state == "active" && wep.name == "cali20aafc107a9" && wep.mac.isEmpty)
        #expect(wep.profileIDs == endpoint.profileIDs && wep.tiers.count == 1)
    }

    @Test func skipCases() {
        #expect(PodConversion.endpoint(for: Self.pod(hostNetwork: true)) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(node: nil)) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(node: "")) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(podIP: nil)) == nil)
        for phase in ["Failed", "Succeeded", "Completed"] {
            #expect(PodConversion.endpoint(for: Self.pod(phase: phase)) == nil, "phase \(phase)")
        }
        #expect(PodConversion.endpoint(for: Self.pod(phase: "Pending")) != nil)
        #expect(PodConversion.skipReason(for: Self.pod(hostNetwork: true)) == "host-networked")
    }

    @Test func terminatingPods() {
        // Deleting with the CNI annotation emptied: finished.
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.podIP: ""], deleting: true)) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.awsPodIPs: ""], deleting: true)) == nil)
        // Deleting but still holding its IP: still there (calico#4518).
        #expect(PodConversion.endpoint(for: Self.pod(deleting: true)) != nil)
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.podIP: "10.0.0.5"], deleting: true)) != nil)
        // An emptied annotation without deletion does not finish the pod.
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.podIP: ""])) != nil)
    }

    @Test func ipSelectionOrderAndMasking() throws {
        let dual = try #require(PodConversion.endpoint(for: Self.pod(podIP: "10.0.0.9", podIPs: ["10.0.0.5", "FD00::0:5"])))
        #expect(dual.ipv4Nets == ["10.0.0.5/32"])
        #expect(dual.ipv6Nets == ["fd00::5/128"])
        #expect(dual.memberAddresses == ["10.0.0.5/32", "fd00::5/128"])
        let fromAnnotations = try #require(PodConversion.endpoint(for: Self.pod(
            annotations: [PodAnnotations.podIPs: "10.0.0.5/24,fd00::1", PodAnnotations.podIP: "10.9.9.9"], podIP: nil)))
        #expect(fromAnnotations.ipv4Nets == ["10.0.0.0/24"])
        #expect(fromAnnotations.memberAddresses == ["10.0.0.0/32", "fd00::1/128"])
        let singular = try #require(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.podIP: "10.1.1.1"], podIP: nil)))
        #expect(singular.ipv4Nets == ["10.1.1.1/32"])
        let aws = try #require(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.awsPodIPs: "10.2.2.2"], podIP: nil)))
        #expect(aws.ipv4Nets == ["10.2.2.2/32"])
    }

    @Test func unparseableIPsGiveNoEndpoint() {
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.podIPs: "10.0.0.1, 10.0.0.2"], podIP: nil)) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.podIPs: "10.0.0.1,"], podIP: nil)) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(podIP: "10.0.0.256")) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(podIPs: ["10.0.0.1", ""])) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.floatingIPs: "not json"])) == nil)
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.floatingIPs: "[]"])) != nil)
        #expect(PodConversion.endpoint(for: Self.pod(annotations: [PodAnnotations.allowedSourcePrefixes: "[\"10.0.0.0/8\"]"])) == nil)
    }

    @Test func labelStripping() throws {
        let endpoint = try #require(PodConversion.endpoint(for: Self.pod(labels: [
            "pcns.team": "spoof", "pcsa.x": "y", "projectcalico.org/namespace": "other",
            "projectcalico.org/orchestrator": "mesos", "keep": "",
        ], serviceAccount: nil)))
        #expect(endpoint.labels == ["keep": "", "projectcalico.org/namespace": "prod", "projectcalico.org/orchestrator": "k8s"])
        #expect(endpoint.profileIDs == ["kns.prod"])
        let longAccount = String(repeating: "s", count: 70)
        #expect(PodConversion.endpoint(for: Self.pod(serviceAccount: longAccount))?.labels["projectcalico.org/serviceaccount"] == longAccount)
    }

    @Test func interfaceNames() {
        #expect(PodConversion.interfaceName(namespace: "prod", pod: "db-0") == "cali20aafc107a9")
        // Reference value: `printf default.web | sha1sum | cut -c1-11`.
        #expect(PodConversion.interfaceName(namespace: "default", pod: "web") == "cali68caf03a5f4")
        #expect(PodConversion.interfaceName(namespace: "a", pod: "b") != PodConversion.interfaceName(namespace: "b", pod: "a"))
    }

    @Test func namedPorts() throws {
        let pod = Self.pod(
            containers: [
                Container(name: "a", ports: [
                    ContainerPort(name: "http", containerPort: 80),
                    ContainerPort(name: "dns", containerPort: 53, protocol: "UDP"),
                    ContainerPort(containerPort: 8080, hostPort: 8080),
                    ContainerPort(name: "zero", containerPort: 0),
                    ContainerPort(name: "odd", containerPort: 9, protocol: "ICMP"),
                    ContainerPort(name: "lower", containerPort: 10, protocol: "udp"),
                ]),
                Container(name: "b", ports: [ContainerPort(name: "http", containerPort: 81, protocol: "SCTP")]),
            ],
            initContainers: [Container(name: "i", ports: [ContainerPort(name: "init", containerPort: 7, protocol: "TCP")])])
        let endpoint = try #require(PodConversion.endpoint(for: pod))
        #expect(endpoint.namedPorts == [
            EndpointNamedPort(name: "http", protocol: "tcp", port: 80),
            EndpointNamedPort(name: "dns", protocol: "udp", port: 53),
            EndpointNamedPort(name: "http", protocol: "sctp", port: 81),
            EndpointNamedPort(name: "init", protocol: "tcp", port: 7),
        ])
    }

    @Test func profiles() {
        let namespace = ProfileConversion.namespaceProfile(for: Namespace(name: "prod", labels: ["team": "a", "kubernetes.io/metadata.name": "prod"]))
        #expect(namespace.id == ProfileID(name: "kns.prod"))
        #expect(namespace.labels == ["pcns.team": "a", "pcns.kubernetes.io/metadata.name": "prod", "pcns.projectcalico.org/name": "prod"])
        #expect(namespace.profile.inboundRules == [Rule(action: "allow")])
        #expect(namespace.profile.outboundRules == [Rule(action: "allow")])
        let account = ProfileConversion.serviceAccountProfile(namespace: "prod", name: "web")
        #expect(account.id == ProfileID(name: "ksa.prod.web"))
        #expect(account.labels == ["pcsa.projectcalico.org/name": "web"])
        #expect(account.profile == Profile())
        #expect(ProfileConversion.serviceAccountProfile(namespace: "", name: "x").id.name == "ksa.default.x")
        #expect(ProfileConversion.missingProfile.inboundRules.map(\.action) == ["deny"])
        #expect(ProfileConversion.missingProfile.outboundRules.map(\.action) == ["deny"])
    }

    @Test func ipNetworkParsingAndPrinting() {
        #expect(IPNetwork(cidrOrIP: "fd00:0:0:1::5")?.description == "fd00:0:0:1::5/128")
        #expect(IPNetwork(cidrOrIP: "0:0:1:0:0:0:0:1")?.description == "0:0:1::1/128")
        #expect(IPNetwork(cidrOrIP: "::")?.description == "::/128")
        #expect(IPNetwork(cidrOrIP: "1:0:1:0:1:0:1:0")?.description == "1:0:1:0:1:0:1:0/128")
        #expect(IPNetwork(cidrOrIP: "::ffff:10.0.0.1")?.bytes.suffix(4) == [10, 0, 0, 1])
        #expect(IPNetwork(cidr: "192.168.7.9/20")?.masked.description == "192.168.0.0/20")
        #expect(IPNetwork(cidr: "10.0.0.1") == nil)
        #expect(IPNetwork(cidr: "10.0.0.1/33") == nil)
        #expect(IPNetwork(cidrOrIP: "010.0.0.1") == nil)
        #expect(IPNetwork(cidrOrIP: "1::2::3") == nil)
        #expect(IPNetwork(cidrOrIP: "1:2:3:4:5:6:7:8:9") == nil)
    }
}
