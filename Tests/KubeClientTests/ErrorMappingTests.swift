// Each API error reaches the caller as a typed KubeAPIError with the server's reason and causes.
import Foundation
import Testing
@testable import KubeClient
import KubeStandIn

@Suite struct ErrorMappingTests {
    @Test func getMissingPodIsNotFound() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let error = await expectKubeError { _ = try await client.get(.pods, namespace: "demo", name: "nope") }
        #expect(error?.isNotFound == true)
        #expect(error?.apiError?.reason == .notFound)
        #expect(error?.apiError?.name == "nope")
        #expect(error?.apiError?.kind == "pods")
    }

    @Test func createInMissingNamespaceIsNotFoundForTheNamespace() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let error = await expectKubeError { _ = try await client.create(.pods, podObject("p", namespace: "no-such-ns")) }
        #expect(error?.apiError?.code == 404)
        #expect(error?.apiError?.kind == "namespaces")
        #expect(error?.apiError?.name == "no-such-ns")
    }

    @Test func createTwiceIsAlreadyExistsAndNotRetried() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let rvBefore = server.resourceVersion
        let error = await expectKubeError { _ = try await client.create(.namespaces, namespaceObject("demo")) }
        #expect(error?.isAlreadyExists == true)
        #expect(error?.isConflict == false)
        #expect(server.resourceVersion == rvBefore)
    }

    @Test func staleResourceVersionIsConflict() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let created = try await client.create(.pods, podObject("web-1", namespace: "demo"))
        _ = try await client.replace(.pods, created.settingLabel("v", to: "2"))
        let stale = created.settingLabel("v", to: "3")
        let noRetry = try makeClient(server, retry: .never)
        let error = await expectKubeError { _ = try await noRetry.replace(.pods, stale) }
        #expect(error?.isConflict == true)
        #expect(error?.apiError?.message.contains("the object has been modified") == true)
        // With retries on, a real conflict still fails after the bounded attempts.
        let retried = await expectKubeError { _ = try await client.replace(.pods, stale) }
        #expect(retried?.isConflict == true)
        #expect(try await client.get(.pods, namespace: "demo", name: "web-1").labels["v"] == "2")
    }

    @Test func invalidNameIs422WithCauses() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let error = await expectKubeError { _ = try await client.create(.pods, podObject("Bad_Name", namespace: "demo")) }
        let api = try #require(error?.apiError)
        #expect(api.code == 422)
        #expect(api.reason == .invalid)
        #expect(api.kind == "Pod")
        #expect(api.causes.map(\.field) == ["metadata.name"])
        #expect(api.causes.first?.reason == "FieldValueInvalid")
    }

    @Test func podWithoutContainersIs422Required() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        var pod = podObject("web-2", namespace: "demo")
        pod["spec"]?["containers"] = .array([])
        let error = await expectKubeError { _ = try await client.create(.pods, pod) }
        #expect(error?.apiError?.causes == [StatusCause(field: "spec.containers", reason: "FieldValueRequired", message: "Required value")])
    }

    @Test func nameMismatchIs400() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        _ = try await client.create(.pods, podObject("web-1", namespace: "demo"))
        // The client addresses the URL by the body's name, so send the mismatch raw.
        let body = podObject("other", namespace: "demo").encoded()
        let (code, status, _) = try await rawRequest(server.baseURL, method: "PUT", path: "/api/v1/namespaces/demo/pods/web-1", body: body)
        #expect(code == 400)
        #expect(status?["reason"] == "BadRequest")
        #expect(status?["message"]?.stringValue == "the name of the object (other) does not match the name on the URL (web-1)")
    }

    @Test func malformedJSONIs400AndDecodesAsBadRequest() async throws {
        let (server, _) = try await standInWithNamespace()
        defer { server.stop() }
        let (code, status, _) = try await rawRequest(server.baseURL, method: "POST", path: "/api/v1/namespaces/demo/pods", body: Data("{not json".utf8))
        #expect(code == 400)
        let error = KubeAPIError(status: try #require(status), fallbackCode: code)
        #expect(error.reason == .badRequest)
        #expect(error.causes.isEmpty)
    }

    @Test func expiredContinueTokenIsGoneAndListAllStartsOver() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        for i in 0..<4 { _ = try await client.create(.pods, podObject("p\(i)", namespace: "demo")) }
        let page1 = try await client.list(.pods, namespace: "demo", options: ListOptions(limit: 1))
        let token = try #require(page1.continueToken)
        _ = try await client.mergePatch(.pods, namespace: "demo", name: "p0", ["metadata": ["labels": ["bump": "1"]]])
        server.compactHistory()
        let error = await expectKubeError { _ = try await client.list(.pods, namespace: "demo", options: ListOptions(limit: 1, continueToken: token)) }
        #expect(error?.isGone == true)
        #expect(error?.apiError?.reason == .expired)
        let all = try await client.listAll(.pods, namespace: "demo", pageSize: 1)
        #expect(all.items.compactMap(\.metadataName) == ["p0", "p1", "p2", "p3"])
    }
}
