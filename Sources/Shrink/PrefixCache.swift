// PrefixCache: answers a candidate from an earlier run when that run read a prefix of it
// (Hypothesis's data tree, in small). Takes the choice sequences runs actually consumed; gives
// the stored outcome for any candidate that would replay exactly the same choices. Cost:
// O(length) per lookup and insert, one trie node per distinct recorded choice.
import Gen

/// Why it is sound: a test run is a function of the choices it reads. A run that consumed
/// `r` (and nothing more) gives the same outcome for every candidate that starts with `r`
/// (the unread tail is never looked at), and for every prefix of `r` followed by nothing
/// but what replay reads past the end: zeros. So the cache answers a candidate when walking
/// it through the trie, then through zeros past its end, reaches the end of a recording.
/// Values the generator clamped are recorded clamped, so a candidate holding the unclamped
/// value simply misses the cache (it runs; never a wrong answer).
struct PrefixCache<Outcome> {
    private struct Node {
        var children: [UInt64: Int] = [:]
        var outcome: Outcome?
    }

    private var nodes = [Node()]

    /// The outcome of a recorded run that `candidate` would replay exactly, if any.
    func lookup(_ candidate: ChoiceSequence) -> Outcome? {
        var node = 0
        if let outcome = nodes[node].outcome { return outcome }
        for value in candidate.values {
            guard let next = nodes[node].children[value] else { return nil }
            node = next
            if let outcome = nodes[node].outcome { return outcome }
        }
        // Past the candidate's end, replay reads zeros.
        while let next = nodes[node].children[0] {
            node = next
            if let outcome = nodes[node].outcome { return outcome }
        }
        return nil
    }

    /// Records that a run consumed exactly `consumed` and gave `outcome`.
    mutating func insert(_ consumed: ChoiceSequence, _ outcome: Outcome) {
        var node = 0
        for value in consumed.values {
            if let next = nodes[node].children[value] {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].children[value] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        if nodes[node].outcome == nil { nodes[node].outcome = outcome }
    }
}
