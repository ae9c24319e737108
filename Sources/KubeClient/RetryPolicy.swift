// When and how long the client waits before trying a request again.
// Takes: the attempt number and the failure. Gives: retry or not, and the delay: exponential
// backoff capped at `maxDelay`, at least the server's Retry-After, with optional jitter from a
// seeded generator (so a run replays the same waits). Cost: O(1).
// What is retried: 429 always (the server did not process the request); 5xx, transport errors
// and 409 Conflict only for idempotent requests (GET, PUT, merge PATCH, DELETE). A POST is never
// retried after a 5xx: it may have been applied. 409 AlreadyExists is never retried. A real stale
// resourceVersion conflict fails again on retry; re-getting and re-applying is the caller's job.
import Foundation

public struct RetryPolicy: Sendable, Hashable {
    public enum Jitter: Sendable, Hashable {
        case none
        /// Up to `fraction` of the delay added, drawn from SplitMix64 seeded with `seed`.
        case seeded(seed: UInt64, fraction: Double)
    }

    /// Total tries, including the first. 1 disables retries.
    public var maxAttempts: Int
    public var baseDelay: Double
    public var multiplier: Double
    public var maxDelay: Double
    /// Longest Retry-After honoured; a longer one fails the call instead of stalling it.
    public var maxRetryAfter: Double
    public var retryConflicts: Bool
    public var jitter: Jitter

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.05, multiplier: Double = 2, maxDelay: Double = 2,
                maxRetryAfter: Double = 10, retryConflicts: Bool = true, jitter: Jitter = .none) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.retryConflicts = retryConflicts
        self.jitter = jitter
    }

    public static let `default` = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    /// Whether attempt `attempt` (1-based) that failed with `error` should be retried.
    func shouldRetry(_ error: KubeClientError, attempt: Int, idempotent: Bool) -> Bool {
        guard attempt < maxAttempts else { return false }
        switch error {
        case .api(let e):
            if e.code == 429 { return (e.retryAfterSeconds ?? 0) <= maxRetryAfter }
            if e.code >= 500 { return idempotent }
            if e.code == 409 && e.reason == .conflict { return idempotent && retryConflicts }
            return false
        case .transport: return idempotent
        default: return false
        }
    }

    /// The wait before attempt `attempt + 1`.
    func delay(afterAttempt attempt: Int, error: KubeClientError, jitterSource: JitterSource) -> Double {
        var delay = min(maxDelay, baseDelay * pow(multiplier, Double(attempt - 1)))
        if case .seeded(_, let fraction) = jitter { delay += delay * fraction * jitterSource.next() }
        if let retryAfter = error.apiError?.retryAfterSeconds { delay = max(delay, retryAfter) }
        return delay
    }
}

/// The seeded generator behind `RetryPolicy.Jitter.seeded`, shared by one client.
final class JitterSource: @unchecked Sendable {
    private let lock = NSLock()
    private var state: UInt64

    init(_ jitter: RetryPolicy.Jitter) {
        if case .seeded(let seed, _) = jitter { state = seed } else { state = 0 }
    }

    /// Uniform in [0, 1).
    func next() -> Double {
        lock.lock(); defer { lock.unlock() }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }
}
