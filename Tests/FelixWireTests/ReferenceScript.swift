// The Python side of the cross-check, run with the classes protoc generates from the real
// felixbackend.proto. Modes:
//   check FRAMES JSONL  for each Swift-encoded frame: Python's parse re-serialised
//                       (deterministic), MessageToDict of it, and the bytes Python gets by
//                       parsing our JSON line; one JSON object per line.
//   build FRAMES        writes messages built here, with Python's own encoder, and prints
//                       MessageToDict of each as one JSON line.

enum ReferenceScript {
    static let source = #"""
import json, struct, sys
sys.path.insert(0, sys.argv[1])
import felixbackend_pb2 as pb
from google.protobuf import json_format

def read_frames(path):
    data = open(path, 'rb').read()
    i, out = 0, []
    while i < len(data):
        n = struct.unpack_from('<Q', data, i)[0]
        out.append(data[i + 8:i + 8 + n])
        i += 8 + n
    return out

def frame(b):
    return struct.pack('<Q', len(b)) + b

mode = sys.argv[2]
if mode == 'check':
    lines = open(sys.argv[4], encoding='utf-8').read().splitlines()
    for raw, line in zip(read_frames(sys.argv[3]), lines):
        m = pb.ToDataplane()
        m.ParseFromString(raw)
        from_json = json_format.Parse(line, pb.ToDataplane())
        print(json.dumps({
            'reserialised': m.SerializeToString(deterministic=True).hex(),
            'dict': json_format.MessageToDict(m),
            'fromOurJSON': from_json.SerializeToString(deterministic=True).hex(),
        }, sort_keys=True))
elif mode == 'build':
    out = open(sys.argv[3], 'wb')
    def emit_bytes(b):
        out.write(frame(b))
        parsed = pb.ToDataplane()
        parsed.ParseFromString(b)
        print(json.dumps(json_format.MessageToDict(parsed), sort_keys=True))
    def emit(m):
        emit_bytes(m.SerializeToString(deterministic=True))

    m = pb.ToDataplane(sequence_number=0)          # first message: no field 15 on the wire
    m.ipset_update.id = 's:abc'
    m.ipset_update.members.extend(['10.0.0.1/32', '10.0.0.2/32'])
    m.ipset_update.type = pb.IPSetUpdate.NET
    emit(m)

    m = pb.ToDataplane(sequence_number=1)
    m.ipset_delta_update.id = 's:abc'
    m.ipset_delta_update.added_members.append('10.0.0.3/32')
    m.ipset_delta_update.removed_members.append('10.0.0.1/32')
    emit(m)

    m = pb.ToDataplane(sequence_number=2)
    m.ipset_remove.id = 's:old'
    emit(m)

    m = pb.ToDataplane(sequence_number=3)
    m.active_profile_update.id.name = 'kns.prod'
    m.active_profile_update.profile.inbound_rules.add(action='allow')
    m.active_profile_update.profile.outbound_rules.add(action='allow')
    emit(m)

    m = pb.ToDataplane(sequence_number=4)
    u = m.active_policy_update
    u.id.name, u.id.namespace, u.id.kind = 'np', 'prod', 'KubernetesNetworkPolicy'
    u.policy.namespace, u.policy.tier = 'prod', 'default'
    u.policy.original_selector = "projectcalico.org/orchestrator == 'k8s'"
    r = u.policy.inbound_rules.add(action='allow', ip_version=pb.IPV4, rule_id='r1')
    r.protocol.name = 'tcp'
    r.dst_ports.add(first=80, last=80)
    r.dst_ports.add(first=8000, last=8080)
    r.src_ip_set_ids.append('s:a')
    r.dst_named_port_ip_set_ids.append('n:b')
    r.original_src_selector = "app == 'x'"
    r.icmp_type = 3
    r = u.policy.outbound_rules.add(action='deny')
    r.not_protocol.number = 17
    r.not_dst_ports.add(first=53, last=53)
    r.not_src_net.append('10.0.0.0/8')
    r.http_match.methods.append('GET')             # not modelled
    emit(m)

    m = pb.ToDataplane(sequence_number=5)
    u = m.workload_endpoint_update
    u.id.orchestrator_id, u.id.workload_id, u.id.endpoint_id = 'k8s', 'prod/pod-1', 'eth0'
    e = u.endpoint
    e.state, e.name = 'active', 'cali0123456789a'
    e.profile_ids.extend(['kns.prod', 'ksa.prod.default'])
    e.ipv4_nets.append('10.0.0.5/32')
    t = e.tiers.add(name='default', default_action='Deny')
    t.ingress_policies.add(name='np', namespace='prod', kind='KubernetesNetworkPolicy')
    e.annotations['a'] = 'b'
    e.annotations['c'] = ''
    e.ipv4_nat.add(ext_ip='1.2.3.4', int_ip='10.0.0.5')   # not modelled
    emit(m)

    m = pb.ToDataplane(sequence_number=6)
    m.workload_endpoint_remove.id.orchestrator_id = 'k8s'
    m.workload_endpoint_remove.id.workload_id = 'prod/pod-1'
    m.workload_endpoint_remove.id.endpoint_id = 'eth0'
    emit(m)

    m = pb.ToDataplane(sequence_number=7)
    m.active_policy_remove.id.name = 'np'
    m.active_policy_remove.id.namespace = 'prod'
    m.active_policy_remove.id.kind = 'KubernetesNetworkPolicy'
    emit(m)

    m = pb.ToDataplane(sequence_number=8)
    m.active_profile_remove.id.name = 'kns.prod'
    emit(m)

    m = pb.ToDataplane(sequence_number=9)
    m.config_update.config['FelixHostname'] = 'node-1'
    emit(m)

    m = pb.ToDataplane(sequence_number=10)
    m.namespace_update.id.name = 'prod'
    emit(m)

    m = pb.ToDataplane(sequence_number=11)
    m.in_sync.SetInParent()
    emit(m)

    # Sequence number before the payload: concatenated messages merge, so this is one
    # ToDataplane whose field 15 comes first on the wire.
    first = pb.ToDataplane(sequence_number=12).SerializeToString()
    second = pb.ToDataplane()
    second.ipset_remove.id = 'x'
    emit_bytes(first + second.SerializeToString())

    m = pb.ToDataplane(sequence_number=1 << 63)
    m.route_update.dst = '10.0.0.0/26'
    emit(m)

    m = pb.ToDataplane(sequence_number=(1 << 64) - 1)
    m.in_sync.SetInParent()
    emit(m)

    # Unmodelled payloads with content: the JSON printer must still match MessageToDict.
    m = pb.ToDataplane(sequence_number=20)
    m.config_update.config['LogSeverityScreen'] = 'Info'
    m.config_update.config['FelixHostname'] = 'node-1'
    m.config_update.source_to_raw_config[5].source = 'environment variable'
    m.config_update.source_to_raw_config[5].config['felixhostname'] = 'node-1'
    m.config_update.source_to_raw_config[0].source = 'default'
    emit(m)
    m = pb.ToDataplane(sequence_number=21)
    u = m.host_metadata_update
    u.hostname, u.ipv4_addr, u.asnumber = 'node-1', '10.0.0.1/24', '64512'
    u.labels['kubernetes.io/hostname'] = 'node-1'
    emit(m)
    m = pb.ToDataplane(sequence_number=22)
    u = m.route_update
    u.types = 5                                    # a bitmap: no enum name, printed as a number
    u.ip_pool_type = pb.VXLAN
    u.dst, u.dst_node_name, u.same_subnet = '10.65.0.0/26', 'node-2', True
    u.tunnel_type.vxlan = True
    emit(m)
    m = pb.ToDataplane(sequence_number=23)
    u = m.service_update
    u.name, u.namespace, u.type = 'svc', 'prod', 'ClusterIP'
    u.cluster_ips.extend(['10.96.0.10', 'fd00::a'])
    u.ports.add(Protocol='TCP', Port=53, NodePort=0)
    emit(m)
    m = pb.ToDataplane(sequence_number=24)
    u = m.host_endpoint_update
    u.id.endpoint_id = 'eth0'
    u.endpoint.name = 'eth0'
    u.endpoint.untracked_tiers.add(name='default', default_action='Deny').ingress_policies.add(name='p')
    u.endpoint.expected_ipv4_addrs.append('10.0.0.1')
    emit(m)
    m = pb.ToDataplane(sequence_number=25)
    m.encapsulation.vxlan_enabled = True
    emit(m)
    m = pb.ToDataplane(sequence_number=26)
    e = m.workload_endpoint_update.endpoint
    e.qos_controls.IngressBandwidth = 10000000000
    e.qos_controls.EgressBurst = -1
    e.skip_redir.Ingress = True
    e.live_migration_role = pb.TARGET
    e.qos_policies.add(destination='0.0.0.0/0', dscp=-3)
    emit(m)
    m = pb.ToDataplane(sequence_number=27)
    r = m.active_policy_update.policy.inbound_rules.add(action='allow')
    r.icmp_type_code.type, r.icmp_type_code.code = 8, 0
    r.not_icmp_type = 0                            # a oneof member at 0: still present
    r.src_service_account_match.selector = 'role == "x"'
    r.src_service_account_match.names.append('sa')
    r.http_match.paths.add(prefix='/api')
    r.metadata.annotations['team'] = 'net'
    emit(m)
    m = pb.ToDataplane(sequence_number=28)
    m.wireguard_endpoint_v6_update.hostname = 'node-1'
    m.wireguard_endpoint_v6_update.public_key_v6 = 'abc='
    emit(m)
    out.close()
"""#
}
