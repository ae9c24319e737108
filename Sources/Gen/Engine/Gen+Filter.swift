// Filter: keep only values satisfying a predicate, by retrying. Takes a predicate and a
// discard budget; gives a value or a clear GenerationFailure. Cost: one run per attempt.

extension Gen {
    /// Retries until `predicate` holds, giving up with `GenerationFailure.filterExhausted` after
    /// `maxDiscards` rejections. Each attempt is its own `"filter-attempt"` span, so the
    /// shrinker can delete rejected attempts. Prefer constructing valid values directly: a
    /// filter that rejects most candidates wastes time and weakens shrinking.
    public func filter(_ predicate: @escaping @Sendable (Value) -> Bool, maxDiscards: Int = 100,
                       label: String = "filter") -> Gen<Value> {
        Gen { source in
            var discards = 0
            while true {
                let candidate = try source.span("filter-attempt") { try self.run(source) }
                if predicate(candidate) { return candidate }
                discards += 1
                if discards > maxDiscards {
                    throw GenerationFailure(.filterExhausted,
                        "\(label) rejected \(discards) candidates in a row (maxDiscards \(maxDiscards)); generate valid values directly or loosen the predicate")
                }
            }
        }
    }
}
