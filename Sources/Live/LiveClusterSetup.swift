// What Felix needs in a KDD cluster before it starts, and removing everything k8sfv made.
// Takes: a KubeClient and the run ID. Gives: `setUp` (ClusterInformation `default` with
// datastoreReady, the built-in Tiers, the local and remote Nodes with their address
// annotations; felix-live.md §3.2, §3.3), `tearDown` (every object carrying this run's label,
// and nothing else), and the sweep the live target runs between scenarios.
// Cost: one request per object (plus the ownership guard's read before each delete).

import Calico
import Driver
import Foundation
import KubeClient

public struct LiveClusterSetup: Sendable {
    public let client: KubeClient
    public let owned: OwnedClient
    public let runID: String

    /// The annotation Calico reads a node's IPv4 address (CIDR) from
    /// (projectcalico/calico:libcalico-go/lib/backend/k8s/resources/node.go).
    public static let ipv4AddressAnnotation = "projectcalico.org/IPv4Address"

    public init(client: KubeClient, runID: String) throws {
        self.client = client
        self.runID = runID
        do {
            owned = OwnedClient(client: client, ownership: try Ownership(runID: runID))
        } catch {
            throw TargetError("\(error)")
        }
    }

    /// The objects `setUp` creates, in order.
    public static func setupObjects(localHost: String, remoteHosts: [String]) -> [(KubeResource, JSONValue)] {
        var objects: [(KubeResource, JSONValue)] = []
        // ClusterInformation `default`: Felix waits for datastoreReady (daemon.go loadConfigFromDatastore).
        objects.append((.clusterInformations, [
            "apiVersion": "crd.projectcalico.org/v1", "kind": "ClusterInformation",
            "metadata": ["name": "default"],
            "spec": ["datastoreReady": true, "calicoVersion": "k8sfv", "clusterType": "k8sfv,kdd",
                     "clusterGUID": "k8sfv-live"],
        ]))
        // The tiers EnsureInitialized creates (libcalico-go/lib/clientv3/client.go); without the
        // `default` tier, TierInfo.default_action would be empty.
        for tier in Tiers.builtIn {
            var spec: JSONValue = ["defaultAction": .string(tier.defaultAction)]
            if let order = tier.order { spec["order"] = .double(order) }
            objects.append((.tiers, [
                "apiVersion": "crd.projectcalico.org/v1", "kind": "Tier",
                "metadata": ["name": .string(tier.name)], "spec": spec,
            ]))
        }
        for (index, host) in ([localHost] + remoteHosts).enumerated() {
            objects.append((.nodes, [
                "apiVersion": "v1", "kind": "Node",
                "metadata": [
                    "name": .string(host),
                    "annotations": [ipv4AddressAnnotation: .string("11.65.0.\(index + 1)/16")],
                ],
            ]))
        }
        return objects
    }

    /// Creates what Felix needs. An object that already exists and is not this run's is left
    /// alone (a ClusterInformation that is not ready is an error: k8sfv will not change it).
    /// Returns one line per object, for the user.
    @discardableResult
    public func setUp(localHost: String, remoteHosts: [String]) throws -> [String] {
        var lines: [String] = []
        let owned = self.owned
        for (resource, object) in Self.setupObjects(localHost: localHost, remoteHosts: remoteHosts) {
            let name = object.metadataName ?? "?"
            do {
                _ = try LiveBlocking.run { try await owned.create(resource, object) }
                lines.append("created \(resource.kind) \(name)")
            } catch let error as KubeClientError where error.isAlreadyExists {
                let existing = try LiveBlocking.run { try await owned.get(resource, name: name) }
                if owned.ownership.owns(existing) {
                    _ = try LiveBlocking.run { try await owned.replace(resource, object) }
                    lines.append("updated \(resource.kind) \(name) (this run's)")
                } else if resource == .clusterInformations, existing["spec"]?["datastoreReady"]?.boolValue != true {
                    throw TargetError(
                        "ClusterInformation 'default' exists, is not k8sfv's, and is not datastoreReady; k8sfv will not change it")
                } else {
                    lines.append("kept \(resource.kind) \(name) (exists, not k8sfv's: left untouched)")
                }
            } catch let error as KubeClientError where error.isNotFound {
                throw TargetError(
                    "the API server has no \(resource) resource: install the Calico CRDs first (see docs/live.md)")
            }
        }
        return lines
    }

    /// Deletes every object carrying this run's label, and nothing else. Returns what it deleted.
    @discardableResult
    public func tearDown() throws -> [String] {
        var lines = try deleteOwned([.pods, .networkPolicies, .serviceAccounts, .namespaces, .nodes], keepingNode: nil)
        // Calico's own resources the live writer made (LiveCalicoWriter), policies before the
        // tiers they name; then the setup's Tiers and ClusterInformation.
        let calicoKinds = ["NetworkPolicy", "GlobalNetworkPolicy", "NetworkSet", "GlobalNetworkSet"]
            .compactMap(LiveClusterWriter.resource(forCalicoKind:))
        for resource in calicoKinds + [KubeResource.tiers, .clusterInformations] {
            do {
                lines += try deleteOwned([resource], keepingNode: nil)
            } catch let error as TargetError where error.message.contains("404") || error.message.contains("NotFound") {
                continue  // CRD not installed: nothing of ours there
            }
        }
        try waitForOwnedNamespacesToGo(timeout: 60)
        return lines
    }

    /// Between scenarios: removes this run's pods, policies, namespaces and nodes (except
    /// `keepingNode`). Namespaces are left to terminate in the background (5–6 s with a
    /// namespace controller, felix-live.md §8.1): every sequence has its own namespace names.
    public func deleteOwnedScenarioObjects(keepingNode: String?) throws {
        _ = try deleteOwned([.pods, .networkPolicies, .namespaces, .nodes], keepingNode: keepingNode)
    }

    private func deleteOwned(_ resources: [KubeResource], keepingNode: String?) throws -> [String] {
        let owned = self.owned
        var lines: [String] = []
        for resource in resources {
            let list: ObjectList
            do {
                list = try LiveBlocking.run { try await owned.listOwned(resource) }
            } catch {
                throw TargetError("listing this run's \(resource): \(error)")
            }
            for object in list.items {
                guard owned.ownership.owns(object), let name = object.metadataName else { continue }
                if resource == .nodes && name == keepingNode { continue }
                if resource == .namespaces, object["metadata"]?["deletionTimestamp"] != nil { continue }
                let namespace = object.metadataNamespace
                do {
                    _ = try LiveBlocking.run {
                        try await owned.delete(resource, namespace: namespace, name: name, gracePeriodSeconds: 0)
                    }
                    lines.append("deleted \(resource.kind) \(namespace.map { $0 + "/" } ?? "")\(name)")
                } catch let error as KubeClientError where error.isNotFound {
                    continue
                } catch {
                    throw TargetError("deleting \(resource.kind) \(name): \(error)")
                }
            }
        }
        return lines
    }

    private func waitForOwnedNamespacesToGo(timeout: Double) throws {
        let owned = self.owned
        let end = Date(timeIntervalSinceNow: timeout)
        while true {
            let left = try LiveBlocking.run { try await owned.listOwned(.namespaces) }.items
            if left.isEmpty { return }
            if Date() >= end {
                throw TargetError(
                    "namespaces \(left.compactMap(\.metadataName).sorted().joined(separator: ", ")) are still terminating after \(Int(timeout)) s (is a namespace controller running?)")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
