import Calico

// PeerGenerator: the `from`/`to` list of a NetworkPolicy rule. Takes draws and the namespaces in
// the cluster; gives peers of every kind the API allows: podSelector, namespaceSelector, both, or
// an ipBlock (IPv4 or IPv6, with or without `except`). Every except is strictly inside its cidr,
// every cidr is in canonical form, and no peer mixes ipBlock with selectors, as API validation
// requires. Choice 0 gives no `from`/`to` (all sources). Cost: a few draws per peer.
// Source for validity: kubernetes/kubernetes pkg/apis/networking/validation/validation.go
// (ValidateNetworkPolicyPeer, ValidateIPBlock).

enum PeerGenerator {
    /// nil (choice 0), `[]` now and then, or 1–3 peers.
    static func peers(_ draw: Draw, namespaces: [String], pool: PolicyPool = .empty) throws -> [NetworkPolicyPeer]? {
        switch try draw.weighted([4, 1, 7]) {
        case 0: return nil
        case 1: return []
        default: return try (0..<(try draw.int(1...3))).map { _ in try peer(draw, namespaces: namespaces, pool: pool) }
        }
    }

    /// 1 in 3 times (when there is one) a selector peer a live policy already has, so the two
    /// policies share its IP set; otherwise a fresh peer.
    static func peer(_ draw: Draw, namespaces: [String], pool: PolicyPool = .empty) throws -> NetworkPolicyPeer {
        try draw.span("peer") {
            if !pool.peers.isEmpty, try draw.oneIn(3) { return try draw.element(pool.peers) }
            switch try draw.weighted([4, 3, 3, 3]) {
            case 0:
                return NetworkPolicyPeer(podSelector: try LabelSelectorGenerator.selector(draw, .pods))
            case 1:
                return NetworkPolicyPeer(
                    namespaceSelector: try LabelSelectorGenerator.selector(draw, .namespaces(names: namespaces)))
            case 2:
                return NetworkPolicyPeer(
                    podSelector: try LabelSelectorGenerator.selector(draw, .pods),
                    namespaceSelector: try LabelSelectorGenerator.selector(draw, .namespaces(names: namespaces)))
            default:
                return NetworkPolicyPeer(ipBlock: try ipBlock(draw))
            }
        }
    }

    /// Canonical CIDRs near the addresses pods and nodes use.
    static let ipv4Blocks: [(address: UInt32, prefix: Int)] = [
        (0x0A00_0000, 8),  // 10.0.0.0/8: every pod
        (0x0A01_0000, 16),  // 10.1.0.0/16: seed namespace ns-0
        (0x0A80_0000, 9),  // 10.128.0.0/9: pods made by steps
        (0x0000_0000, 0),  // 0.0.0.0/0
        (0xC0A8_0000, 16),  // 192.168.0.0/16: nodes
        (0x0A01_0001, 32),  // 10.1.0.1/32: one seed pod
    ]

    static func ipBlock(_ draw: Draw) throws -> IPBlock {
        if try draw.oneIn(5) { return try ipv6Block(draw) }
        let block = try draw.element(ipv4Blocks)
        let cidr = "\(dotted(block.address))/\(block.prefix)"
        guard block.prefix < 32, try draw.bool() else { return IPBlock(cidr: cidr) }
        var excepts: [String] = []
        for _ in 0..<(try draw.int(1...2)) {
            // A longer prefix inside the block: one of its subnets, picked by index.
            let longer = min(32, block.prefix + (try draw.int(1...8)))
            let subnetBits = longer - block.prefix
            let subnet = UInt32(try draw.int(0...((1 << subnetBits) - 1)))
            let address = block.address | (subnet << UInt32(32 - longer))
            let except = "\(dotted(address))/\(longer)"
            if !excepts.contains(except) { excepts.append(except) }
        }
        return IPBlock(cidr: cidr, except: excepts)
    }

    static let ipv6Blocks: [(cidr: String, excepts: [String])] = [
        ("fd00:10::/64", ["fd00:10::/120", "fd00:10::1/128"]),
        ("::/0", ["fd00::/8", "fd00:10::/64"]),
    ]

    static func ipv6Block(_ draw: Draw) throws -> IPBlock {
        let block = try draw.element(ipv6Blocks)
        guard try draw.bool() else { return IPBlock(cidr: block.cidr) }
        return IPBlock(cidr: block.cidr, except: [try draw.element(block.excepts)])
    }

    static func dotted(_ address: UInt32) -> String {
        "\(address >> 24).\((address >> 16) & 0xFF).\((address >> 8) & 0xFF).\(address & 0xFF)"
    }
}
