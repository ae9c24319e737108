import Foundation

// A reproducer file may come from anywhere (attached to a bug report, edited by hand), and
// its `id` names files that replay, shrink, export and merge write. So the id is never taken
// on trust: it must be the hash of the scenario the file holds, which also makes it twelve
// lowercase hex digits, so no id can carry a slash, a dot-dot or a newline into a path or a
// script. Counts the file states about itself are checked too.

extension Reproducer {
    /// Twelve lowercase hex digits: the only shape `id(of:)` produces.
    public static func isWellFormedID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Checks what the decoder cannot: the id against the scenario's hash, and the step counts.
    public func validate(source: String) throws {
        let expected = Reproducer.id(of: scenario)
        guard id == expected else {
            let shown = Reproducer.isWellFormedID(id) ? "\"\(id)\"" : "\(id.debugDescription.prefix(80)) (not 12 lowercase hex digits)"
            throw ReproducerError(
                "\(source): field \"id\" is \(shown), but the scenario's hash is \"\(expected)\"; "
                    + "the id must be the hash of the scenario (if you edited the scenario on purpose, set \"id\": \"\(expected)\")")
        }
        guard stepCount == scenario.steps.count else {
            throw ReproducerError(
                "\(source): field \"stepCount\" is \(stepCount), but the scenario has \(scenario.steps.count) steps; "
                    + "set \"stepCount\": \(scenario.steps.count)")
        }
        guard originalStepCount >= 0 else {
            throw ReproducerError("\(source): field \"originalStepCount\" is \(originalStepCount); expected 0 or more")
        }
    }
}
