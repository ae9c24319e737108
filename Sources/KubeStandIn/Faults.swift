// Fault injection for the stand-in: conflicts, throttling, server errors, slow answers,
// dropped and expired watches, each at a rate, all decided from a seed.
// Takes: a request identity (method + path + query) and how many times that identity was seen.
// Gives: a yes/no per fault kind. Each roll is a hash of (seed, fault kind, identity, count), so
// the decision for a given request does not depend on how concurrent requests interleave.
// Cost: O(identity length) per roll.
import Foundation

/// What to inject, and how often. Rates are probabilities in 0…1.
public struct StandInFaults: Sendable, Hashable {
    public enum ExpiredWatchStyle: Sendable, Hashable {
        /// `200` and a single `ERROR` event carrying a 410 Status (transcripts 60–62).
        case errorEvent
        /// An HTTP `410` with a Status body.
        case httpStatus
    }

    public var seed: UInt64
    /// PUT/PATCH/DELETE answered `409 Conflict` without being applied.
    public var conflictRate: Double
    /// Any non-watch request answered `429` with `Retry-After: retryAfterSeconds`.
    public var tooManyRequestsRate: Double
    public var retryAfterSeconds: Int
    /// Any non-watch request answered `500 InternalError` without being applied.
    public var serverErrorRate: Double
    /// Any request delayed by `slowDelaySeconds` before it is handled.
    public var slowRate: Double
    public var slowDelaySeconds: Double
    /// After each watch event sent: the connection is cut without ending the stream.
    public var dropWatchRate: Double
    /// A watch that names a resourceVersion is answered as "too old" (410).
    public var expireWatchRate: Double
    public var expiredWatchStyle: ExpiredWatchStyle
    /// After this many faults in a row on one request identity, the next one goes through,
    /// so a client with enough retries always gets through.
    public var maxConsecutiveFaults: Int

    public init(seed: UInt64 = 0, conflictRate: Double = 0, tooManyRequestsRate: Double = 0,
                retryAfterSeconds: Int = 1, serverErrorRate: Double = 0, slowRate: Double = 0,
                slowDelaySeconds: Double = 0.02, dropWatchRate: Double = 0, expireWatchRate: Double = 0,
                expiredWatchStyle: ExpiredWatchStyle = .errorEvent, maxConsecutiveFaults: Int = 2) {
        self.seed = seed
        self.conflictRate = conflictRate
        self.tooManyRequestsRate = tooManyRequestsRate
        self.retryAfterSeconds = retryAfterSeconds
        self.serverErrorRate = serverErrorRate
        self.slowRate = slowRate
        self.slowDelaySeconds = slowDelaySeconds
        self.dropWatchRate = dropWatchRate
        self.expireWatchRate = expireWatchRate
        self.expiredWatchStyle = expiredWatchStyle
        self.maxConsecutiveFaults = maxConsecutiveFaults
    }

    public static let none = StandInFaults()
}

/// How many faults of each kind were injected so far.
public struct StandInFaultCounts: Sendable, Hashable {
    public var conflicts = 0
    public var tooManyRequests = 0
    public var serverErrors = 0
    public var slowAnswers = 0
    public var droppedWatches = 0
    public var expiredWatches = 0
}

enum RequestFault: Sendable { case conflict, tooManyRequests(Int), serverError }

final class FaultInjector: @unchecked Sendable {
    private let lock = NSLock()
    private var plan: StandInFaults
    private var seen: [String: UInt64] = [:]
    private var consecutive: [String: Int] = [:]
    private(set) var counts = StandInFaultCounts()

    init(_ plan: StandInFaults) { self.plan = plan }

    func setPlan(_ plan: StandInFaults) { lock.lock(); self.plan = plan; lock.unlock() }
    var currentCounts: StandInFaultCounts { lock.lock(); defer { lock.unlock() }; return counts }

    /// A uniform number in [0, 1) for (kind, identity, occurrence).
    private func roll(_ kind: UInt64, _ identity: String, _ occurrence: UInt64) -> Double {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var x = h ^ plan.seed ^ (kind &* 0x9E37_79B9_7F4A_7C15) ^ (occurrence &* 0xBF58_476D_1CE4_E5B9)
        // SplitMix64 finaliser.
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return Double(x >> 11) / Double(UInt64(1) << 53)
    }

    private func nextOccurrence(_ identity: String) -> UInt64 {
        let n = seen[identity, default: 0]
        seen[identity] = n + 1
        return n
    }

    /// The delay to apply before handling a request, if any.
    func slowDelay(identity: String) -> Double? {
        lock.lock(); defer { lock.unlock() }
        guard plan.slowRate > 0 else { return nil }
        let occurrence = nextOccurrence("slow " + identity)
        guard roll(1, identity, occurrence) < plan.slowRate else { return nil }
        counts.slowAnswers += 1
        return plan.slowDelaySeconds
    }

    /// The fault to answer a non-watch request with, if any.
    func requestFault(identity: String, isWrite: Bool) -> RequestFault? {
        lock.lock(); defer { lock.unlock() }
        guard plan.tooManyRequestsRate > 0 || plan.serverErrorRate > 0 || (isWrite && plan.conflictRate > 0) else { return nil }
        let occurrence = nextOccurrence(identity)
        if consecutive[identity, default: 0] >= plan.maxConsecutiveFaults {
            consecutive[identity] = 0
            return nil
        }
        var fault: RequestFault?
        if roll(2, identity, occurrence) < plan.tooManyRequestsRate {
            fault = .tooManyRequests(plan.retryAfterSeconds)
            counts.tooManyRequests += 1
        } else if roll(3, identity, occurrence) < plan.serverErrorRate {
            fault = .serverError
            counts.serverErrors += 1
        } else if isWrite && roll(4, identity, occurrence) < plan.conflictRate {
            fault = .conflict
            counts.conflicts += 1
        }
        consecutive[identity] = fault == nil ? 0 : consecutive[identity, default: 0] + 1
        return fault
    }

    /// Whether a watch from a resourceVersion is answered as expired, and in which style.
    func expireWatch(identity: String) -> StandInFaults.ExpiredWatchStyle? {
        lock.lock(); defer { lock.unlock() }
        guard plan.expireWatchRate > 0 else { return nil }
        let occurrence = nextOccurrence("expire " + identity)
        guard roll(5, identity, occurrence) < plan.expireWatchRate else { return nil }
        counts.expiredWatches += 1
        return plan.expiredWatchStyle
    }

    /// Whether to cut a watch right after its `eventIndex`-th event.
    func dropWatch(identity: String, eventIndex: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard plan.dropWatchRate > 0 else { return false }
        let occurrence = nextOccurrence("drop \(eventIndex) " + identity)
        guard roll(6, "\(identity)#\(eventIndex)", occurrence) < plan.dropWatchRate else { return false }
        counts.droppedWatches += 1
        return true
    }
}
