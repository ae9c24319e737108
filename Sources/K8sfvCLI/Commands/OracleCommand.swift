import Calico
import Driver
import Foundation
import JSONCore
import Oracle

// `k8sfv oracle`: Felix's expected dataplane state for a cluster snapshot, as pretty sorted
// JSON. Reads a Kubernetes `List` (`kubectl get ns,nodes,pods,networkpolicies -A -o json`, or
// k8sfv's own snapshots) from a file or stdin; with --validate, also reports every object the
// API server would refuse.

enum OracleCommand: K8sfvCommand {
    static let name = "oracle"
    static let summary = "Compute Felix's expected dataplane state from a cluster snapshot"
    static let about = """
        Usage: k8sfv oracle SNAPSHOT --host NODE [--validate]

        Prints the dataplane state Felix on NODE should converge to for the cluster in SNAPSHOT:
        IP sets, active policies and profiles, local endpoints with their tiers, as pretty JSON
        with sorted keys and arrays (the same input always gives the same bytes).

        Arguments:
          SNAPSHOT       a Kubernetes List of Namespaces, Nodes, ServiceAccounts, Pods and
                         NetworkPolicies, and Calico's NetworkPolicies, GlobalNetworkPolicies,
                         NetworkSets, GlobalNetworkSets and Tiers (other kinds are skipped).
                         Once it lists a ServiceAccount, an account it does not list is
                         missing (deny rules). '-' reads stdin. Required.
        """

    static let options: [OptionDeclaration] = [
        .text("--host", "NODE", "the local node (Felix's hostname); required"),
        .flag(
            "--validate",
            "also check every object as the API server would; report failures on stderr and exit 2 (the state is "
                + "still printed) (default: off)"),
    ]

    static let notes = """
        A NODE the snapshot does not name (no Node, no pod scheduled to it) is refused.
        The snapshot may be at most 256 MiB.

        Exit codes: 0 printed; 2 bad usage, unreadable or invalid snapshot, or (with
        --validate) an object the API server would refuse.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let host = try arguments.option("--host")
        let validate = try arguments.flag("--validate")
        let path = arguments.positional()
        try arguments.finish()
        guard let path else { throw UsageError("missing SNAPSHOT: give a snapshot file, or '-' for stdin") }
        guard let host, !host.isEmpty else {
            throw UsageError("missing --host NODE: name the node whose Felix to model (its spec.nodeName)")
        }

        let snapshot = try readSnapshot(path)
        // A host the snapshot never mentions is almost always a typo, and its state is
        // empty: say so rather than print an empty state as if it were an answer.
        if snapshot.nodes[host] == nil && !snapshot.pods.values.contains(where: { $0.spec.nodeName == host }) {
            let known = Set(snapshot.nodes.keys).union(snapshot.pods.values.compactMap(\.spec.nodeName)).sorted()
            throw InputError(
                "--host \(host): no Node of that name in the snapshot and no pod scheduled to it; "
                    + (known.isEmpty ? "the snapshot names no node" : "nodes named: \(known.prefix(20).joined(separator: ", "))"))
        }
        let state = Oracle.expectedState(of: snapshot, localHost: host)
        io.print(try KubeJSON.encodeString(state, pretty: true))

        guard validate else { return ExitCode.ok }
        var invalid = 0
        for object in snapshot.allObjects {
            let errors = KubeValidation.validate(object)
            guard !errors.isEmpty else { continue }
            invalid += 1
            for error in errors { io.error("invalid \(object.ref): \(error)") }
        }
        if invalid > 0 {
            io.error("k8sfv oracle: \(invalid) object(s) would be refused by the API server; fix them or drop --validate")
            return ExitCode.badInput
        }
        return ExitCode.ok
    }

    /// The largest snapshot read: 256 MiB, far above a 5,000-node cluster's List.
    static let maximumSnapshotBytes = 256 << 20

    /// The snapshot in the file (or stdin), or an InputError saying what is wrong and where.
    static func readSnapshot(_ path: String) throws -> ClusterSnapshot {
        let data: Data
        if path == "-" {
            data = try TextInput.read("-", what: "snapshot", limit: maximumSnapshotBytes)
        } else {
            do {
                data = try InputFile.read(path, what: "snapshot", limit: maximumSnapshotBytes)
            } catch let error as InputFile.Problem {
                throw InputError("cannot read snapshot '\(path)': \(error.message)")
            }
        }
        let name = path == "-" ? "stdin" : "'\(path)'"
        if case .failure(let error) = TextInput.utf8(data) { throw InputError("snapshot \(name): \(error.message)") }
        // A List's "kind" is not needed to read its items, but any other value means this is
        // not the file that was meant.
        if case .object(let fields)? = try? JSONParser.parse(data), let kind = fields["kind"], kind.stringValue != "List" {
            throw InputError("snapshot \(name): the top-level \"kind\" is \(JSONErrorDescription.shown(kind)); expected \"List\" (kubectl get ... -o json)")
        }
        do {
            return try KubeJSON.decode(ClusterSnapshot.self, from: data)
        } catch let error as DecodingError {
            if let syntax = jsonSyntaxError(data) {
                throw InputError("snapshot \(name) is not valid JSON: \(syntax)")
            }
            throw InputError("snapshot \(name) is not a valid Kubernetes List: \(describe(error))")
        } catch {
            throw InputError("snapshot \(name) could not be read: \(reason(error))")
        }
    }

    /// The parser's syntax error for data that is not JSON at all, with its byte offset turned
    /// into a line and column; nil when the data is JSON.
    static func jsonSyntaxError(_ data: Data) -> String? {
        do {
            _ = try JSONParser.parse(data)
            return nil
        } catch {
            return JSONErrorDescription.syntax(error, in: data)
        }
    }

    /// Where the decoder stopped and why, e.g. `at items[2].spec: missing field 'containers'`.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "at \(location(context.codingPath)): missing field '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "at \(location(context.codingPath)): expected \(typeName(type)); \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "at \(location(context.codingPath)): expected \(typeName(type)), found null"
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError {
                return "not valid JSON: \(reason(underlying))"
            }
            return "at \(location(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `items[2].spec.containers`, or `the top level`.
    static func location(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "the top level" : text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "\(type)"
        }
    }

    /// The most specific message Foundation gives (its debug description names line and column).
    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return ns.localizedDescription
    }
}
