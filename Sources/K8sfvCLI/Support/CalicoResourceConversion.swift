import Calico
import Foundation
import JSONCore

// `k8sfv convert` for Calico's own resources (apiVersion crd.projectcalico.org/v1 or
// projectcalico.org/v3; kinds NetworkPolicy, GlobalNetworkPolicy, NetworkSet,
// GlobalNetworkSet, Tier). Without --felix: the resource as k8sfv reads it (normalised JSON),
// with any reason the API server would refuse it on stderr. With --felix: Felix's view — a
// policy's FelixPolicySummary, a network set's labels, parents, nets and IP-set members, a
// tier's order and default action.

enum CalicoResourceConversion {
    /// Felix's view of a network set, for reading.
    struct NetworkSetSummary: Encodable {
        var id: String
        var labels: [String: String]
        var profileIDs: [String]
        var nets: [String]
        /// What it gives each selector IP set that selects it.
        var members: [String]
    }

    /// True when the JSON object names a Calico apiVersion (then `convert` reads it as one).
    static func isCalico(_ data: Data) -> Bool {
        guard case .object(let fields)? = try? JSONParser.parse(data) else { return false }
        return V3APIVersion.all.contains(fields["apiVersion"]?.stringValue ?? "")
    }

    /// Decodes the resource, or says what is wrong with it.
    static func decode(_ data: Data) throws(ConvertCommand.NotAPolicy) -> V3Resource {
        do {
            return try KubeJSON.decode(V3Resource.self, from: data)
        } catch let error as V3Resource.NotACalicoResource {
            throw ConvertCommand.NotAPolicy(message: error.description)
        } catch let error as DecodingError {
            throw ConvertCommand.NotAPolicy(message: "not a valid Calico resource: \(ConvertCommand.describe(error))")
        } catch {
            throw ConvertCommand.NotAPolicy(message: "not a valid Calico resource: \(error)")
        }
    }

    /// The text `convert` prints, and the write-time errors (one line each).
    static func convert(_ resource: V3Resource, felix: Bool, pretty: Bool) throws -> (output: String, errors: [String]) {
        let name = [resource.metadata.namespace, resource.metadata.name].compactMap { $0 }.joined(separator: "/")
        let errors = V3Validation.writeErrors(resource).map {
            "\(resource.kind) \(name): the API server would refuse it: \($0)"
        }
        guard felix else { return (try KubeJSON.encodeString(resource, pretty: pretty), errors) }
        let output: String
        switch resource {
        case .networkPolicy(let policy):
            output = try KubeJSON.encodeString(FelixPolicySummary(V3PolicyConversion.felixPolicy(for: policy)), pretty: pretty)
        case .globalNetworkPolicy(let policy):
            output = try KubeJSON.encodeString(FelixPolicySummary(V3PolicyConversion.felixPolicy(for: policy)), pretty: pretty)
        case .networkSet(let set):
            output = try KubeJSON.encodeString(summary(V3NetworkSetConversion.felixNetworkSet(for: set)), pretty: pretty)
        case .globalNetworkSet(let set):
            output = try KubeJSON.encodeString(summary(V3NetworkSetConversion.felixNetworkSet(for: set)), pretty: pretty)
        case .tier(let tier):
            output = try KubeJSON.encodeString(TierSummary(tier.definition), pretty: pretty)
        }
        return (output, errors)
    }

    static func summary(_ set: FelixNetworkSet) -> NetworkSetSummary {
        NetworkSetSummary(
            id: set.id, labels: set.labels, profileIDs: set.profileIDs, nets: set.nets.map(\.description),
            members: set.memberCIDRs)
    }

    struct TierSummary: Encodable {
        var name: String
        var order: Double?
        var defaultAction: String
        init(_ tier: TierDefinition) {
            name = tier.name
            order = tier.order
            defaultAction = tier.defaultAction
        }
    }
}
