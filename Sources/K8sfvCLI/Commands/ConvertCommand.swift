import Calico
import Foundation
import JSONCore

// `k8sfv convert`: a Kubernetes NetworkPolicy as Calico converts it — the v3 policy, or what
// Felix's calculation graph holds for it. For checking the converter by hand and for feeding
// policies through it in bulk (`--batch`, one JSON line in, one out).

enum ConvertCommand: K8sfvCommand {
    static let name = "convert"
    static let summary = "Convert a Kubernetes NetworkPolicy to Calico's v3 policy or Felix's view of it"
    static let about = """
        Usage: k8sfv convert [--felix] [--defaults] FILE
               k8sfv convert --batch FILE [--felix] [--defaults]

        Reads one Kubernetes NetworkPolicy as JSON from FILE ('-' = stdin) and prints what
        Calico's KDD converter makes of it: the projectcalico.org/v3 NetworkPolicy, as
        pretty JSON with sorted keys.

        A rule Calico cannot convert (a bad port) is dropped, as Calico drops it: the
        partial policy goes to stdout and one line per dropped rule to stderr, naming the
        rule (spec.ingress[i] / spec.egress[i]) and Calico's reason. Exit 0.
        """

    static let options: [OptionDeclaration] = [
        .flag(
            "--felix",
            "print Felix's view instead: policy ID, namespace-scoped canonical selector, order, tier, types, each rule "
                + "with its IP set IDs, and the IP set definitions (default: off)"),
        .flag(
            "--defaults",
            "apply the API server's defaulting first (policyTypes; TCP on ports without a protocol), as a policy read "
                + "back from a cluster has it (default: off, convert the object exactly as given)"),
        .text(
            "--batch", "FILE",
            "JSON lines: each non-blank line is one NetworkPolicy; each answer is one line: {\"policy\":…} (or "
                + "{\"felix\":…} with --felix), plus \"ruleErrors\":[{\"direction\",\"index\",\"reason\"}] when rules were "
                + "dropped, or {\"error\":\"…\"} when the line is not a NetworkPolicy; '-' = stdin (default: off)"),
    ]

    static let notes = """
        Limits (exit 2 past them; --batch: an error line): a policy of at most 1 MiB of
        JSON, with at most 1,000 rules and 10,000 peers and ports over all its rules (real
        policies have a handful; Calico's expansion costs memory per rule: the worst policy
        within them, one rule of 9,996 peers and ports of 4 protocols, expands to 39,984
        Calico rules and converts in about 1.3 s and 180 MiB), a --batch file of at most
        64 MiB, converted one line at a time. Input must be UTF-8; an invalid byte is an error naming its line
        and offset, never replaced.

        Calico's own resources (apiVersion crd.projectcalico.org/v1 or projectcalico.org/v3:
        NetworkPolicy, GlobalNetworkPolicy, NetworkSet, GlobalNetworkSet, Tier) are read too:
        without --felix the resource is printed as read, with each reason the API server
        would refuse it on stderr; with --felix, Felix's view (a policy as above; a network
        set's labels, parent profiles, nets and IP-set members; a tier's order and default
        action). In --batch, such a line answers {"resource":…} or {"felix":…}, plus
        "refusedOnWrite":[…] when the API server would refuse it.

        Exit codes: 0 converted (even with dropped rules; in --batch, even with error
        lines); 2 the input is unreadable or (single mode) not a NetworkPolicy, or a usage
        error.
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let felix = try arguments.flag("--felix")
        let defaults = try arguments.flag("--defaults")
        let batch = try arguments.option("--batch")
        let file = batch == nil ? arguments.positional() : nil
        try arguments.finish()

        if let batch {
            let data = try TextInput.read(batch, what: "JSON-lines batch", limit: maximumBatchBytes)
            for (number, line) in TextInput.lines(of: data) {
                io.print(try answer(toLine: line, number: number, felix: felix, defaults: defaults))
            }
            return ExitCode.ok
        }
        guard let file else { throw UsageError("convert needs a FILE (or '-' for stdin); see 'k8sfv help convert'") }
        let policy: NetworkPolicy
        do {
            let data = try TextInput.read(file, what: "NetworkPolicy", limit: maximumPolicyBytes)
            if CalicoResourceConversion.isCalico(data) {
                let converted = try CalicoResourceConversion.convert(
                    try CalicoResourceConversion.decode(data), felix: felix, pretty: true)
                for line in converted.errors { io.error("\(file): \(line)") }
                io.print(converted.output)
                return ExitCode.ok
            }
            policy = try decodeBounded(data)
        } catch let error as NotAPolicy {
            throw InputError("\(file): \(error.message)")
        }
        let converted = PolicyConversion.toCalico(defaults ? policy.defaultedByAPIServer : policy)
        for error in converted.errors {
            io.error("\(file): \(policy.namespace)/\(policy.name): \(error)")
        }
        if felix {
            io.print(try KubeJSON.encodeString(
                FelixPolicySummary(FelixPolicyConversion.felixPolicy(fromCalico: converted.policy)), pretty: true))
        } else {
            io.print(try KubeJSON.encodeString(converted.policy, pretty: true))
        }
        return ExitCode.ok
    }

    /// The largest policy converted, in bytes of JSON.
    static let maximumPolicyBytes = 1 << 20
    /// The most rules, and peers plus ports over all rules, in one policy.
    static let maximumRules = 1_000
    static let maximumPeersAndPorts = 10_000
    /// The largest --batch file.
    static let maximumBatchBytes = 64 << 20

    /// Decodes a policy within the limits: UTF-8, size, rule count.
    static func decodeBounded(_ data: Data) throws(NotAPolicy) -> NetworkPolicy {
        guard data.count <= maximumPolicyBytes else {
            throw NotAPolicy(message: "\(data.count) bytes, larger than the \(maximumPolicyBytes)-byte limit for one policy")
        }
        if case .failure(let error) = TextInput.utf8(data) { throw NotAPolicy(message: error.message) }
        let policy = try decodePolicy(data)
        let ingress = policy.spec.ingress ?? []
        let egress = policy.spec.egress ?? []
        let rules = ingress.count + egress.count
        guard rules <= maximumRules else {
            throw NotAPolicy(message: "\(rules) rules, more than the limit of \(maximumRules) in one policy")
        }
        let parts = ingress.reduce(0) { $0 + ($1.from?.count ?? 0) + ($1.ports?.count ?? 0) }
            + egress.reduce(0) { $0 + ($1.to?.count ?? 0) + ($1.ports?.count ?? 0) }
        guard parts <= maximumPeersAndPorts else {
            throw NotAPolicy(message: "\(parts) peers and ports over all rules, more than the limit of \(maximumPeersAndPorts)")
        }
        return policy
    }

    /// One `--batch` answer line; every error names the line.
    static func answer(toLine line: Data, number: Int = 1, felix: Bool, defaults: Bool) throws -> String {
        struct Answer: Encodable {
            var policy: CalicoNetworkPolicy?
            var felix: FelixPolicySummary?
            var ruleErrors: [RuleConversionError]?
            var error: String?
        }
        if CalicoResourceConversion.isCalico(line) {
            struct CalicoAnswer: Encodable { var error: String }
            do {
                let converted = try CalicoResourceConversion.convert(
                    try CalicoResourceConversion.decode(line), felix: felix, pretty: false)
                return "{\"\(felix ? "felix" : "resource")\":\(converted.output)"
                    + (converted.errors.isEmpty ? "" : ",\"refusedOnWrite\":\(try KubeJSON.encodeString(converted.errors))") + "}"
            } catch let error as NotAPolicy {
                return try KubeJSON.encodeString(CalicoAnswer(error: "line \(number): \(error.message)"))
            }
        }
        let policy: NetworkPolicy
        do {
            policy = try decodeBounded(line)
        } catch {
            return try KubeJSON.encodeString(Answer(error: "line \(number): \(error.message)"))
        }
        let converted = PolicyConversion.toCalico(defaults ? policy.defaultedByAPIServer : policy)
        var answer = Answer(ruleErrors: converted.errors.isEmpty ? nil : converted.errors)
        if felix {
            answer.felix = FelixPolicySummary(FelixPolicyConversion.felixPolicy(fromCalico: converted.policy))
        } else {
            answer.policy = converted.policy
        }
        return try KubeJSON.encodeString(answer)
    }

    struct NotAPolicy: Error {
        var message: String
    }

    /// Decodes a NetworkPolicy, saying clearly why the input is not one.
    static func decodePolicy(_ data: Data) throws(NotAPolicy) -> NetworkPolicy {
        guard let object = try? JSONParser.parse(data) else {
            throw NotAPolicy(message: "not valid JSON; expected one Kubernetes NetworkPolicy object")
        }
        guard case .object(let fields) = object else {
            throw NotAPolicy(message: "expected a JSON object (a Kubernetes NetworkPolicy), found another JSON value")
        }
        guard let kind = fields["kind"]?.stringValue else {
            throw NotAPolicy(message: "no \"kind\" field; expected \"kind\": \"NetworkPolicy\"")
        }
        guard kind == "NetworkPolicy" else {
            throw NotAPolicy(message: "kind is \"\(kind)\", expected \"NetworkPolicy\"")
        }
        var completed = fields
        // The API server always sends these; accept hand-written policies without them.
        if completed["apiVersion"] == nil { completed["apiVersion"] = .string("networking.k8s.io/v1") }
        if case .object(var spec)? = completed["spec"], spec["podSelector"] == nil {
            spec["podSelector"] = .object([:])
            completed["spec"] = .object(spec)
        }
        do {
            return try KubeJSON.decode(NetworkPolicy.self, from: JSONValue.object(completed).encoded())
        } catch let error as DecodingError {
            throw NotAPolicy(message: "not a valid NetworkPolicy: \(describe(error))")
        } catch {
            throw NotAPolicy(message: "not a valid NetworkPolicy: \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

}
