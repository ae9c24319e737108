// protoc's default `json_name`: drop each underscore and upper-case the letter after it;
// every other character is kept as is (so `Egress` stays `Egress`, `ipv4_nets` → `ipv4Nets`).
// Source: protobuf's descriptor.cc `ToJsonName`.

public enum ProtoJSONName {
    public static func from(_ protoName: String) -> String {
        var result = ""
        var capitalizeNext = false
        for character in protoName {
            if character == "_" {
                capitalizeNext = true
            } else if capitalizeNext {
                result += character.uppercased()
                capitalizeNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}
