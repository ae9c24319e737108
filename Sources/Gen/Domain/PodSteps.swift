import Calico

// Pod steps: create, delete, relabel, move local↔remote, set/clear IP, finish, terminate, restart.
// Each takes draws and
// the live population and gives the writes, or nil when it has no target (no namespace to create
// in, no pod, no pod with an IP, ...) so the caller can fall back to a simpler kind.
// Every step returned changes the cluster. Cost: O(pods) to filter candidates, a few draws.

extension GenerationState {
    mutating func createPodStep(_ draw: Draw) throws -> [Write]? {
        guard let namespace = try pickHomeNamespace(draw) else { return nil }
        return [.put(.pod(try makePod(draw, namespace: namespace)))]
    }

    func deletePodStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw) else { return nil }
        return [.delete(KubeObject.pod(pod).ref)]
    }

    /// New labels from the vocabulary (choice 0, half the time), one vocabulary key added or
    /// removed and the rest kept (a quarter), or just `canary=""` added or removed (a quarter):
    /// a change only selectors reading that key may notice, and with `canary` only the key's
    /// existence changes. If the labels end up unchanged, `ha` flips.
    func relabelPodStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw) else { return nil }
        let emptyValued = Vocabulary.podLabels.filter { $0.key == Vocabulary.emptyValuedLabel }
        var labels: [String: String]
        switch try draw.weighted([2, 1, 1]) {
        case 1: labels = try LabelSelectorGenerator.togglingOneKey(draw, pod.labels, Vocabulary.podLabels)
        case 2: labels = try LabelSelectorGenerator.togglingOneKey(draw, pod.labels, emptyValued)
        default: labels = try LabelSelectorGenerator.labels(draw, Vocabulary.podLabels)
        }
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
        var moved = PodFactory.onNode(PodFactory.recreated(pod), target)
        if try draw.oneIn(3), PodFactory.hasAddress(pod), pod.spec.hostNetwork != true {
            let fresh = names.addresses()
            let old = PodFactory.addresses(of: pod)
            moved = PodFactory.withAddresses(moved, ipv4: fresh.ipv4, ipv6: old.ipv6 == nil ? nil : fresh.ipv6)
        }
        return [.delete(KubeObject.pod(pod).ref), .put(.pod(moved))]
    }

    /// A new address (choice 0: a fresh IPv4), a fresh dual-stack pair, or another pod's address
    /// (as when an IP is recycled from a finished pod; weighted up, since two endpoints sharing
    /// an address are what IP set member ref-counting is for).
    mutating func setPodIPStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw) else { return nil }
        var addresses: (ipv4: String?, ipv6: String?)
        switch try draw.weighted([3, 1, 3]) {
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

extension GenerationState {
    /// A graceful delete begins: a pod that is not yet terminating (one with an address when
    /// there is one) gets a `deletionTimestamp` and keeps its IP. See `PodFactory.terminating`.
    /// Live, the step is a graceful delete that leaves the pod Terminating (LiveClusterWriter).
    /// (The CNI-released variant is not drawn: it would change generated output, and the
    /// step as drawn already exercises the terminating-but-running case.)
    func terminatePodStep(_ draw: Draw) throws -> [Write]? {
        let candidates = { (pod: Pod) in !PodFactory.isTerminating(pod) }
        guard let pod = try pickPod(draw, where: { candidates($0) && PodFactory.hasAddress($0) })
            ?? pickPod(draw, where: candidates)
        else { return nil }
        return [.put(.pod(PodFactory.terminating(pod, cniReleased: false)))]
    }

    /// Delete, then create under the same name on the same host, running with a fresh address
    /// (a dual-stack pod gets a fresh pair): the old incarnation and the new one meet within one
    /// flush, so whatever the pod alone kept active goes inactive and comes back.
    mutating func restartPodStep(_ draw: Draw) throws -> [Write]? {
        guard let pod = try pickPod(draw, where: { $0.spec.nodeName != nil && $0.spec.hostNetwork != true }) else {
            return nil
        }
        var fresh = PodFactory.recreated(pod)
        fresh.status?.phase = nil
        let addresses = names.addresses()
        let dualStack = PodFactory.addresses(of: pod).ipv6 != nil
        fresh = PodFactory.withAddresses(fresh, ipv4: addresses.ipv4, ipv6: dualStack ? addresses.ipv6 : nil)
        return [.delete(KubeObject.pod(pod).ref), .put(.pod(fresh))]
    }
}
