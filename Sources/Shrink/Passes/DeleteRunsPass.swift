// Delete runs: remove blocks of 8, 4, 2, then 1 consecutive choices, wherever they are, and on
// success extend the deletion leftwards adaptively. Cost: O(n) evaluations per block size,
// O(log k) extra to delete k adjacent blocks.
import Gen

/// Structure-blind deletion, for what spans do not delimit (e.g. the "0, 1" between two inner
/// lists, which deleted joins them). Walks from the end so earlier indices stay valid.
public struct DeleteRunsPass: ShrinkPass {
    public let name = "delete-runs"
    public let blockSizes: [Int]
    public init(blockSizes: [Int] = [2, 1]) { self.blockSizes = blockSizes }

    public func run(_ context: ShrinkContext) {
        for size in blockSizes {
            var start = context.best.count - size
            while start >= 0, !context.exhausted {
                if context.consider(context.replacing(start..<start + size, with: [])) {
                    let end = start
                    // Delete further whole blocks to the left while that keeps failing.
                    let extra = AdaptiveSearch.findInteger(limit: end / size) { blocks in
                        blocks == 0 || context.consider(context.replacing(end - blocks * size..<end, with: []))
                    }
                    start = min(end - extra * size - 1, context.best.count - size)
                } else {
                    start -= 1
                }
            }
        }
    }
}
