// One Kubernetes peer → the address fields of a v3 rule side.
// Takes: a peer (nil = "no peers": matches any address). Gives: selector, namespace selector,
// nets, not-nets (each nil when empty). Cost: O(terms + excepts).
// Source: projectcalico/calico:libcalico-go/lib/backend/k8s/conversion/conversion.go
// (`k8sPeerToCalicoFields`), with spec §0 A5 (a bad `except` keeps what came before it) and
// §0 B6 (the empty peer selects pods of the policy's own namespace).

struct PeerFields: Hashable {
    var selector: String?
    var namespaceSelector: String?
    var nets: [String]?
    var notNets: [String]?
}

enum PeerConversion {
    static func fields(of peer: NetworkPolicyPeer?) -> PeerFields {
        guard let peer else { return PeerFields() }
        if let block = peer.ipBlock {
            // An ipBlock wins over any selector in the same peer. `net.ParseCIDR` needs a
            // prefix; the result is the masked network.
            guard let cidr = IPNetwork(cidr: block.cidr) else { return PeerFields() }
            var fields = PeerFields(nets: [cidr.masked.description])
            for exception in block.except ?? [] {
                guard let network = IPNetwork(cidr: exception) else { break }
                fields.notNets = (fields.notNets ?? []) + [network.masked.description]
            }
            return fields
        }
        let selector = KubeSelectorText.calicoSelector(peer.podSelector, kind: .pod)
        let namespaceSelector = KubeSelectorText.calicoSelector(peer.namespaceSelector, kind: .namespace)
        return PeerFields(
            selector: selector.isEmpty ? nil : selector,
            namespaceSelector: namespaceSelector.isEmpty ? nil : namespaceSelector)
    }
}
