// Recursive generators (trees, expressions) with a depth bound. Takes a leaf generator and a
// way to build a node from a child generator; gives values at most `maxDepth` nodes deep.

extension Gen {
    /// A recursive structure. At each level the first alternative is a leaf (`base`, the
    /// simplest), the second a node built by `extend` from the generator one level down; at
    /// depth `maxDepth` only leaves remain. When generating, a node is chosen with probability
    /// `nodeWeight / (nodeWeight + 1)`. Each level is a `"recursive"` span.
    public static func recursive(maxDepth: Int, nodeWeight: Int = 1, base: Gen<Value>,
                                 extend: @escaping @Sendable (Gen<Value>) -> Gen<Value>) -> Gen<Value> {
        var generator = base.labelled("recursive")
        for _ in 0..<max(0, maxDepth) {
            generator = Gen.frequency([(1, base), (nodeWeight, extend(generator))]).labelled("recursive")
        }
        return generator
    }
}
