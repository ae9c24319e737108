// The client's bounded retries get through injected 409/429/500 faults, and honour Retry-After.
import Foundation
import Testing
@testable import KubeClient
import KubeStandIn

@Suite struct FaultRetryTests {
    @Test func retriesGetThroughConflictsThrottlingAndServerErrors() async throws {
        let faults = StandInFaults(seed: 7, conflictRate: 0.3, tooManyRequestsRate: 0.15, retryAfterSeconds: 0,
                                   serverErrorRate: 0.3, maxConsecutiveFaults: 2)
        let (server, client) = try await standInWithNamespace(faults: faults)
        defer { server.stop() }
        // Creates are not idempotent: on 500 they are not retried, so set them up fault-free.
        server.setFaults(.none)
        for i in 0..<10 { _ = try await client.create(.pods, podObject("p\(i)", namespace: "demo")) }
        server.setFaults(faults)
        for i in 0..<10 {
            _ = try await client.mergePatch(.pods, namespace: "demo", name: "p\(i)", ["metadata": ["labels": ["round": "1"]]])
            let pod = try await client.get(.pods, namespace: "demo", name: "p\(i)")
            _ = try await client.replace(.pods, pod.settingLabel("round", to: "2"))
        }
        let counts = server.faultCounts
        #expect(counts.conflicts > 0)
        #expect(counts.serverErrors > 0)
        #expect(counts.tooManyRequests > 0)
        let labels = server.objects(.pods, namespace: "demo").map { $0.labels["round"] }
        #expect(labels == Array(repeating: "2", count: 10))
    }

    @Test func attemptsAreBounded() async throws {
        let (server, _) = try await standInWithNamespace(faults: StandInFaults(serverErrorRate: 1, maxConsecutiveFaults: 100))
        defer { server.stop() }
        let client = try makeClient(server, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.001))
        let error = await expectKubeError { _ = try await client.get(.namespaces, name: "demo") }
        #expect(error?.apiError?.code == 500)
        #expect(server.faultCounts.serverErrors == 3, "exactly maxAttempts tries, then it gives up")
    }

    @Test func postIsNotRetriedAfterServerError() async throws {
        let (server, client) = try await standInWithNamespace(faults: StandInFaults(serverErrorRate: 1, maxConsecutiveFaults: 100))
        defer { server.stop() }
        let error = await expectKubeError { _ = try await client.create(.pods, podObject("p", namespace: "demo")) }
        #expect(error?.apiError?.code == 500)
        #expect(server.faultCounts.serverErrors == 1)
    }

    @Test func retryAfterIsHonoured() async throws {
        let (server, client) = try await standInWithNamespace(
            faults: StandInFaults(tooManyRequestsRate: 1, retryAfterSeconds: 1, maxConsecutiveFaults: 1))
        defer { server.stop() }
        let start = Date()
        let ns = try await client.get(.namespaces, name: "demo")
        let elapsed = Date().timeIntervalSince(start)
        #expect(ns.metadataName == "demo")
        #expect(server.faultCounts.tooManyRequests == 1)
        // The backoff alone would be 5 ms; Retry-After: 1 makes it at least a second.
        // (No upper bound: a loaded machine may take longer, and that is not the client's doing.)
        #expect(elapsed >= 0.95)
    }

    @Test func retryAfterLongerThanAllowedFailsFast() async throws {
        let (server, _) = try await standInWithNamespace(
            faults: StandInFaults(tooManyRequestsRate: 1, retryAfterSeconds: 30, maxConsecutiveFaults: 1))
        defer { server.stop() }
        let client = try makeClient(server, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.001, maxRetryAfter: 5))
        let error = await expectKubeError { _ = try await client.get(.namespaces, name: "demo") }
        #expect(error?.apiError?.code == 429)
        #expect(error?.apiError?.retryAfterSeconds == 30)
    }

    @Test func slowAnswersAreDelayed() async throws {
        let (server, client) = try await standInWithNamespace(faults: StandInFaults(slowRate: 1, slowDelaySeconds: 0.1))
        defer { server.stop() }
        let start = Date()
        _ = try await client.get(.namespaces, name: "demo")
        #expect(Date().timeIntervalSince(start) >= 0.1)
        #expect(server.faultCounts.slowAnswers == 1)
    }

    @Test func faultsAreDeterministicForASeed() async throws {
        func run(seed: UInt64) async throws -> StandInFaultCounts {
            let faults = StandInFaults(seed: seed, conflictRate: 0.3, tooManyRequestsRate: 0.2, retryAfterSeconds: 0, serverErrorRate: 0.2)
            let (server, client) = try await standInWithNamespace(faults: .none)
            defer { server.stop() }
            for i in 0..<6 { _ = try await client.create(.pods, podObject("p\(i)", namespace: "demo")) }
            server.setFaults(faults)
            for i in 0..<6 { _ = try await client.mergePatch(.pods, namespace: "demo", name: "p\(i)", ["metadata": ["labels": ["x": "1"]]]) }
            return server.faultCounts
        }
        let a = try await run(seed: 11), b = try await run(seed: 11)
        #expect(a == b)
        #expect(a.conflicts + a.tooManyRequests + a.serverErrors > 0)
    }

    @Test func seededJitterIsDeterministic() {
        let policy = RetryPolicy(baseDelay: 0.1, jitter: .seeded(seed: 42, fraction: 0.5))
        let error = KubeClientError.api(KubeAPIError(code: 500, reason: .internalError, message: ""))
        let a = JitterSource(policy.jitter), b = JitterSource(policy.jitter)
        let delaysA = (1...4).map { policy.delay(afterAttempt: $0, error: error, jitterSource: a) }
        let delaysB = (1...4).map { policy.delay(afterAttempt: $0, error: error, jitterSource: b) }
        #expect(delaysA == delaysB)
        #expect(delaysA[0] >= 0.1 && delaysA[0] < 0.15)
        #expect(delaysA[3] >= 0.8)
    }
}
