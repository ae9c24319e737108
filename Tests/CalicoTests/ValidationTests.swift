import Foundation
import Testing
@testable import Calico

/// Helpers that build small valid objects to break one field at a time.
enum ValidationFixtures {
    static func pod(
        name: String = "web-1", namespace: String = "prod", labels: [String: String]? = ["app": "web"],
        ports: [ContainerPort]? = nil, containers: [Container]? = nil
    ) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
            spec: PodSpec(
                nodeName: "node-a", serviceAccountName: "default",
                containers: containers ?? [Container(name: "c", image: "example.invalid/web:1", ports: ports)]),
            status: PodStatus(phase: "Running", podIP: "10.0.0.5", podIPs: [PodIP(ip: "10.0.0.5")]))
    }

    static func policy(name: String = "allow-web", spec: NetworkPolicySpec) -> NetworkPolicy {
        NetworkPolicy(metadata: ObjectMeta(name: name, namespace: "prod"), spec: spec)
    }

    static func ingressPolicy(ports: [NetworkPolicyPort]? = nil, from: [NetworkPolicyPeer]? = nil) -> NetworkPolicy {
        policy(spec: NetworkPolicySpec(
            podSelector: LabelSelector(matchLabels: ["app": "web"]), policyTypes: ["Ingress"],
            ingress: [NetworkPolicyIngressRule(ports: ports, from: from)]))
    }
}

@Suite struct ValidationNameTests {
    @Test func validObjectsPass() {
        let objects: [KubeObject] = [
            .namespace(Namespace(name: "prod", labels: ["team": "a", "example.com/tier": "gold"])),
            .node(Node(name: "node-a.example.com", internalIP: "192.168.0.1", podCIDR: "10.0.0.0/24")),
            .pod(ValidationFixtures.pod(ports: [ContainerPort(name: "http", containerPort: 80, protocol: "TCP")])),
            .networkPolicy(ValidationFixtures.ingressPolicy(
                ports: [NetworkPolicyPort(protocol: "TCP", port: .int(8000), endPort: 8080),
                        NetworkPolicyPort(protocol: "UDP", port: .string("dns"))],
                from: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["role": "client"]),
                                         namespaceSelector: LabelSelector()),
                       NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/8", except: ["10.1.0.0/16"]))])),
        ]
        for object in objects {
            #expect(KubeValidation.validate(object) == [], "\(object.ref)")
        }
    }

    @Test func podNameMatchesTheAPIServerTranscript() {
        // shared/spec/kube-apiserver-transcripts/16-create-pod-invalid-name-422.json
        let errors = KubeValidation.validate(.pod(ValidationFixtures.pod(name: "Bad_Name")))
        #expect(errors.map(\.path) == ["metadata.name"])
        #expect(errors.first?.message == #"Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#)
    }

    @Test func nodeNameMatchesTheAPIServerTranscript() {
        // 17-create-node-invalid-name-422.json
        let errors = KubeValidation.validate(.node(Node(name: "Node_A!")))
        #expect(errors.map(\.description) == [#"metadata.name: Invalid value: "Node_A!": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#])
    }

    @Test func podWithoutContainersMatchesTheTranscript() {
        // 18-create-pod-no-containers-422.json
        let errors = KubeValidation.validate(.pod(ValidationFixtures.pod(containers: [])))
        #expect(errors.map(\.description) == ["spec.containers: Required value"])
    }

    @Test func namespaceNamesAreLabelsOthersSubdomains() {
        // A dotted name is a subdomain but not a label.
        let dotted = KubeValidation.validate(.namespace(Namespace(name: "team.prod")))
        #expect(dotted.map(\.message) == [#"Invalid value: "team.prod": must not contain dots"#])
        #expect(KubeValidation.validate(.pod(ValidationFixtures.pod(name: "web.1"))) == [])
        #expect(KubeValidation.validate(.node(Node(name: "node.a"))) == [])
        #expect(KubeValidation.validate(.networkPolicy(ValidationFixtures.policy(name: "p.v1", spec: NetworkPolicySpec()))) == [])
        let upper = KubeValidation.validate(.networkPolicy(ValidationFixtures.policy(name: "P", spec: NetworkPolicySpec())))
        #expect(upper.map(\.path) == ["metadata.name"])
    }

    @Test func nameLengthLimits() {
        let long64 = String(repeating: "a", count: 64)
        let nsErrors = KubeValidation.validate(.namespace(Namespace(name: long64)))
        #expect(nsErrors.map(\.message) == [#"Invalid value: "\#(long64)": must be no more than 63 characters"#])
        #expect(KubeValidation.validate(.pod(ValidationFixtures.pod(name: long64))) == [])
        let long254 = String(repeating: "a", count: 254)
        #expect(KubeValidation.validate(.pod(ValidationFixtures.pod(name: long254))).count == 1)
    }

    @Test func emptyNameIsRequired() {
        let errors = KubeValidation.validate(.namespace(Namespace(name: "")))
        #expect(errors.map(\.description) == ["metadata.name: Required value: name or generateName is required"])
    }

    @Test func clusterScopedKindsRejectANamespace() {
        let node = Node(metadata: ObjectMeta(name: "n", namespace: "prod"))
        #expect(KubeValidation.validate(.node(node)).map(\.path) == ["metadata.namespace"])
    }
}

extension Node {
    init(metadata: ObjectMeta) {
        self.init(name: metadata.name)
        self.metadata = metadata
    }
}

@Suite struct ValidationLabelTests {
    private func labelErrors(_ labels: [String: String]) -> [FieldError] {
        KubeValidation.validate(.namespace(Namespace(name: "prod", labels: labels)))
    }

    @Test func goodLabels() {
        #expect(labelErrors(["a": "", "A-b_c.d": "X_y-z.1", "example.com/x": "1", String(repeating: "k", count: 63): String(repeating: "v", count: 63)]) == [])
    }

    @Test func badKeys() {
        #expect(labelErrors(["-a": "x"]).map(\.path) == ["metadata.labels"])
        #expect(labelErrors([String(repeating: "k", count: 64): "x"]).first?.message.contains("name part must be no more than 63 characters") == true)
        #expect(labelErrors(["Example.com/x": "1"]).first?.message.contains("prefix part a lowercase RFC 1123 subdomain") == true)
        #expect(labelErrors(["/x": "1"]).first?.message.contains("prefix part must be non-empty") == true)
        #expect(labelErrors(["a/b/c": "1"]).first?.message.contains("a qualified name must consist") == true)
        #expect(labelErrors(["a/": "1"]).first?.message.contains("name part must be non-empty") == true)
    }

    @Test func badValues() {
        let errors = labelErrors(["app": "web!"])
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix(#"Invalid value: "web!": a valid label must be an empty string"#) == true)
        #expect(labelErrors(["app": String(repeating: "v", count: 64)]).map(\.message) == [
            #"Invalid value: "\#(String(repeating: "v", count: 64))": must be no more than 63 characters"#,
        ])
        #expect(labelErrors(["app": "-web"]).count == 1)
    }

    @Test func annotationSizeLimit() {
        let big = String(repeating: "x", count: 256 * 1024)
        let ns = Namespace(metadata: ObjectMeta(name: "prod", annotations: ["k": big]))
        #expect(KubeValidation.validate(.namespace(ns)).map(\.description) == [
            "metadata.annotations: Too long: may not be more than 262144 bytes",
        ])
        let ok = Namespace(metadata: ObjectMeta(name: "prod", annotations: ["Example.com/Note": "x"]))
        #expect(KubeValidation.validate(.namespace(ok)) == [])
    }
}

@Suite struct ValidationPodTests {
    @Test func containerPorts() {
        let pod = ValidationFixtures.pod(ports: [
            ContainerPort(name: "http", containerPort: 0),
            ContainerPort(name: "HTTP", containerPort: 70000, protocol: "ICMP"),
            ContainerPort(name: "http", containerPort: 81, hostPort: 65536),
        ])
        let errors = KubeValidation.validate(.pod(pod)).map(\.description)
        #expect(errors == [
            "spec.containers[0].ports[0].containerPort: Required value",
            #"spec.containers[0].ports[1].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"#,
            #"spec.containers[0].ports[1].name: Invalid value: "HTTP": must contain at least one letter (a-z)"#,
            "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            #"spec.containers[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP""#,
            #"spec.containers[0].ports[2].name: Duplicate value: "http""#,
            "spec.containers[0].ports[2].hostPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
        ])
    }

    @Test func containerNamesAndImages() {
        let pod = ValidationFixtures.pod(containers: [
            Container(name: "c", image: "i"), Container(name: "c", image: "i"), Container(name: "", image: nil),
        ])
        #expect(KubeValidation.validate(.pod(pod)).map(\.description) == [
            #"spec.containers[1].name: Duplicate value: "c""#,
            "spec.containers[2].name: Required value",
            "spec.containers[2].image: Required value",
        ])
    }

    @Test func statusIPs() {
        var pod = ValidationFixtures.pod()
        pod.status = PodStatus(podIP: "10.0.0.300", podIPs: [PodIP(ip: "10.0.0.1"), PodIP(ip: "10.0.0.2")])
        #expect(KubeValidation.validate(.pod(pod)).map(\.path) == ["status.podIP", "status.podIPs"])
        pod.status = PodStatus(podIP: "10.0.0.1", podIPs: [PodIP(ip: "10.0.0.1"), PodIP(ip: "fd00::1")])
        #expect(KubeValidation.validate(.pod(pod)) == [])
    }

    @Test func nodeAndServiceAccountNames() {
        var pod = ValidationFixtures.pod()
        pod.spec.nodeName = "Node_A"
        pod.spec.serviceAccountName = "SA"
        #expect(KubeValidation.validate(.pod(pod)).map(\.path) == ["spec.nodeName", "spec.serviceAccountName"])
    }
}
