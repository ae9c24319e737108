import Calico

// Pod steps: create, delete, relabel, move local↔remote, set/clear IP, finish. Each takes draws and
// the live population and gives the writes, or nil when it has no target (no namespace to create
// in, no pod, no pod with an IP, ...) so the caller can fall back to a simpler kind.
// Every step returned changes the cluster. Cost: O(pods) to filter candidates, a few draws.

extension GenerationState {
    mutating func createPodStep(_ draw: Draw) throws -> [Write]? {
        guard let namespace = try pickNamespace(draw) else { return nil }
        return [.put(.pod(try makePod(draw, namespace: namespace)))]
    }

    func deletePodStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw) else { return nil }
        return [.delete(KubeObject.pod(pod).ref)]
    }

    /// New labels from the vocabulary; if they happen to equal the old ones, `ha` flips.
    func relabelPodStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw) else { return nil }
        var labels = try LabelSelectorGenerator.labels(draw, Vocabulary.podLabels)
        if labels == pod.labels { labels["ha"] = labels["ha"] == "active" ? "backup" : "active" }
        return [.put(.pod(PodFactory.relabelled(pod, labels)))]
    }

    /// Delete, then create under the same name on the other side: a local pod goes to a remote
    /// host, a remote (or unscheduled) one to the local host. Keeps its address unless a fresh one
    /// is drawn (1 in 3), as a rescheduled pod usually gets.
    mutating func movePodStep(_ draw: Draw) throws -> [Write]? {
        let remotes = population.nodeNames.filter { $0 != localHost }
        guard !remotes.isEmpty, population.nodeNames.contains(localHost), let pod = try pickPod(draw) else {
            return nil
        }
        let target = pod.spec.nodeName == localHost ? try draw.element(remotes) : localHost
        var moved = PodFactory.onNode(pod, target)
        if try draw.oneIn(3), PodFactory.hasAddress(pod), pod.spec.hostNetwork != true {
            let fresh = names.addresses()
            let old = PodFactory.addresses(of: pod)
            moved = PodFactory.withAddresses(moved, ipv4: fresh.ipv4, ipv6: old.ipv6 == nil ? nil : fresh.ipv6)
        }
        return [.delete(KubeObject.pod(pod).ref), .put(.pod(moved))]
    }

    /// A new address (choice 0: a fresh IPv4), a fresh dual-stack pair, or another pod's address
    /// (as when an IP is recycled from a finished pod).
    mutating func setPodIPStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw) else { return nil }
        var addresses: (ipv4: String?, ipv6: String?)
        switch try draw.weighted([4, 1, 1]) {
        case 1:
            let fresh = names.addresses()
            addresses = (fresh.ipv4, fresh.ipv6)
        case 2:
            let donor = try pickPod(draw) { $0.key != pod.key && PodFactory.hasAddress($0) }
            addresses = donor.map(PodFactory.addresses(of:)) ?? (nil, nil)
        default:
            addresses = (names.addresses().ipv4, nil)
        }
        let current = PodFactory.addresses(of: pod)
        if (addresses.ipv4 == nil && addresses.ipv6 == nil) || (addresses == current) {
            addresses = (names.addresses().ipv4, nil)
        }
        return [.put(.pod(PodFactory.withAddresses(pod, ipv4: addresses.ipv4, ipv6: addresses.ipv6)))]
    }

    func clearPodIPStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw, where: PodFactory.hasAddress) else { return nil }
        return [.put(.pod(PodFactory.withAddresses(pod, ipv4: nil, ipv6: nil)))]
    }

    func finishPodStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw, where: { !PodFactory.isFinished($0) }) else { return nil }
        return [.put(.pod(PodFactory.finished(pod)))]
    }
}
