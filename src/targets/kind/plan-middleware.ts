// The steps of one middleware cluster: Gateway API CRDs, the Higress chart with the
// profile's values, Nacos, the Gateway, Toxiproxy (and CoreDNS when registries have
// public names), then its links: base latency toxics and the DNAT that sends the
// gateways' traffic for a business address through Toxiproxy.
import { BadInputError } from '../../core/errors.js';
import type { HigressVersion } from '../../topology/schema.js';
import { helmInstallProblems } from './helm-values.js';
import type { KindLink } from './links.js';
import type { KubeDoc, Step } from './plan.js';
import * as n from './names.js';

export interface MiddlewareProps {
  readonly cluster: string;
  readonly higress: HigressVersion;
  readonly fileDocs: (file: string) => KubeDoc[];
  readonly toxiproxy: KubeDoc[];
  readonly coredns?: KubeDoc;
  /** The scenario's gatewayPodLabels with this region's placeholders filled in. @default {} */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** The cluster's routes include HTTPRoutes: the chart must have Gateway API on. */
  readonly httpRoutes: boolean;
  /** Reads a checked-in file (values files), relative to the project root. */
  readonly readFile: (file: string) => string;
}

export function middlewareSteps(p: MiddlewareProps): Step[] {
  const c = p.cluster;
  const ctx = ['--context', n.kubeContext(c)];
  const kubectl = (title: string, args: string[]): Step => ({ kind: 'command', phase: 'middleware', cluster: c, title, tool: 'kubectl', args: [...ctx, ...args] });
  const helmArgs = [
    'upgrade', '--install', 'higress', `${n.HIGRESS_REPO.name}/higress`,
    '--version', n.HIGRESS_CHART[p.higress],
    '--kube-context', n.kubeContext(c),
    '-n', n.MIDDLEWARE_NAMESPACE, '--create-namespace',
    '-f', n.valuesFile(p.higress),
    // the chart's own cluster name (gateway ISTIO_META_CLUSTER_ID), not the runbook's global.localClusterName
    '--set', `higress-core.clusterName=${c}`,
    // Istio's failoverPriority compares endpoint labels with the gateway pod's own
    ...Object.entries(p.podLabels ?? {}).flatMap(([k, v]) => ['--set-string', `higress-core.gateway.podLabels.${k}=${v}`]),
    '--wait', '--timeout', '15m',
  ];
  // the chart ignores a value it does not have: a wrong key (or Gateway API left off) is found here, not in a silent cluster
  const problems = helmInstallProblems(helmArgs, p.higress, p.httpRoutes, p.readFile);
  if (problems.length > 0) throw new BadInputError(problems.map((message) => ({ file: n.valuesFile(p.higress), path: message.split(':')[0]!, message })));
  const steps: Step[] = [
    kubectl('Gateway API CRDs v1.4.0 (not in the Higress chart)', ['apply', '--server-side', '-f', n.GATEWAY_API_CRDS]),
    {
      kind: 'command',
      phase: 'middleware',
      cluster: c,
      title: `Higress chart ${n.HIGRESS_CHART[p.higress]} (profile ${p.higress})`,
      tool: 'helm',
      args: helmArgs,
      timeoutMs: 16 * 60_000,
    },
    { kind: 'apply', phase: 'middleware', cluster: c, title: 'Nacos (standalone, official image)', source: n.NACOS_MANIFEST, docs: p.fileDocs(n.NACOS_MANIFEST) },
    { kind: 'apply', phase: 'middleware', cluster: c, title: 'the GatewayClass Higress serves (its Gateways come with the routes)', source: n.GATEWAY_MANIFEST, docs: p.fileDocs(n.GATEWAY_MANIFEST) },
    { kind: 'apply', phase: 'middleware', cluster: c, title: 'Toxiproxy with this cluster\'s links', source: 'generated: toxiproxy', docs: p.toxiproxy },
  ];
  if (p.coredns) {
    steps.push(
      { kind: 'apply', phase: 'middleware', cluster: c, title: 'CoreDNS: registry names → discovery links', source: 'generated: coredns', docs: [p.coredns] },
      kubectl('reload CoreDNS now rather than on its next reload tick', ['-n', 'kube-system', 'rollout', 'restart', 'deployment/coredns']),
    );
  }
  steps.push(
    { kind: 'wait', phase: 'middleware', cluster: c, title: 'wait for Nacos', until: { what: 'deployments', namespace: n.MIDDLEWARE_NAMESPACE, names: ['nacos'] }, timeoutMs: 600_000 },
    { kind: 'wait', phase: 'middleware', cluster: c, title: 'wait for Toxiproxy', until: { what: 'deployments', namespace: n.MIDDLEWARE_NAMESPACE, names: ['toxiproxy'] }, timeoutMs: 300_000 },
  );
  return steps;
}

export function linkSteps(cluster: string, links: readonly KindLink[], toxiproxyApi: string, podSubnet: string): Step[] {
  const steps: Step[] = [];
  for (const l of links) {
    if (l.latencyMs === 0 && l.jitterMs === 0) continue;
    for (const p of l.proxies) {
      // half the delay each way, as the local target does, so a round trip adds latencyMs
      for (const stream of ['upstream', 'downstream'] as const) {
        const body = { name: `base-latency-${stream}`, type: 'latency', stream, toxicity: 1, attributes: { latency: Math.round(l.latencyMs / 2), jitter: Math.round(l.jitterMs / 2) } };
        steps.push({ kind: 'http', phase: 'links', cluster, title: `${p.name}: base latency ${stream}`, method: 'POST', url: `${toxiproxyApi}/proxies/${p.name}/toxics`, body, okStatus: [409] });
      }
    }
  }
  const dnat = links.flatMap((l) => (l.steer.kind === 'dnat' ? [{ l, steer: l.steer }] : []));
  if (dnat.length > 0) {
    // a chain of our own, flushed first, so a second `up` leaves the same rules
    const script = [
      'set -e',
      'iptables -t nat -N REGION-LAB 2>/dev/null || true',
      'iptables -t nat -F REGION-LAB',
      'iptables -t nat -C PREROUTING -j REGION-LAB 2>/dev/null || iptables -t nat -I PREROUTING 1 -j REGION-LAB',
      // only pod traffic (the gateways); Toxiproxy's own upstream dials leave by OUTPUT
      ...dnat.map(({ l, steer }) => `iptables -t nat -A REGION-LAB -s ${podSubnet} -d ${steer.destination} -p tcp --dport ${steer.port} -j DNAT --to-destination ${n.nodeIp(cluster)}:${l.proxies[0]!.listenPort}`),
    ].join('; ');
    steps.push({ kind: 'command', phase: 'links', cluster, title: `steer the gateways' traffic to ${dnat.length} business addresses through Toxiproxy`, tool: 'docker', args: ['exec', n.nodeContainer(cluster), 'sh', '-c', script] });
  }
  return steps;
}
