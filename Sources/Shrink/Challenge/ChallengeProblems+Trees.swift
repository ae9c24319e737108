// Shrinking-challenge problems over recursive data: calculator and binheap.
// Definitions and best-known minima: jlink/shrinking-challenge:challenges/{calculator,binheap}.md
// (generator shapes follow pbt-libraries/hypothesis/challenges/calculator.py and
// pbt-libraries/jqwik/.../BinheapProperties.java; facts only, code written afresh).
import Gen

extension ShrinkingChallenge {
    indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
        case literal(Int), plus(Expression, Expression), divide(Expression, Expression)

        var description: String {
            switch self {
            case .literal(let value): "\(value)"
            case .plus(let l, let r): "(+ \(l) \(r))"
            case .divide(let l, let r): "(/ \(l) \(r))"
            }
        }

        /// No subterm divides by the literal 0.
        var hasNoLiteralZeroDivisor: Bool {
            switch self {
            case .literal: true
            case .plus(let l, let r): l.hasNoLiteralZeroDivisor && r.hasNoLiteralZeroDivisor
            case .divide(let l, let r): r != .literal(0) && l.hasNoLiteralZeroDivisor && r.hasNoLiteralZeroDivisor
            }
        }

        /// The value, or nil on a division by zero (wrapping arithmetic, floor division).
        var evaluated: Int? {
            switch self {
            case .literal(let value): return value
            case .plus(let l, let r):
                guard let a = l.evaluated, let b = r.evaluated else { return nil }
                return a &+ b
            case .divide(let l, let r):
                guard let a = l.evaluated, let b = r.evaluated, b != 0 else { return nil }
                if a == Int.min && b == -1 { return Int.min }
                let quotient = a / b
                return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
            }
        }
    }

    /// Expressions over any Int with at most `maxLeaves` leaves (Hypothesis's
    /// `st.recursive(st.integers(), …, max_leaves=100)`): each slot draws one choice, 0 = a
    /// literal (the simplest), 1 = `+`, 2 = `/`; a slot may become a node (its choice is
    /// bounded to 0 otherwise) only while the leaves already drawn plus the slots still open
    /// leave room for its two children. Every slot is a `"recursive"` span, so the hoisting
    /// pass can replace a subtree by one of its subtrees.
    static func expressions(maxLeaves: Int) -> Gen<Expression> {
        Gen { source in
            var leaves = 0
            func expression(openAfter: Int) throws -> Expression {
                try source.span("recursive") {
                    // Always one choice, bounded to 0 when full: a subtree's choices then parse
                    // the same wherever the shrinker moves them.
                    let kind = try source.draw(atMost: leaves + openAfter + 2 <= maxLeaves ? 2 : 0)
                    switch kind {
                    case 0:
                        leaves += 1
                        return .literal(try anyInt.run(source))
                    case 1:
                        let left = try expression(openAfter: openAfter + 1)
                        return .plus(left, try expression(openAfter: openAfter))
                    default:
                        let left = try expression(openAfter: openAfter + 1)
                        return .divide(left, try expression(openAfter: openAfter))
                    }
                }
            }
            return try expression(openAfter: 0)
        }
    }

    /// If no subterm is `x / 0`, evaluation raises no division by zero.
    static func calculator(name: String, generator: Gen<Expression>) -> ChallengeProblem {
        ChallengeProblem(
            name: name, bestKnown: "(/ 0 (+ 0 0))", generator: generator, render: \.description,
            precondition: \.hasNoLiteralZeroDivisor,
            isBestKnown: { $0.description == "(/ 0 (+ 0 0))" },
            holds: { $0.evaluated != nil })
    }

    static let calculator = calculator(name: "calculator", generator: expressions(maxLeaves: 100))

    /// The capped variant measured before the faithful port: depth ≤ 5, literals in ±10^6.
    static let calculatorCapped = calculator(
        name: "calculator (depth ≤ 5, ±10^6)",
        generator: Gen<Expression>.recursive(maxDepth: 5, base: Gen.int(in: -1_000_000...1_000_000).map(Expression.literal)) { child in
            Gen.oneOf(Gen.zip(child, child).map { Expression.plus($0.0, $0.1) },
                      Gen.zip(child, child).map { Expression.divide($0.0, $0.1) })
        })

    final class Heap: Sendable, CustomStringConvertible {
        let head: Int, left: Heap?, right: Heap?
        init(_ head: Int, _ left: Heap?, _ right: Heap?) { self.head = head; self.left = left; self.right = right }

        var description: String { "(\(head), \(Heap.show(left)), \(Heap.show(right)))" }
        static func show(_ heap: Heap?) -> String { heap.map(\.description) ?? "None" }

        /// Pre-order with the right subtree first (the challenge's stack-based walk).
        static func toList(_ heap: Heap?) -> [Int] {
            var result: [Int] = [], stack: [Heap?] = [heap]
            while let top = stack.popLast() {
                guard let node = top else { continue }
                result.append(node.head)
                stack.append(node.left)
                stack.append(node.right)
            }
            return result
        }

        static func merge(_ a: Heap?, _ b: Heap?) -> Heap? {
            guard let a else { return b }
            guard let b else { return a }
            return a.head <= b.head ? Heap(a.head, merge(a.right, b), a.left) : Heap(b.head, merge(b.right, a), b.left)
        }

        /// The deliberately wrong conversion: head, then the merged children *unsorted*.
        static func wrongToSortedList(_ heap: Heap?) -> [Int] {
            guard let heap else { return [] }
            return [heap.head] + toList(merge(heap.left, heap.right))
        }
    }

    /// A valid heap of about `size` nodes: each node (7 in 8 when size allows) has a key ≥ its
    /// parent's (at most `maxStep` above it; unbounded when nil) and two children of half the size.
    static func heap(minimum: Int, size: Int, maxStep: Int?) -> Gen<Heap?> {
        guard size > 0 else { return Gen.constant(nil) }
        let key = maxStep.map { Gen.int(in: minimum...(minimum + $0)) } ?? Gen.int(in: minimum...Int.max)
        let node: Gen<Heap?> = key.flatMap { key in
            Gen.zip(heap(minimum: key, size: size / 2, maxStep: maxStep),
                    heap(minimum: key, size: size / 2, maxStep: maxStep)).map { Heap(key, $0.0, $0.1) }
        }
        return Gen.frequency((1, Gen.constant(nil)), (7, node)).labelled("heap")
    }

    static func binheap(name: String, sizes: ClosedRange<Int>, maxStep: Int?) -> ChallengeProblem {
        ChallengeProblem(
            name: name, bestKnown: "(0, None, (0, (0, None, None), (1, None, None)))",
            generator: Gen.int(in: sizes).flatMap { heap(minimum: 0, size: $0, maxStep: maxStep) },
            render: Heap.show,
            isBestKnown: { Heap.show($0) == "(0, None, (0, (0, None, None), (1, None, None)))" },
            holds: { heap in
                let wrong = Heap.wrongToSortedList(heap)
                return wrong == wrong.sorted() && Heap.toList(heap).sorted() == wrong
            })
    }

    /// Sizes 0…99, children ≥ parent with no upper bound (Hypothesis's `min_value=parent`).
    static let binheap = binheap(name: "binheap", sizes: 0...99, maxStep: nil)
    /// The capped variant measured before the faithful port.
    static let binheapCapped = binheap(name: "binheap (size ≤ 20, keys +0…1000)", sizes: 0...20, maxStep: 1_000)
}
