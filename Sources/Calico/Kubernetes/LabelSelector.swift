// `metav1.LabelSelector`: the Kubernetes selector form used by NetworkPolicy.
// Source: kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go.

/// A Kubernetes label selector: `matchLabels` ANDed with `matchExpressions`.
/// An empty selector (`{}`) selects everything.
public struct LabelSelector: Codable, Hashable, Sendable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// True when neither list has an entry: the selector matches every object.
    public var isEmpty: Bool {
        (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty
    }
}

public struct LabelSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}
