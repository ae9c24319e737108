// DataplaneState's JSON form: every map becomes an array sorted by ID, so one state is always
// the same bytes (with `KubeJSON.encoder()`, which sorts object keys):
// {"endpoints":[{"endpoint":…,"id":…}],"inSync":…,"ipSets":[{"id":…,"members":[sorted],"type":…}],
//  "policies":[{"id":…,"policy":…}],"profiles":[{"id":…,"profile":…}]}

extension DataplaneState: Codable {
    private enum CodingKeys: String, CodingKey { case endpoints, inSync, ipSets, policies, profiles }

    private struct EndpointEntry: Codable {
        var id: WorkloadEndpointID
        var endpoint: WorkloadEndpoint
    }

    private struct IPSetEntry: Codable {
        var id: String
        var type: IPSetType
        var members: [String]
    }

    private struct PolicyEntry: Codable {
        var id: PolicyID
        var policy: Policy
    }

    private struct ProfileEntry: Codable {
        var id: ProfileID
        var profile: Profile
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        inSync = try c.decodeIfPresent(Bool.self, forKey: .inSync) ?? false
        for entry in try c.decodeIfPresent([EndpointEntry].self, forKey: .endpoints) ?? [] {
            endpoints[entry.id] = entry.endpoint
        }
        for entry in try c.decodeIfPresent([IPSetEntry].self, forKey: .ipSets) ?? [] {
            ipSets[entry.id] = IPSetState(type: entry.type, members: Set(entry.members))
        }
        for entry in try c.decodeIfPresent([PolicyEntry].self, forKey: .policies) ?? [] {
            policies[entry.id] = entry.policy
        }
        for entry in try c.decodeIfPresent([ProfileEntry].self, forKey: .profiles) ?? [] {
            profiles[entry.id] = entry.profile
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(endpoints.keys.sorted().map { EndpointEntry(id: $0, endpoint: endpoints[$0]!) }, forKey: .endpoints)
        try c.encode(inSync, forKey: .inSync)
        try c.encode(
            ipSets.keys.sorted().map { IPSetEntry(id: $0, type: ipSets[$0]!.type, members: ipSets[$0]!.members.sorted()) },
            forKey: .ipSets)
        try c.encode(policies.keys.sorted().map { PolicyEntry(id: $0, policy: policies[$0]!) }, forKey: .policies)
        try c.encode(profiles.keys.sorted().map { ProfileEntry(id: $0, profile: profiles[$0]!) }, forKey: .profiles)
    }
}
