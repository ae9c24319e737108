// Query strings for API requests. Takes: ordered name/value pairs. Gives: "?a=b&c=d" with every
// byte outside [A-Za-z0-9-._~] percent-encoded (so `=`, `,`, `!`, `(` and `+` in selectors
// survive any server's parsing). Cost: linear in the text.
import Foundation

enum QueryString {
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func encode(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { name, value in
            "\(escape(name))=\(escape(value))"
        }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s }
}
