// A parsed Calico selector with its canonical text and unique ID computed once, so the many
// comparisons and IP-set names the calc graph needs cost nothing after parsing.
// Sources: projectcalico/calico:libcalico-go/lib/selector/selector.go, parser/ast.go
// (`selectorRoot`: cached String() and UniqueID()).

/// A Calico label selector.
///
/// Two selectors are equal when their canonical texts are byte-equal (compared through the
/// unique ID), which is exactly when Felix would give them the same IP set.
public struct Selector: Hashable, Sendable, CustomStringConvertible {
    /// The AST.
    public let expression: SelectorExpression
    /// Calico's `String()` form.
    public let canonical: String
    /// `UniqueID.make(prefix: "s", content: canonical)`: the selector IP set's ID.
    public let uniqueID: String

    /// Parses Calico selector syntax. Empty or blank text is `all()`.
    /// Like Calico's `Parse` (not `Normalise`), the text is not trimmed of newlines.
    /// Each distinct text (by bytes) is parsed, printed and hashed once per process: the
    /// result, or the error, is a function of the text alone.
    public init(parsing text: String) throws(SelectorParseError) {
        let result = Selector.parsed.value(for: ExactText(text)) {
            do throws(SelectorParseError) {
                return .success(Selector(try SelectorParser.parse(text)))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Parses of distinct selector texts seen so far (see `Memo`).
    private static let parsed = Memo<ExactText, Result<Selector, SelectorParseError>>(capacity: 16_384)

    /// A selector from an AST; set literals are sorted and de-duplicated first.
    public init(_ expression: SelectorExpression) {
        let normalised = expression.normalised
        self.expression = normalised
        canonical = normalised.canonicalText
        uniqueID = UniqueID.make(prefix: "s", content: canonical)
    }

    /// `all()`.
    public static let all = Selector(.all)

    public var description: String { canonical }

    /// True when the labels satisfy the selector.
    @inlinable
    public func matches(_ labels: some LabelSource) -> Bool { expression.evaluate(labels) }

    /// Every label key rewritten as `prefix + key` (for `pcns.` / `pcsa.` namespace and
    /// service-account selectors), with the canonical text and ID recomputed: Calico once
    /// kept a stale cached hash after its `PrefixVisitor` (spec §2.5 pitfall).
    public func prefixingLabels(_ prefix: String) -> Selector {
        Selector(expression.mappingLabels { prefix + $0 })
    }

    /// The label keys the selector reads (for indexing).
    public var labelKeys: Set<String> {
        var keys = Set<String>()
        expression.collectLabelKeys(into: &keys)
        return keys
    }

    public static func == (lhs: Selector, rhs: Selector) -> Bool { lhs.uniqueID == rhs.uniqueID }
    public func hash(into hasher: inout Hasher) { hasher.combine(uniqueID) }
}

extension Selector: Comparable {
    /// Orders by canonical text bytes, for deterministic output.
    public static func < (lhs: Selector, rhs: Selector) -> Bool {
        ByteString.less(lhs.canonical, rhs.canonical)
    }
}

extension Selector: Codable {
    /// Encoded as its canonical text; decoding re-parses it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "invalid selector '\(text)': \(error)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }
}
