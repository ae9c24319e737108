// ExactText: a String compared and hashed by its UTF-8 bytes, for use as a dictionary key.
// Swift's `String ==` and `hash(into:)` follow Unicode canonical equivalence, so "é" written
// precomposed and decomposed would share a key; Calico (Go) compares bytes, and a memo keyed by
// plain String could hand one spelling the other's parse. Cost: O(length) to hash or compare.

/// A string whose identity is its bytes.
public struct ExactText: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        var left = lhs.text, right = rhs.text
        guard left.utf8.count == right.utf8.count else { return false }
        return left.withUTF8 { a in right.withUTF8 { b in a.elementsEqual(b) } }
    }

    public func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }
}
