// The demo business services of one business cluster, and the registry sync agent,
// as Kubernetes objects running the repository's image (docker/business.Dockerfile).
// Instances use the node's network so the address they register in Nacos (node IP +
// own port) is reachable from every cluster on the kind network; docs/kind.md.
import { instanceMetadata, type RegionSpec, type Topology } from '../../topology/schema.js';
import { bizCluster, mwCluster, nacosName, SYNC_AGENT } from '../../topology/names.js';
import type { KindLink } from './links.js';
import { kindInstances } from './links.js';
import type { KubeDoc } from './plan.js';
import { ADMIN_PORT_OFFSET } from '../../topology/instances.js';
import { BUSINESS_NAMESPACE, MIDDLEWARE_NAMESPACE, nodeIp } from './names.js';

/** Replaced in the container by the node IP from the downward API, so a restarted node with a new IP still registers right. */
const NODE_IP = '__NODE_IP__';

/**
 * Where a process's config lands in its container: named after the instance, so its
 * command line is unique on the node and a process fault can signal exactly it
 * (every instance shares the node: hostNetwork, one node per cluster).
 */
export const runtimeConfigPath = (name: string, configKey: string) => `/tmp/${name}-${configKey}`;

function nodeProcess(name: string, namespace: string, image: string, entry: string, configKey: string, labels: Record<string, string>): KubeDoc {
  const config = runtimeConfigPath(name, configKey);
  const script = `sed "s/${NODE_IP}/$NODE_IP/g" /etc/region-lab/${configKey} > ${config} && exec node ${entry} ${config}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { 'region-lab/instance': name } },
      template: {
        metadata: { labels },
        spec: {
          hostNetwork: true,
          dnsPolicy: 'ClusterFirstWithHostNet',
          // hard faults kill without deregistering; a clean stop deregisters (business/main.ts)
          terminationGracePeriodSeconds: 5,
          containers: [
            {
              name: 'main',
              image,
              // the image is loaded with `kind load docker-image`, never pulled
              imagePullPolicy: 'Never',
              command: ['sh', '-c', script],
              env: [{ name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }],
              volumeMounts: [{ name: 'config', mountPath: '/etc/region-lab' }],
            },
          ],
          volumes: [{ name: 'config', configMap: { name } }],
        },
      },
    },
  };
}

export function businessManifests(r: RegionSpec, links: readonly KindLink[], image: string, registration: Topology['registration']): KubeDoc[] {
  // the HTTP link; a gRPC client dials its port + 1000, where the link's gRPC twin listens
  const reg = links.find((l) => l.role === 'registration' && l.from === bizCluster(r.name) && !l.name.endsWith('_grpc'))!;
  const docs: KubeDoc[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: BUSINESS_NAMESPACE } }];
  for (const i of kindInstances(r)) {
    const config = {
      app: i.app,
      nacosService: i.nacosService,
      region: r.name,
      cluster: bizCluster(r.name),
      instance: i.id,
      listen: { host: NODE_IP, port: i.port },
      admin: { host: NODE_IP, port: i.port + ADMIN_PORT_OFFSET },
      fallback: i.fallback,
      nacos: { address: `${nodeIp(mwCluster(r.name))}:${reg.proxies[0]!.listenPort}`, namespace: i.nacosNamespace, group: i.nacosGroup },
      metadata: instanceMetadata(r),
      registration,
    };
    const labels = { 'app.kubernetes.io/name': i.app, 'app.kubernetes.io/part-of': 'region-lab', 'region-lab/instance': i.id, 'region-lab/region': r.name };
    docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: i.id, namespace: BUSINESS_NAMESPACE, labels }, data: { 'config.json': JSON.stringify(config, null, 2) } });
    docs.push(nodeProcess(i.id, BUSINESS_NAMESPACE, image, 'dist/business/main.js', 'config.json', labels));
  }
  return docs;
}

/** NacosSync behaviour, both directions, in the first region's middleware cluster; it dials its links on the node's loopback. */
export function syncManifests(t: Topology, links: readonly KindLink[], image: string): KubeDoc[] {
  const listen = (r: RegionSpec) => `127.0.0.1:${links.find((l) => l.role === 'sync' && l.to === mwCluster(r.name))!.proxies[0]!.listenPort}`;
  // one task per namespace and group the services register in, each direction (as the local target)
  const all = t.regions.flatMap((r) => [...r.business.services, ...(r.business.fallback ? [r.business.fallback] : [])]);
  const scopes = [...new Map(all.map((x) => [`${x.nacosNamespace}|${x.nacosGroup}`, { namespaceId: x.nacosNamespace, group: x.nacosGroup }])).values()];
  const tasks = scopes.flatMap((scope) =>
    t.regions.flatMap((s) => t.regions.filter((d) => d !== s).map((d) => ({ source: { clusterId: nacosName(s.name), address: listen(s) }, dest: { clusterId: nacosName(d.name), address: listen(d) }, ...scope }))),
  );
  const config = { tasks, pollMs: t.discovery.syncPollMs, eventsFile: `/tmp/${SYNC_AGENT}.events.jsonl` };
  const labels = { 'app.kubernetes.io/name': SYNC_AGENT, 'app.kubernetes.io/part-of': 'region-lab', 'region-lab/instance': SYNC_AGENT };
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: SYNC_AGENT, namespace: MIDDLEWARE_NAMESPACE, labels }, data: { 'sync.json': JSON.stringify(config, null, 2) } },
    nodeProcess(SYNC_AGENT, MIDDLEWARE_NAMESPACE, image, 'dist/registry/sync-main.js', 'sync.json', labels),
  ];
}
