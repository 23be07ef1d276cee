// CoreDNS of a middleware cluster, with the registries' public names (the McpBridge
// domains of the multi-registry mode, e.g. nacos-business-north.example.com)
// rewritten to the Service of their discovery link. The rest is kind's stock Corefile
// (kubeadm's default), since a ConfigMap is applied whole.
import type { KubeDoc } from './plan.js';
import type { KindLink } from './links.js';
import { MIDDLEWARE_NAMESPACE } from './names.js';

export function corednsManifest(links: readonly KindLink[]): KubeDoc | undefined {
  const rewrites = links.flatMap((l) => (l.steer.kind === 'service' ? l.steer.rewrite.map((name) => ({ name, service: l.steer.kind === 'service' ? l.steer.service : '' })) : []));
  if (rewrites.length === 0) return undefined;
  const rules = rewrites
    .map((r) => `    rewrite stop {\n        name exact ${r.name} ${r.service}.${MIDDLEWARE_NAMESPACE}.svc.cluster.local\n        answer auto\n    }`)
    .join('\n');
  const corefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
${rules}
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: corefile } };
}
