// Object metadata, labels, annotations and label selectors, checked as the API server checks
// them. Takes: the metadata of one object (or one selector). Gives: field errors. Cost: linear.
// Source: kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
// (ValidateObjectMeta, ValidateAnnotations), staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/
// validation/validation.go (ValidateLabels, ValidateLabelSelector, ValidateLabelSelectorRequirement).

/// Which rule a kind's names follow.
enum NameRule {
    case dns1123Label, dns1123Subdomain

    func reasons(_ name: String) -> [String] {
        switch self {
        case .dns1123Label: return NameRules.dns1123Label(name)
        case .dns1123Subdomain: return NameRules.dns1123Subdomain(name)
        }
    }
}

enum MetadataValidation {
    /// The API server's limit on all annotation keys and values together.
    static let totalAnnotationSizeLimitBytes = 256 * 1024

    static func validate(_ meta: ObjectMeta, namespaced: Bool, nameRule: NameRule) -> [FieldError] {
        let path = FieldPath("metadata")
        var errors: [FieldError] = []
        if meta.name.isEmpty {
            errors.append(.required(path.child("name"), "name or generateName is required"))
        } else {
            errors += nameRule.reasons(meta.name).map { .invalid(path.child("name"), meta.name, $0) }
        }
        if namespaced {
            // A missing namespace is filled in from the request path (here: "default").
            if let namespace = meta.namespace, !namespace.isEmpty {
                errors += NameRules.dns1123Label(namespace).map { .invalid(path.child("namespace"), namespace, $0) }
            }
        } else if let namespace = meta.namespace, !namespace.isEmpty {
            errors.append(.forbidden(path.child("namespace"), "not allowed on this type"))
        }
        errors += labels(meta.labelsOrEmpty, path: path.child("labels"))
        errors += annotations(meta.annotations ?? [:], path: path.child("annotations"))
        return errors
    }

    /// Label keys must be qualified names, values valid label values. As in the API server the
    /// error's path is the map itself and the offending key or value is quoted in the message.
    static func labels(_ labels: [String: String], path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for key in labels.keys.sorted() {
            errors += NameRules.labelKey(key).map { .invalid(path, key, $0) }
            let value = labels[key] ?? ""
            errors += NameRules.labelValue(value).map { .invalid(path, value, $0) }
        }
        return errors
    }

    /// Annotation keys are qualified names (checked lower-cased); all keys and values together
    /// may not exceed 256 KiB.
    static func annotations(_ annotations: [String: String], path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var total = 0
        for key in annotations.keys.sorted() {
            errors += NameRules.labelKey(key.lowercased()).map { .invalid(path, key, $0) }
            total += key.utf8.count + (annotations[key]?.utf8.count ?? 0)
        }
        if total > totalAnnotationSizeLimitBytes {
            errors.append(.tooLong(path, limitBytes: totalAnnotationSizeLimitBytes))
        }
        return errors
    }

    static let selectorOperators = ["In", "NotIn", "Exists", "DoesNotExist"]

    /// A `metav1.LabelSelector`: matchLabels as labels; each matchExpression's operator,
    /// key and values.
    static func labelSelector(_ selector: LabelSelector, path: FieldPath) -> [FieldError] {
        var errors = labels(selector.matchLabels ?? [:], path: path.child("matchLabels"))
        for (index, requirement) in (selector.matchExpressions ?? []).enumerated() {
            let here = path.child("matchExpressions").index(index)
            let values = requirement.values ?? []
            switch requirement.operator {
            case "In", "NotIn":
                if values.isEmpty {
                    errors.append(.required(here.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
                }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    errors.append(.forbidden(here.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                errors.append(.notSupported(here.child("operator"), requirement.operator, supported: selectorOperators))
            }
            errors += NameRules.labelKey(requirement.key).map { .invalid(here.child("key"), requirement.key, $0) }
            for (valueIndex, value) in values.enumerated() {
                errors += NameRules.labelValue(value).map { .invalid(here.child("values").index(valueIndex), value, $0) }
            }
        }
        return errors
    }
}
