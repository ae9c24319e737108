// Failures of the environment, not of Felix: the live target cannot judge Felix when the API
// server is unreachable, namespaces of an earlier run are still terminating, or no Felix stream
// reached k8sfv at all (no InSync). Reporting them as Felix bugs would save and shrink
// reproducers that reproduce nothing (issue 10, item 5). They are `target-error` failures
// whose kind starts with `environment-`; campaigns never save or shrink them, wait and retry the
// sequence a bounded number of times, then stop with the message and exit code 3.

import Driver
import KubeClient

public enum LiveEnvironment {
    public static let kindPrefix = "environment-"
    /// A campaign retries a sequence that met an environment error this many times…
    public static let retries = 3
    /// …waiting this long before each retry (seconds).
    public static let retryWait = 5.0
    /// The exit code of a command stopped by an environment error.
    public static let exitCode: Int32 = 3

    /// An environment failure of `kind` (without the prefix) with what to do about it.
    public static func failure(_ kind: String, _ message: String) -> Failure {
        Failure(property: .targetError, kind: kindPrefix + kind, stepIndex: nil, stepKind: nil, details: [message])
    }

    /// The environment failure an error from the API side stands for, or nil when the error
    /// is something else (then it stays a target error).
    public static func classify(_ error: any Error) -> Failure? {
        let text: String
        if let client = error as? KubeClientError {
            if case .transport = client { return apiUnreachable("\(client)") }
            text = client.description
        } else if let target = error as? TargetError {
            text = target.message
        } else {
            return nil
        }
        if text.contains("transport error:") { return apiUnreachable(text) }
        if text.contains("still terminating") {
            return failure("namespaces-terminating", "\(text); wait for the namespaces to go (kubectl get ns), or make sure kube-controller-manager runs its namespace controller")
        }
        return nil
    }

    static func apiUnreachable(_ text: String) -> Failure {
        failure("api-unreachable", "the API server did not answer: \(text); check that it is running and that the --server/--kubeconfig options point at it")
    }

    /// No Felix stream reached k8sfv within the deadline.
    static func notInSync(waited: Double, socket: String) -> Failure {
        failure("not-in-sync", String(format: "no InSync from Felix within %.1f s: no dataplane driver relayed Felix's state to %@; check that Felix (or felix-sim) runs with FELIX_DATAPLANEDRIVER set to k8sfv's dataplane-driver and K8SFV_RELAY_SOCKET=%@", waited, socket, socket))
    }
}

extension Failure {
    /// A failure of the environment (see LiveEnvironment): never saved or shrunk.
    public var isEnvironmentError: Bool { property == .targetError && kind.hasPrefix(LiveEnvironment.kindPrefix) }
}
