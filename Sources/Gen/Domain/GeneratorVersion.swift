// The version of the domain generators. Reproducers record it: a recorded choice sequence only
// means the same scenario under the same generator version, so bump this whenever a change to
// Sources/Gen/Domain changes what any choice sequence decodes to (new draws, reordered options,
// new vocabulary), and say what changed below.
//
// 1: first version (cluster shapes, selectors, policies, swarm step sequences, workloads).
// 2: step kinds terminatePod, restartPod, replacePolicy; pod label `canary=""` in the vocabulary;
//    new pods on the local host half the time and now and then on another pod's IPv4; setPodIP
//    recycles an address more often; policies reuse live policies' selectors and peers
//    (`PolicyPool`); changePolicyRules keeps the policy's types 3 in 4 times; rule changes and
//    replacements prefer active policies; new pods and policies crowd the first namespace;
//    policy names `<prefix>-N` (policy, allow, web); relabels sometimes toggle one key; the
//    swarm counts re-evaluating kinds double (`SwarmConfiguration.emphasis`).

public enum GeneratorVersion {
    public static let current = 2
}
