// The Toxiproxy of one middleware cluster: every link it hosts as a proxy (loaded
// from a ConfigMap at start), on the node's network so iptables DNAT and the host
// port mappings reach it, plus the Services that steer discovery traffic into it.
import type { KubeDoc } from './plan.js';
import type { KindLink } from './links.js';
import { MIDDLEWARE_NAMESPACE, TOXIPROXY_API_PORT, TOXIPROXY_IMAGE } from './names.js';

const labels = { 'app.kubernetes.io/name': 'toxiproxy', 'app.kubernetes.io/part-of': 'region-lab' };
const ns = MIDDLEWARE_NAMESPACE;

export function toxiproxyManifests(cluster: string, links: readonly KindLink[]): KubeDoc[] {
  const proxies = links.flatMap((l) => l.proxies.map((p) => ({ name: p.name, listen: `0.0.0.0:${p.listenPort}`, upstream: p.upstream, enabled: true })));
  const docs: KubeDoc[] = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'toxiproxy-config', namespace: ns, labels },
      data: { 'toxiproxy.json': JSON.stringify(proxies, null, 2) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'toxiproxy', namespace: ns, labels },
      spec: {
        replicas: 1,
        // hostNetwork ports cannot be shared by an old and a new pod
        strategy: { type: 'Recreate' },
        selector: { matchLabels: { 'app.kubernetes.io/name': 'toxiproxy' } },
        template: {
          metadata: { labels: { ...labels, 'region-lab/cluster': cluster } },
          spec: {
            hostNetwork: true,
            // upstreams name cluster Services (the gateway, nacos-server)
            dnsPolicy: 'ClusterFirstWithHostNet',
            containers: [
              {
                name: 'toxiproxy',
                image: TOXIPROXY_IMAGE,
                args: ['-host=0.0.0.0', `-port=${TOXIPROXY_API_PORT}`, '-config=/config/toxiproxy.json'],
                ports: [{ name: 'api', containerPort: TOXIPROXY_API_PORT }],
                readinessProbe: { httpGet: { path: '/version', port: TOXIPROXY_API_PORT }, periodSeconds: 2 },
                volumeMounts: [{ name: 'config', mountPath: '/config' }],
              },
            ],
            volumes: [{ name: 'config', configMap: { name: 'toxiproxy-config' } }],
          },
        },
      },
    },
  ];
  for (const l of links) {
    if (l.steer.kind !== 'service') continue;
    docs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: l.steer.service, namespace: ns, labels: { ...labels, 'region-lab/link': l.name } },
      spec: {
        selector: { 'app.kubernetes.io/name': 'toxiproxy' },
        ports: l.proxies.map((p, i) => ({ name: i === 0 ? 'http' : 'grpc', port: p.servicePort!, targetPort: p.listenPort })),
      },
    });
  }
  return docs;
}
