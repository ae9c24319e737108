// Kubernetes query selectors as the API server reads them from `labelSelector=` and
// `fieldSelector=`. Takes: the selector text. Gives: a predicate over objects, or a message for
// a 400. Cost: parsing is linear in the text; matching is linear in the requirement count.
// Grammar: kubernetes/kubernetes:staging/src/k8s.io/apimachinery/pkg/labels/selector.go
// (`=`, `==`, `!=`, `in (…)`, `notin (…)`, `key`, `!key`, comma = AND) and
// .../pkg/fields/selector.go (`=`, `==`, `!=` only).

struct LabelQuery: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }
    var requirements: [Requirement] = []

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { req in
            switch req {
            case .equals(let k, let v): return labels[k] == v
            case .notEquals(let k, let v): return labels[k] != v
            case .isIn(let k, let vs): return labels[k].map { vs.contains($0) } ?? false
            case .notIn(let k, let vs): return labels[k].map { !vs.contains($0) } ?? true
            case .exists(let k): return labels[k] != nil
            case .doesNotExist(let k): return labels[k] == nil
            }
        }
    }

    /// Splits on commas that are not inside parentheses.
    private static func terms(_ text: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var current = ""
        for ch in text {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1 }
            if ch == "," && depth == 0 { out.append(current); current = "" } else { current.append(ch) }
        }
        out.append(current)
        return out.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func parse(_ text: String) throws(SelectorError) -> LabelQuery {
        var query = LabelQuery()
        for term in terms(text) {
            if let r = term.range(of: " notin ") ?? term.range(of: " in ") {
                let key = term[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                let op = term[r].trimmingCharacters(in: .whitespaces)
                var set = term[r.upperBound...].trimmingCharacters(in: .whitespaces)
                guard set.hasPrefix("("), set.hasSuffix(")"), !key.isEmpty else {
                    throw SelectorError(message: "unable to parse requirement: \(term): expected a parenthesised value set")
                }
                set = String(set.dropFirst().dropLast())
                let values = Set(set.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                query.requirements.append(op == "in" ? .isIn(key, values) : .notIn(key, values))
            } else if let r = term.range(of: "!=") {
                query.requirements.append(.notEquals(term[..<r.lowerBound].trimmingCharacters(in: .whitespaces),
                                                     term[r.upperBound...].trimmingCharacters(in: .whitespaces)))
            } else if let r = term.range(of: "==") ?? term.range(of: "=") {
                query.requirements.append(.equals(term[..<r.lowerBound].trimmingCharacters(in: .whitespaces),
                                                  term[r.upperBound...].trimmingCharacters(in: .whitespaces)))
            } else if term.hasPrefix("!") {
                query.requirements.append(.doesNotExist(String(term.dropFirst()).trimmingCharacters(in: .whitespaces)))
            } else if term.allSatisfy({ !$0.isWhitespace && !"()<>".contains($0) }) {
                query.requirements.append(.exists(term))
            } else {
                throw SelectorError(message: "unable to parse requirement: \(term)")
            }
        }
        return query
    }
}

struct FieldQuery: Sendable {
    var requirements: [(field: String, value: String, equal: Bool)] = []

    /// The fields k8sfv selects on; others answer 400 like the real server does for unknown
    /// field labels.
    static let supported: Set<String> = ["metadata.name", "metadata.namespace", "spec.nodeName", "status.phase"]

    static func parse(_ text: String) throws(SelectorError) -> FieldQuery {
        var query = FieldQuery()
        for raw in text.split(separator: ",") {
            let term = raw.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            let (field, value, equal): (String, String, Bool)
            if let r = term.range(of: "!=") {
                (field, value, equal) = (String(term[..<r.lowerBound]), String(term[r.upperBound...]), false)
            } else if let r = term.range(of: "==") ?? term.range(of: "=") {
                (field, value, equal) = (String(term[..<r.lowerBound]), String(term[r.upperBound...]), true)
            } else {
                throw SelectorError(message: "invalid selector: '\(term)'; can't understand '\(term)'")
            }
            guard supported.contains(field) else {
                throw SelectorError(message: "\"\(field)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\", \"spec.nodeName\", \"status.phase\"")
            }
            query.requirements.append((field, value, equal))
        }
        return query
    }

    func matches(_ object: JSON) -> Bool {
        requirements.allSatisfy { req in
            let actual: String
            switch req.field {
            case "metadata.name": actual = object.name ?? ""
            case "metadata.namespace": actual = object.namespace ?? ""
            case "spec.nodeName": actual = object["spec"]?["nodeName"]?.stringValue ?? ""
            default: actual = object["status"]?["phase"]?.stringValue ?? ""
            }
            return (actual == req.value) == req.equal
        }
    }
}

struct SelectorError: Error, Sendable {
    var message: String
}

/// Both selectors of one request.
struct ObjectFilter: Sendable {
    var labels = LabelQuery()
    var fields = FieldQuery()

    static func from(_ request: HTTPRequest) throws(SelectorError) -> ObjectFilter {
        var filter = ObjectFilter()
        if let text = request.queryValue("labelSelector") { filter.labels = try LabelQuery.parse(text) }
        if let text = request.queryValue("fieldSelector") { filter.fields = try FieldQuery.parse(text) }
        return filter
    }

    func matches(_ object: JSON) -> Bool { labels.matches(object.labels) && fields.matches(object) }
}
