// Step fences: how the live target tells felix-sim where one scenario step ends, so felix-sim
// flushes exactly once per step, as the model does, whatever the machine's load.
//
// Why: felix-sim otherwise flushes after a quiet gap in the watch events. A step that deletes
// and re-creates a pod is three API writes (delete, create, status); on a loaded machine a gap
// between them splits the step across two flushes, and a bug that needs one flush
// (`reAddedIPSetSentAsDelta`) shows or not by chance. A real Felix flushes on a 10 ms tick and
// has the same dependence; felix-sim is the stand-in where it can be removed.
//
// How: after a step's writes, the live target reads back every object the step touched and
// writes the list (resource, namespace, name, the resourceVersion it now has, or "" for gone)
// as the annotation `fenceAnnotation` on Felix's own Node, with a unique id so every fence is a
// new value. felix-sim, once it has seen a fence, stops flushing on quiet gaps: it flushes when
// its informers have delivered every listed object at that version (or its deletion). Watches
// of different resources are separate streams, so the fence may arrive before the events it
// names; felix-sim waits for them. A fence that cannot be met (an object changed again by
// someone else) is given up after `giveUpSeconds`, and felix-sim flushes anyway.
// A real Felix ignores the annotation (Felix reads addresses and BGP fields of a Node).

import Foundation
import KubeClient

public enum LiveFence {
    /// The annotation on Felix's Node that carries the current fence.
    public static let fenceAnnotation = "k8sfv.projectcalico.org/flush-fence"
    /// How long felix-sim waits for a fence's objects before flushing anyway.
    public static let giveUpSeconds = 2.0

    /// One object a step touched, as the server holds it after the step.
    public struct Entry: Codable, Hashable, Sendable {
        /// `KubeResource.plural` of a resource felix-sim watches.
        public var resource: String
        public var namespace: String?
        public var name: String
        /// The object's resourceVersion after the step; "" when it is gone.
        public var resourceVersion: String

        public init(resource: String, namespace: String?, name: String, resourceVersion: String) {
            self.resource = resource
            self.namespace = namespace
            self.name = name
            self.resourceVersion = resourceVersion
        }

        /// The key felix-sim's cache uses: "plural/namespace/name".
        public var key: String { LiveFence.key(resource: resource, namespace: namespace, name: name) }
    }

    public struct Fence: Codable, Hashable, Sendable {
        /// Unique per fence (the target's own prefix and a counter), so two fences naming the
        /// same objects are still two events, and a new felix-sim never mistakes an old one.
        public var id: String
        public var entries: [Entry]
    }

    public static func key(resource: String, namespace: String?, name: String) -> String {
        "\(resource)/\(namespace ?? "")/\(name)"
    }

    /// The annotation's value: sorted-key JSON.
    public static func encode(_ fence: Fence) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(fence)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The fence on a Node object, if it carries one that parses.
    public static func fence(on node: JSONValue) -> Fence? {
        guard let text = node["metadata"]?["annotations"]?[fenceAnnotation]?.stringValue else { return nil }
        return try? JSONDecoder().decode(Fence.self, from: Data(text.utf8))
    }

    /// The node without the fence annotation (what the calc graph should see).
    public static func strippingFence(_ node: JSONValue) -> JSONValue {
        guard var annotations = node["metadata"]?["annotations"]?.objectValue, annotations[fenceAnnotation] != nil else { return node }
        annotations[fenceAnnotation] = nil
        var copy = node
        copy["metadata"]?["annotations"] = annotations.isEmpty ? nil : .object(annotations)
        return copy
    }

    /// Whether the informers' view (`seen`: key → resourceVersion of the last event, absent
    /// after a deletion) has reached every entry. resourceVersions are compared as numbers when
    /// both are (the stand-in's and etcd's are), as strings otherwise.
    public static func isMet(_ fence: Fence, seen: [String: String]) -> Bool {
        fence.entries.allSatisfy { entry in
            let current = seen[entry.key]
            if entry.resourceVersion.isEmpty { return current == nil }
            guard let current else { return false }
            if let a = UInt64(current), let b = UInt64(entry.resourceVersion) { return a >= b }
            return current == entry.resourceVersion
        }
    }
}
