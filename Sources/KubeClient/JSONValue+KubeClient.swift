// The client's JSON is JSONCore's `JSONValue` (shared with the API stand-in and the CLI);
// re-exported so `import KubeClient` is enough to use it. The two helpers below turn a body
// that is not JSON, or not the expected type, into the client's own error.
@_exported import JSONCore
import Foundation

extension JSONValue {
    /// A response body as JSON, or `KubeClientError.decoding` naming where it broke.
    static func parseBody(_ data: Data) throws -> JSONValue {
        do { return try JSONValue.parse(data) } catch { throw KubeClientError.decoding(error.description) }
    }

    /// A typed value from this tree, or `KubeClientError.decoding`.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try decode(type) } catch { throw KubeClientError.decoding("cannot decode \(T.self): \(error)") }
    }
}
