// Paging, selectors, and the status subresource.
import Foundation
import Testing
@testable import KubeClient
import KubeStandIn

@Suite struct ListAndStatusTests {
    @Test func pagesShareOneSnapshot() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        for i in 0..<5 { _ = try await client.create(.pods, podObject("p\(i)", namespace: "demo")) }
        let page1 = try await client.list(.pods, namespace: "demo", options: ListOptions(limit: 2))
        #expect(page1.items.compactMap(\.metadataName) == ["p0", "p1"])
        #expect(page1.remainingItemCount == 3)
        #expect(page1.items.first?["kind"] == "Pod")
        // Changes after page 1 do not show in later pages of the same list.
        _ = try await client.create(.pods, podObject("p9", namespace: "demo"))
        try await client.delete(.pods, namespace: "demo", name: "p3")
        let page2 = try await client.list(.pods, namespace: "demo", options: ListOptions(limit: 2, continueToken: page1.continueToken))
        let page3 = try await client.list(.pods, namespace: "demo", options: ListOptions(limit: 2, continueToken: page2.continueToken))
        #expect(page2.items.compactMap(\.metadataName) == ["p2", "p3"])
        #expect(page3.items.compactMap(\.metadataName) == ["p4"])
        #expect(page3.continueToken == nil)
        #expect(page2.resourceVersion == page1.resourceVersion)
        let all = try await client.listAll(.pods, namespace: "demo", pageSize: 2)
        #expect(all.items.compactMap(\.metadataName) == ["p0", "p1", "p2", "p4", "p9"])
    }

    @Test func labelAndFieldSelectors() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        _ = try await client.create(.namespaces, namespaceObject("other"))
        _ = try await client.create(.pods, podObject("a", namespace: "demo", node: "node-a", labels: ["app": "web", "tier": "1"]))
        _ = try await client.create(.pods, podObject("b", namespace: "demo", node: "node-b", labels: ["app": "db"]))
        _ = try await client.create(.pods, podObject("c", namespace: "other", node: "node-a", labels: ["app": "web"]))
        _ = try await client.create(.pods, podObject("d", namespace: "other", node: nil, labels: [:]))
        func names(_ label: String? = nil, _ field: String? = nil) async throws -> [String] {
            try await client.listAll(.pods, labelSelector: label, fieldSelector: field).items.compactMap(\.metadataName)
        }
        #expect(try await names("app=web") == ["a", "c"])
        #expect(try await names("app!=web") == ["b", "d"])
        #expect(try await names("app in (db, web),tier") == ["a"])
        #expect(try await names("app notin (web)") == ["b", "d"])
        #expect(try await names("!app") == ["d"])
        #expect(try await names(nil, "spec.nodeName=node-a") == ["a", "c"])
        #expect(try await names("app=web", "metadata.namespace=other") == ["c"])
        let error = await expectKubeError { _ = try await names(nil, "spec.bogus=1") }
        #expect(error?.apiError?.code == 400)
    }

    @Test func statusSubresourceChangesOnlyStatus() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        var pod = podObject("web-1", namespace: "demo")
        pod["status"] = ["podIP": "10.9.9.9"]
        let created = try await client.create(.pods, pod)
        #expect(created["status"]?["podIP"] == nil)       // dropped on create (§5.7)
        #expect(created["status"]?["phase"] == "Pending")

        // The main resource cannot set status.
        var viaMain = created
        viaMain["status"]?["podIP"] = "10.1.1.1"
        let afterMain = try await client.replace(.pods, viaMain)
        #expect(afterMain["status"]?["podIP"] == nil)

        // The status subresource sets status and ignores spec/label changes.
        var viaStatus = afterMain
        viaStatus["status"] = ["phase": "Running", "podIP": "10.1.1.1", "podIPs": [["ip": "10.1.1.1"]]]
        viaStatus["spec"]?["nodeName"] = "node-z"
        viaStatus = viaStatus.settingLabel("sneaky", to: "1")
        let afterStatus = try await client.replaceStatus(.pods, viaStatus)
        #expect(afterStatus["status"]?["podIP"] == "10.1.1.1")
        #expect(afterStatus["spec"] == created["spec"])
        #expect(afterStatus.labels["sneaky"] == nil)

        // A stale resourceVersion on the status subresource conflicts too (transcript 15).
        let stale = created.settingResourceVersion(created.resourceVersion)
        let error = await expectKubeError { _ = try await makeClient(server, retry: .never).replaceStatus(.pods, stale) }
        #expect(error?.isConflict == true)

        // Merge patch on status works too (transcript 13).
        let patched = try await client.mergePatch(.pods, namespace: "demo", name: "web-1", ["status": ["podIP": "10.2.2.2"]], subresource: "status")
        #expect(patched["status"]?["podIP"] == "10.2.2.2")
        #expect(patched["status"]?["phase"] == "Running")
    }

    @Test func podSpecIsImmutableExceptImages() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let created = try await client.create(.pods, podObject("web-1", namespace: "demo"))
        var moved = created
        moved["spec"]?["nodeName"] = "node-b"
        let error = await expectKubeError { _ = try await client.replace(.pods, moved) }
        #expect(error?.apiError?.code == 422)
        #expect(error?.apiError?.causes.first?.field == "spec")
        var relabelled = created.settingLabel("app", to: "db")
        // Only the image changes; the containers keep what admission added (volume mounts).
        var container = try #require(created["spec"]?["containers"]?.arrayValue?.first)
        container["image"] = "example.invalid/web:2"
        relabelled["spec"]?["containers"] = [container]
        let ok = try await client.replace(.pods, relabelled)
        #expect(ok.labels["app"] == "db")
    }

    @Test func deleteWithPreconditions() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        let created = try await client.create(.pods, podObject("web-1", namespace: "demo"))
        let noRetry = try makeClient(server, retry: .never)
        let error = await expectKubeError {
            try await noRetry.delete(.pods, namespace: "demo", name: "web-1", preconditions: DeletePreconditions(uid: "not-the-uid"))
        }
        #expect(error?.isConflict == true)
        try await client.delete(.pods, namespace: "demo", name: "web-1", preconditions: DeletePreconditions(uid: created.uid))
        #expect(server.objects(.pods, namespace: "demo").isEmpty)
    }

    @Test func gracefulDeleteOfBoundPodOnlyMarksIt() async throws {
        let (server, client) = try await standInWithNamespace()
        defer { server.stop() }
        _ = try await client.create(.pods, podObject("web-1", namespace: "demo"))
        let marked = try await client.delete(.pods, namespace: "demo", name: "web-1", gracePeriodSeconds: nil)
        #expect(marked["metadata"]?["deletionGracePeriodSeconds"] == 30)
        #expect(server.objects(.pods, namespace: "demo").count == 1)
        try await client.delete(.pods, namespace: "demo", name: "web-1")
        #expect(server.objects(.pods, namespace: "demo").isEmpty)
    }
}
