// Builds the whole kind plan for one scenario: tools, image, four clusters, Higress
// and Nacos and Toxiproxy in the middleware clusters, the business services, the
// links, the routes, readiness, load, the timeline's faults and the teardown, in
// the order they run. Pure: reads checked-in files, never touches Docker.
import { join } from 'node:path';
import { parseYamlDocuments, readYamlText } from '../../core/input.js';
import { manifestsOf, type RunInputs } from '../../scenario/load-inputs.js';
import { entriesOf } from '../../scenario/schema.js';
import { fillRegionPlaceholders } from '../../topology/schema.js';
import { timelineSteps } from '../../scenario/timeline-steps.js';
import { bizCluster, mwCluster, SYNC_AGENT } from '../../topology/names.js';
import { describeFault } from '../../chaos/fault.js';
import { planFault } from './faults.js';
import { hostPortsOf, loadKindConfig, type KindClusterConfig } from './kind-config.js';
import { linksHostedBy, planKindLinks } from './links.js';
import { businessManifests, syncManifests } from './manifests-business.js';
import { corednsManifest } from './manifests-coredns.js';
import { toxiproxyManifests } from './manifests-toxiproxy.js';
import { middlewareSteps, linkSteps } from './plan-middleware.js';
import { RUN_ID_VAR, type KindPlan, type KubeDoc, type Step } from './plan.js';
import * as n from './names.js';

export interface KindPlanProps {
  readonly inputs: RunInputs;
  /** Tags the business image. */
  readonly version: string;
  /** Leave the clusters up after the run. @default false */
  readonly keep?: boolean;
  /** Project root (where clusters/ and docker/ are). @default process.cwd() */
  readonly root?: string;
}

export function buildKindPlan(p: KindPlanProps): KindPlan {
  const root = p.root ?? process.cwd();
  const { topology: t, scenario } = p.inputs;
  const mws = t.regions.map((r) => mwCluster(r.name));
  const bizs = t.regions.map((r) => bizCluster(r.name));
  const clusters = [...mws, ...bizs];
  const configs = new Map<string, KindClusterConfig>(clusters.map((c) => [c, loadKindConfig(c, root)]));
  const links = planKindLinks(t);
  const image = n.businessImage(p.version);
  const syncing = t.discovery.mode === 'synced' && t.regions.length > 1;
  const syncHost = mws[0]!;
  const hostPort = (c: string, containerPort: number) => configs.get(c)!.hostPorts.get(containerPort);
  const toxiproxyApi = (c: string) => `http://127.0.0.1:${hostPort(c, n.TOXIPROXY_API_PORT)}`;
  const fileDocs = (file: string) => parseYamlDocuments(file, readYamlText(join(root, file))) as KubeDoc[];
  const steps: Step[] = [];

  steps.push(
    { kind: 'command', phase: 'tools', title: 'add the Higress chart repository', tool: 'helm', args: ['repo', 'add', n.HIGRESS_REPO.name, n.HIGRESS_REPO.url, '--force-update'] },
    { kind: 'command', phase: 'image', title: 'build the business image (runs dist/business/main.js)', tool: 'docker', args: ['build', '-f', n.BUSINESS_DOCKERFILE, '-t', image, '.'] },
  );
  for (const c of clusters) {
    steps.push(
      { kind: 'cluster', phase: 'clusters', cluster: c, title: `create kind cluster ${n.kindName(c)} unless it exists`, name: n.kindName(c), config: configs.get(c)!.file },
      { kind: 'capture', phase: 'clusters', cluster: c, title: `${c}'s node IP on the kind network`, variable: n.nodeIpVar(c), tool: 'docker', args: ['inspect', '-f', '{{.NetworkSettings.Networks.kind.IPAddress}}', n.nodeContainer(c)] },
      // every resource says which run made it: `down --target kind` reads it back
      { kind: 'command', phase: 'clusters', cluster: c, title: 'label the node with the run id', tool: 'kubectl', args: ['--context', n.kubeContext(c), 'label', 'nodes', '--all', '--overwrite', `${n.RUN_ID_LABEL}=$(${RUN_ID_VAR})`] },
    );
  }
  for (const c of [...bizs, ...(syncing ? [syncHost] : [])]) {
    steps.push({ kind: 'command', phase: 'clusters', cluster: c, title: 'load the business image', tool: 'kind', args: ['load', 'docker-image', image, '--name', n.kindName(c)] });
  }
  for (const r of t.regions) {
    const c = mwCluster(r.name);
    const hosted = linksHostedBy(links, c);
    const coredns = corednsManifest(hosted);
    const podLabels = Object.fromEntries(Object.entries(scenario.gatewayPodLabels ?? {}).map(([k, v]) => [k, fillRegionPlaceholders(v, r)]));
    const httpRoutes = manifestsOf(p.inputs, r.name).some((m) => parseYamlDocuments(m, readYamlText(m)).some((d) => (d as { kind?: string })?.kind === 'HTTPRoute'));
    const readFile = (f: string) => readYamlText(join(root, f));
    steps.push(...middlewareSteps({ cluster: c, higress: p.inputs.higress, fileDocs, toxiproxy: toxiproxyManifests(c, hosted), podLabels, httpRoutes, readFile, ...(coredns ? { coredns } : {}) }));
  }
  t.regions.forEach((r) => {
    const c = bizCluster(r.name);
    steps.push(
      { kind: 'apply', phase: 'business', cluster: c, title: 'the business services', source: `generated: ${kindInstancesCount(r)} instances of ${r.name}`, docs: businessManifests(r, links, image, t.registration) },
      waitAvailable(c, n.BUSINESS_NAMESPACE),
    );
  });
  if (syncing) {
    steps.push({ kind: 'apply', phase: 'business', cluster: syncHost, title: 'the registry sync agent (NacosSync behaviour, both directions)', source: `generated: ${SYNC_AGENT}`, docs: syncManifests(t, links, image) }, waitAvailable(syncHost, n.MIDDLEWARE_NAMESPACE));
  }
  for (const c of mws) steps.push(...linkSteps(c, linksHostedBy(links, c), toxiproxyApi(c), configs.get(c)!.podSubnet));
  for (const r of t.regions) {
    const c = mwCluster(r.name);
    for (const file of manifestsOf(p.inputs, r.name)) {
      const rel = file.startsWith(root) ? file.slice(root.length + 1) : file;
      steps.push({ kind: 'apply', phase: 'routes', cluster: c, title: 'routing manifest (as the local target loads it)', source: rel, docs: fileDocs(rel) });
    }
  }
  const entryUrl = (region: string) => `http://127.0.0.1:${hostPort(mwCluster(region), n.ENTRY_LISTEN_PORT)}`;
  for (const r of t.regions) {
    steps.push({ kind: 'http', phase: 'ready', cluster: mwCluster(r.name), title: `the ${r.name} entry routes ${scenario.load.host}${scenario.load.path}`, method: 'GET', url: `${entryUrl(r.name)}${scenario.load.path}`, headers: { host: scenario.load.host }, retryForMs: 600_000 });
  }
  const entries = entriesOf(scenario.load);
  steps.push({ kind: 'load', phase: 'load', title: `k6: ${scenario.load.rate} requests/s into ${entries.join(' and ')}${entries.length > 1 ? ' each' : ''} for ${scenario.load.duration / 1000} s`, entryUrls: Object.fromEntries(entries.map((e) => [e, entryUrl(e)])), rate: scenario.load.rate, durationMs: scenario.load.duration });
  // every fault's apply and heal, also for a fault the timeline never heals (--keep heals it before leaving)
  const faults = Object.fromEntries(scenario.timeline.map((e) => [e.id, { description: describeFault(e.fault), ...planFault(e.fault, { links, regions: t.regions, toxiproxyApi }) }]));
  for (const s of timelineSteps(scenario.timeline)) {
    const f = faults[s.entry.id]!;
    steps.push({ kind: 'fault', phase: 'timeline', title: `${s.action} ${s.entry.id}`, id: s.entry.id, action: s.action, atMs: s.atMs, description: f.description, steps: s.action === 'apply' ? f.apply : f.heal });
  }
  if (!p.keep) {
    for (const c of [...clusters].reverse()) steps.push({ kind: 'teardown', phase: 'teardown', cluster: c, title: `delete ${n.kindName(c)}`, tool: 'kind', args: ['delete', 'cluster', '--name', n.kindName(c)] });
  }
  return {
    scenario: scenario.name,
    higress: p.inputs.higress,
    clusters,
    hostPorts: hostPortsOf([...configs.values()]),
    keep: p.keep ?? false,
    entryUrls: Object.fromEntries(t.regions.map((r) => [r.name, entryUrl(r.name)])),
    faults,
    steps,
  };
}

function kindInstancesCount(r: RunInputs['topology']['regions'][number]): number {
  return r.business.services.reduce((s, x) => s + x.instances.length, 0) + (r.business.fallback?.instances.length ?? 0);
}

export function waitAvailable(cluster: string, namespace: string): Step {
  return { kind: 'wait', phase: 'business', cluster, title: `wait for every Deployment in ${namespace}`, until: { what: 'deployments', namespace }, timeoutMs: 600_000 };
}
