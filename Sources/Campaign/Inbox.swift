import Foundation

/// A thread-safe mailbox: reader threads put, the campaign loop takes in batches.
final class Inbox<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []

    func put(_ item: Item) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    /// Everything waiting, after waiting up to `seconds` for the first item.
    func take(waitingUpTo seconds: Double) -> [Item] {
        condition.lock()
        defer { condition.unlock() }
        if items.isEmpty { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
        let taken = items
        items = []
        return taken
    }
}
