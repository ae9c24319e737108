// One reason the Kubernetes API server would refuse an object, in the form of its 422 causes:
// the JSON field path and the message, e.g. `spec.ingress[0].from[2].ipBlock.cidr` and
// `Invalid value: "10.0.0.0/33": not a valid CIDR`.
// Message shapes follow kubernetes/kubernetes
// staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go (Invalid, Required,
// NotSupported, Forbidden, Duplicate, TooLong), as seen in shared/spec/kube-apiserver-transcripts/.

/// A field the API server would reject, with what is wrong and what would be accepted.
public struct FieldError: Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the offending field, e.g. `spec.ingress[0].ports[1].endPort`.
    public var path: String
    /// What is wrong and how to fix it, worded as the API server words it.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// `Invalid value: <value>: <reason>`.
    static func invalid(_ path: FieldPath, _ value: String, _ reason: String) -> FieldError {
        FieldError(path: path.text, message: "Invalid value: \(quoted(value)): \(reason)")
    }

    /// `Invalid value: <number>: <reason>` (numbers print bare, as in Go's `%v`).
    static func invalid(_ path: FieldPath, number: Int, _ reason: String) -> FieldError {
        FieldError(path: path.text, message: "Invalid value: \(number): \(reason)")
    }

    /// `Required value[: <reason>]`.
    static func required(_ path: FieldPath, _ reason: String = "") -> FieldError {
        FieldError(path: path.text, message: reason.isEmpty ? "Required value" : "Required value: \(reason)")
    }

    /// `Unsupported value: <value>: supported values: "A", "B"`.
    static func notSupported(_ path: FieldPath, _ value: String, supported: [String]) -> FieldError {
        let list = supported.map(quoted).joined(separator: ", ")
        return FieldError(path: path.text, message: "Unsupported value: \(quoted(value)): supported values: \(list)")
    }

    /// `Forbidden: <reason>`.
    static func forbidden(_ path: FieldPath, _ reason: String) -> FieldError {
        FieldError(path: path.text, message: "Forbidden: \(reason)")
    }

    /// `Duplicate value: <value>`.
    static func duplicate(_ path: FieldPath, _ value: String) -> FieldError {
        FieldError(path: path.text, message: "Duplicate value: \(quoted(value))")
    }

    /// `Too long: may not be more than <limit> bytes`.
    static func tooLong(_ path: FieldPath, limitBytes: Int) -> FieldError {
        FieldError(path: path.text, message: "Too long: may not be more than \(limitBytes) bytes")
    }

    /// Go's `%q`-like quoting for the values we report (escapes quotes and backslashes).
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// A JSON field path under construction: `spec`, `.child("ingress")`, `.index(0)`.
struct FieldPath: Sendable {
    var text: String

    init(_ root: String) { text = root }

    func child(_ name: String) -> FieldPath {
        FieldPath(text.isEmpty ? name : text + "." + name)
    }

    func index(_ i: Int) -> FieldPath { FieldPath(text + "[\(i)]") }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
