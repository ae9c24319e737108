// GET on a collection: list with selectors and `limit`/`continue` paging.
// Takes: labelSelector, fieldSelector, limit, continue, resourceVersion, resourceVersionMatch.
// Gives: `{kind: <Kind>List, metadata: {resourceVersion, continue?, remainingItemCount?}, items}`
// where every page of one list shows the same snapshot (rebuilt from history), or 410 Expired
// once history no longer reaches the snapshot (transcripts 50, 51). Items of built-in kinds
// carry no kind/apiVersion (transcripts 25–29). Cost: O(history + objects) per page.
import Foundation

struct ContinueToken: Codable {
    var v = "meta.k8s.io/v1"
    var rv: Int64
    var start: String

    func encoded() -> String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> ContinueToken? {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64) else { return nil }
        return try? JSONDecoder().decode(ContinueToken.self, from: data)
    }
}

extension APIHandler {
    func list(_ request: HTTPRequest, _ path: APIPath) -> HTTPResponse {
        let r = path.resource
        let filter: ObjectFilter
        do { filter = try ObjectFilter.from(request) } catch { return StatusBody.badRequest(error.message) }
        var limit = 0
        if let text = request.queryValue("limit"), !text.isEmpty {
            guard let value = Int(text), value >= 0 else { return StatusBody.badRequest("invalid limit: \(text)") }
            limit = value
        }
        var token: ContinueToken?
        if let text = request.queryValue("continue"), !text.isEmpty {
            guard let decoded = ContinueToken.decode(text), StoreKey(tokenText: decoded.start) != nil else {
                return StatusBody.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
            }
            token = decoded
        }
        let requestedRV = request.queryValue("resourceVersion") ?? ""
        let exact = request.queryValue("resourceVersionMatch") == "Exact"

        return store.locked { () -> HTTPResponse in
            let listRV: Int64
            let state: [StoreKey: JSON]
            if let token, token.rv >= 0 {
                guard let old = store.state(r, at: token.rv) else {
                    let fresh = ContinueToken(rv: -1, start: token.start).encoded()
                    return StatusBody.expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.", continueToken: fresh)
                }
                (listRV, state) = (token.rv, old)
            } else if !requestedRV.isEmpty && requestedRV != "0" {
                guard let rv = Int64(requestedRV) else { return StatusBody.badRequest("invalid resourceVersion: \(requestedRV)") }
                if rv > store.currentRV {
                    return StatusBody.failure(code: 504, reason: "Timeout", message: "Too large resource version: \(rv), current resource version: \(store.currentRV)",
                                              details: ["causes": [["reason": "ResourceVersionTooLarge", "message": "Too large resource version"]], "retryAfterSeconds": 1])
                }
                if exact {
                    guard let old = store.state(r, at: rv) else { return StatusBody.expired("The resourceVersion for the provided list is too old.") }
                    (listRV, state) = (rv, old)
                } else {
                    (listRV, state) = (store.currentRV, Dictionary(uniqueKeysWithValues: store.all(r, namespace: nil)))
                }
            } else {
                (listRV, state) = (store.currentRV, Dictionary(uniqueKeysWithValues: store.all(r, namespace: nil)))
            }
            let startAfter = token.flatMap { StoreKey(tokenText: $0.start) }
            let matching = state.filter { (key, object) in
                (path.namespace == nil || key.namespace == path.namespace)
                    && (startAfter.map { key > $0 } ?? true) && filter.matches(object)
            }.sorted { $0.key < $1.key }
            let page = limit > 0 ? Array(matching.prefix(limit)) : matching
            var metadata: JSON = ["resourceVersion": .string(String(listRV))]
            if page.count < matching.count, let last = page.last {
                let nextRV = token?.rv == -1 ? -1 : listRV
                metadata["continue"] = .string(ContinueToken(rv: nextRV, start: last.key.tokenText).encoded())
                if filter.labels.requirements.isEmpty && filter.fields.requirements.isEmpty {
                    metadata["remainingItemCount"] = .int(Int64(matching.count - page.count))
                }
            }
            let items: [JSON] = page.map { entry in
                var item = entry.value
                if r.builtIn { item["kind"] = nil; item["apiVersion"] = nil }
                return item
            }
            return .json(200, ["kind": .string(r.listKind), "apiVersion": .string(r.apiVersion),
                               "metadata": metadata, "items": .array(items)])
        }
    }
}
