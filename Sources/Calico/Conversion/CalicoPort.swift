// Calico's port value (`numorstring.Port`): a single number, an inclusive range, or a named
// port; and how a Kubernetes port becomes one.
// Takes: text such as "80", "80:90", "http". Gives: the port, or Calico's error text.
// Source: projectcalico/calico:api/pkg/lib/numorstring/port.go (`PortFromString`,
// `PortFromRange`, `MarshalJSON`).

/// A v3 port: number, range `min:max`, or name. Encodes as a JSON number (single port) or
/// string (range or name), as Calico does.
public enum CalicoPort: Hashable, Sendable, Codable, CustomStringConvertible {
    case range(min: Int, max: Int)
    case named(String)

    public static func single(_ port: Int) -> CalicoPort { .range(min: port, max: port) }

    public var name: String? {
        if case .named(let name) = self { return name }
        return nil
    }

    /// `"80"`, `"80:90"` or the name.
    public var description: String {
        switch self {
        case .named(let name): return name
        case .range(let min, let max): return min == max ? String(min) : "\(min):\(max)"
        }
    }

    /// Calico's `PortFromString`. The error text is Calico's.
    public static func parse(_ text: String) -> Result<CalicoPort, CalicoPortError> {
        let isDigits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        if isDigits(Substring(text)) {
            guard let value = UInt16(text) else { return .failure(CalicoPortError("invalid port format (\(text))")) }
            return .success(.single(Int(value)))
        }
        let halves = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if halves.count == 2, isDigits(halves[0]), isDigits(halves[1]) {
            guard let low = UInt16(halves[0]) else {
                return .failure(CalicoPortError("invalid minimum port number in range (\(text))"))
            }
            guard let high = UInt16(halves[1]) else {
                return .failure(CalicoPortError("invalid maximum port number in range (\(text))"))
            }
            guard low <= high else {
                return .failure(CalicoPortError(
                    "minimum port number (\(low)) is greater than maximum port number (\(high)) in port range"))
            }
            return .success(.range(min: Int(low), max: Int(high)))
        }
        let nameCharacters = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
        }
        guard nameCharacters, (1...128).contains(text.unicodeScalars.count) else {
            return .failure(CalicoPortError("invalid name for named port (\(text))"))
        }
        return .success(.named(text))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt16.self) {
            self = .single(Int(number))
            return
        }
        let text = try container.decode(String.self)
        switch CalicoPort.parse(text) {
        case .success(let port): self = port
        case .failure(let error):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .range(let min, let max) where min == max: try container.encode(min)
        default: try container.encode(description)
        }
    }
}

/// Why a port string is not a Calico port (Calico's own wording).
public struct CalicoPortError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
