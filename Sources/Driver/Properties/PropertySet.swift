/// Which properties a run checks. All by default; a benchmark may turn some off.
public struct PropertySet: Hashable, Sendable {
    public var enabled: Set<PropertyName>

    public init(_ enabled: Set<PropertyName> = Set(PropertyName.allCases)) {
        self.enabled = enabled
    }

    public static let all = PropertySet()

    public func contains(_ property: PropertyName) -> Bool { enabled.contains(property) }
}
