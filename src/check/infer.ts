// Infers a user's multi-region set-up from their manifests (and region-lab.yaml, which
// overrides any of it): regions, services and what each region calls them, registries
// and the sync mode, which route serves which host and path, and the policy numbers.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadYamlFile } from '../core/input.js';
import { loadManifests } from '../gateway/translation/manifests.js';
import { mcpBridgeSchema, type RegistrySpec, toRegistrySpec } from '../gateway/translation/mcpbridge.js';
import { profileFor, type HigressProfileName } from '../gateway/profiles.js';
import type { RouteEntry } from '../gateway/xds/route-table.js';
import type { Inferred, InferredService } from './inferred.js';
import { inferRegions } from './infer-regions.js';
import { inferRegistration, inferRegistries } from './infer-registries.js';
import { describeRoutes, loadTargets, manifestText, regionOfFile, routesFor } from './infer-routes.js';
import { backendsOf, hostsOf, inferServices } from './infer-services.js';
import { POLICY_FILE, policySchema, resolvePolicy, type Policy } from './policy.js';
import { failoverPriorities, failoverRegions, labelledRegions, namedBackends } from './raw-backends.js';
import type { ReadManifests } from './read-manifests.js';

export interface InferOptions {
  /** --higress: wins over region-lab.yaml. */
  readonly higress?: HigressProfileName;
  /** Suite name when region-lab.yaml gives none. */
  readonly defaultName: string;
}

/** region-lab.yaml next to the manifests, schema-checked (exit 2 naming file and field), or undefined. */
export function readPolicy(dir: string): { policy: Policy; file: string } | undefined {
  const file = join(dir, POLICY_FILE);
  return existsSync(file) ? { policy: loadYamlFile(file, policySchema), file } : undefined;
}

/** Every registry of every McpBridge, ignored ones too: their names still say which region is which. */
function rawRegistries(read: ReadManifests): RegistrySpec[] {
  return read.routing.filter((o) => o.kind === 'McpBridge').flatMap((o) => {
    const r = mcpBridgeSchema.safeParse(o.value);
    return r.success ? r.data.spec.registries.map(toRegistrySpec) : [];
  });
}

export function infer(read: ReadManifests, p: { policy: Policy; file: string } | undefined, o: InferOptions): Inferred {
  const policy = p?.policy;
  const policyFile = p?.file ?? POLICY_FILE;
  const higress = o.higress ? { value: o.higress, from: '--higress' } : policy?.higress ? { value: policy.higress, from: policyFile } : { value: '2.2' as const, from: 'default: the newest profile region-lab models (--higress 2.1 to judge on 2.1)' };
  const bridges = read.routing.filter((x) => x.kind === 'McpBridge');
  const loadedBridges = loadManifests(manifestText(read.dir, bridges), profileFor(higress.value));
  const reconciled = loadedBridges.registries;
  const named = namedBackends(read.routing);
  const backends = backendsOf(named, reconciled.length > 0 ? reconciled : rawRegistries(read));
  const found = inferRegions(
    {
      serviceNames: backends.map((b) => b.backend.service),
      registries: rawRegistries(read).map((r) => ({ name: r.name, domain: r.address.split(':')[0]! })),
      drFailover: failoverRegions(read.routing),
      labels: labelledRegions(read.inferenceOnly),
    },
    policy,
    p?.file ?? join(read.dir, POLICY_FILE),
  );
  const regions = found.regions;
  const warnings: string[] = [];
  const services = inferServices(backends, regions, found.families, policy, policyFile);
  const hostsOfApp = (s: InferredService) => hostsOf(s, backends);
  const regs = inferRegistries(reconciled, regions, policy, policyFile);
  warnings.push(...regs.warnings);
  for (const i of loadedBridges.ignored) warnings.push(`${i.kind} ${i.name} (${i.file}) is ignored by Higress: ${i.reason}`);

  // a Nacos service no watched registry lists has no cluster on Higress: nothing to load
  const unwatched = backends.filter((b) => b.backend.kind === 'nacos' && b.backend.registries.length === 0 && reconciled.length > 0);
  for (const b of unwatched) warnings.push(`${b.backend.host} (named by ${b.where}) matches no namespace and group of a watched registry: Higress has no such host`);
  for (const b of backends) {
    if (b.backend.kind !== 'nacos' || b.backend.registries.length < 2 || regs.discovery.mode !== 'multi-registry') continue;
    warnings.push(
      `${b.backend.host} is listed by ${b.backend.registries.length} registries (${b.backend.registries.join(', ')}): Higress keeps one endpoint list per host and replaces it with the last-pushing registry's instances (registry/memory/cache.go), so its requests go to one region at a time`,
    );
  }
  const nacosBackends = backends.filter((b) => b.backend.kind === 'nacos');
  const blocked =
    nacosBackends.length > 0 && reconciled.length === 0
      ? `Higress watches no Nacos registry (${bridges.length === 0 ? 'there is no McpBridge' : 'the McpBridge is not the one named "default" in higress-system'}), so the routes to ${nacosBackends.map((b) => b.backend.service).join(', ')} have no endpoints and answer 5xx: fix that first`
      : undefined;

  const perRegion = new Map<string, RouteEntry[]>(regions.map((r) => [r, routesFor(read.dir, read.routing, r, regions, higress.value)]));
  const routes = describeRoutes(perRegion, services, hostsOfApp, regions);
  // targets from the routes as 2.1 reads them: a route 2.2 breaks is still loaded, to show it
  const readable = regions.flatMap((r) => routesFor(read.dir, read.routing, r, regions, '2.1'));
  const routedServices = services.filter((s) => !hostsOfApp(s).every((h) => unwatched.some((u) => u.backend.host === h)));
  const targets = loadTargets(readable, routedServices, hostsOfApp, policy, policyFile);
  for (const s of services) if (!targets.some((t) => t.app === s.app)) warnings.push(`no route with a concrete path sends to ${s.app}: the suite does not load it (add it to load.targets in ${POLICY_FILE})`);

  const podLabels = policy?.gatewayPodLabels
    ? { labels: policy.gatewayPodLabels, from: `${policyFile} gatewayPodLabels` }
    : { labels: {}, from: 'none: no gatewayPodLabels in region-lab.yaml (the Higress chart sets none by default)' };
  for (const fp of failoverPriorities(read.routing)) {
    const missing = fp.labels.filter((l) => !(l in podLabels.labels));
    if (missing.length > 0) warnings.push(`${fp.where} ranks endpoints by ${fp.labels.join(', ')} against the gateway pods' labels, and the pods carry no ${missing.join(', ')}: every endpoint ranks the same. If your Helm values set gateway.podLabels, say so in ${POLICY_FILE} (gatewayPodLabels: { region: "{region}" })`);
  }
  const manifestRegions = Object.fromEntries(
    [...new Set(read.routing.filter((x) => x.kind !== 'McpBridge').map((x) => x.file))].map((f) => {
      const r = regionOfFile(f, regions);
      return [f, r === 'all' ? ('all' as const) : [r]];
    }),
  );
  return {
    name: policy?.name ?? o.defaultName,
    higress,
    regions: regions.map((name) => ({ name, labels: policy?.regions?.find((r) => r.name === name)?.labels ?? {}, from: found.from })),
    regionsFrom: found.from,
    services,
    registries: regs.registries,
    discovery: regs.discovery,
    registration: inferRegistration(reconciled, policy, policyFile),
    gatewayPodLabels: podLabels,
    routes,
    targets,
    manifestRegions,
    policy: resolvePolicy(policy?.policy ?? {}, p?.file),
    instances: policy?.instances ?? 2,
    rate: policy?.load.rate ?? 30,
    latency: { sameRegionMs: policy?.latency.sameRegionMs ?? 7, crossRegionMs: policy?.latency.crossRegionMs ?? 40 },
    warnings,
    ...(blocked ? { blocked } : {}),
  };
}
