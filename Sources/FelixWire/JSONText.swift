// JSON text pieces for the proto3 JSON printer: string quoting (JSONCore's one writer) and
// proto3's own number form.
import JSONCore

public enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters escaped; other
    /// characters (non-ASCII included) as UTF-8.
    public static func quoted(_ text: String) -> String { JSONWriter.quoted(text) }

    /// A double as proto3 JSON: the shortest round-tripping decimal; NaN and infinities as strings.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "\"NaN\"" }
        if value.isInfinite { return value < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
