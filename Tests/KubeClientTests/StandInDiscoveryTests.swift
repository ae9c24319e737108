// The documents kubectl reads from the stand-in before any request (DiscoveryHandler): legacy
// discovery naming every resource and its status subresource, and the OpenAPI v3 index and
// group documents whose PATCH operations carry `fieldValidation` (what kubectl's default
// `--validate=strict` checks). KubectlStandInTests drives a real kubectl through them; these
// hold the shapes without one.

import Foundation
import KubeStandIn
import Testing
@testable import KubeClient

@Suite("Stand-in discovery and OpenAPI documents")
struct StandInDiscoveryTests {
    @Test func legacyDiscoveryNamesEveryResource() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let (apiCode, api, apiHeaders) = try await rawRequest(standIn.baseURL, method: "GET", path: "/api")
        #expect(apiCode == 200)
        #expect(apiHeaders["content-type"] == "application/json")
        #expect(api?["kind"] == "APIVersions" && api?["versions"] == ["v1"])

        let (_, groups, _) = try await rawRequest(standIn.baseURL, method: "GET", path: "/apis")
        let names = groups?["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names == ["networking.k8s.io", "crd.projectcalico.org"])
        #expect(groups?["groups"]?.arrayValue?.first?["preferredVersion"]?["groupVersion"] == "networking.k8s.io/v1")

        let (_, core, _) = try await rawRequest(standIn.baseURL, method: "GET", path: "/api/v1")
        #expect(core?["kind"] == "APIResourceList" && core?["groupVersion"] == "v1")
        let resources = core?["resources"]?.arrayValue ?? []
        let byName = Dictionary(uniqueKeysWithValues: resources.compactMap { r in r["name"]?.stringValue.map { ($0, r) } })
        #expect(Set(byName.keys) == ["namespaces", "namespaces/status", "nodes", "nodes/status", "pods", "pods/status", "serviceaccounts"])
        #expect(byName["pods"]?["namespaced"] == true && byName["nodes"]?["namespaced"] == false)
        #expect(byName["pods"]?["kind"] == "Pod" && byName["pods"]?["shortNames"] == ["po"])
        #expect(byName["pods/status"]?["verbs"] == ["get", "patch", "update"])

        let (_, networking, _) = try await rawRequest(standIn.baseURL, method: "GET", path: "/apis/networking.k8s.io/v1")
        #expect(networking?["groupVersion"] == "networking.k8s.io/v1")
        #expect(networking?["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["networkpolicies"])

        let (missingCode, _, _) = try await rawRequest(standIn.baseURL, method: "GET", path: "/apis/apps/v1")
        #expect(missingCode == 404)
    }

    @Test func openAPIv3PatchOperationsOfferFieldValidation() async throws {
        let standIn = try KubeStandIn.start()
        defer { standIn.stop() }
        let (_, index, _) = try await rawRequest(standIn.baseURL, method: "GET", path: "/openapi/v3")
        let url = try #require(index?["paths"]?["api/v1"]?["serverRelativeURL"]?.stringValue)
        let (code, document, _) = try await rawRequest(standIn.baseURL, method: "GET", path: url)
        #expect(code == 200)
        let pod = try #require(document?["paths"]?["/api/v1/namespaces/{namespace}/pods/{name}"]?["patch"])
        #expect(pod["x-kubernetes-group-version-kind"] == ["group": "", "version": "v1", "kind": "Pod"])
        #expect(pod["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" } == true)
        let namespace = document?["paths"]?["/api/v1/namespaces/{name}"]?["patch"]
        #expect(namespace?["x-kubernetes-group-version-kind"]?["kind"] == "Namespace")

        let policyURL = try #require(index?["paths"]?["apis/networking.k8s.io/v1"]?["serverRelativeURL"]?.stringValue)
        let (_, policies, _) = try await rawRequest(standIn.baseURL, method: "GET", path: policyURL)
        #expect(policies?["paths"]?["/apis/networking.k8s.io/v1/namespaces/{namespace}/networkpolicies/{name}"]?["patch"]?["x-kubernetes-group-version-kind"]?["kind"] == "NetworkPolicy")
    }
}
