// IPSetType in JSON by name ("ip", "ipAndPort", "net"), the names `convert --felix` prints,
// so `oracle` and `convert` describe the same IP set the same way. Older files wrote the
// wire number (0, 1, 2); both are read.

extension IPSetType {
    public var name: String {
        switch self {
        case .ip: return "ip"
        case .ipAndPort: return "ipAndPort"
        case .net: return "net"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            guard let type = IPSetType(rawValue: number) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "IP set type \(number) is not 0, 1 or 2")
            }
            self = type
            return
        }
        let text = try container.decode(String.self)
        guard let type = [IPSetType.ip, .ipAndPort, .net].first(where: { $0.name == text }) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "IP set type \"\(text)\" is not \"ip\", \"ipAndPort\" or \"net\"")
        }
        self = type
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
