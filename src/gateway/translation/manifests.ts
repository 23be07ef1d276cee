// Loads the routing manifests a Higress user writes (multi-document YAML) into the
// registries to discover and the route table, reporting every bad field at once
// with file, document index, field path and the fix. Kinds are dispatched here:
// McpBridge, HTTPRoute, Ingress (routes and HTTPS servers), DestinationRule,
// EnvoyFilter (health checks) and Secret (certificates for SDS); a NetworkPolicy
// is reported ignored (the CNI enforces it, not the gateway).
import { BadInputError, type InputProblem } from '../../core/errors.js';
import { issuePath, parseYamlDocuments, readYamlText } from '../../core/input.js';
import { DEFAULT_CLUSTER_POLICY, mergePolicy, type ClusterPolicy } from '../xds/cluster-policy.js';
import { destinationRuleHost, destinationRulePolicy, destinationRuleSchema } from './destination-rule.js';
import { envoyFilterHealthChecks, envoyFilterSchema } from './envoy-filter.js';
import { convertHttpRoute, httpRouteSchema, type HttpRouteDoc } from './httproute.js';
import { attachRoute, gatewaySchema, type GatewayDoc } from './gateway-api.js';
import { Annotations } from './ingress/annotations.js';
import { tlsServersFrom, type TlsServer } from './ingress/downstream-tls.js';
import { convertIngresses, ingressClassMatches } from './ingress/ingress.js';
import type { IngressInput } from './ingress/ingress-types.js';
import { SecretStore, secretSchema } from './secrets.js';
import { ingressSchema } from './ingress/ingress-schema.js';
import { KubeServices } from './services.js';
import { isReconciledMcpBridge, mcpBridgeSchema, registryProblem, toRegistrySpec, type RegistrySpec } from './mcpbridge.js';
import type { HigressProfile } from '../profiles.js';
import { policyLookup } from './policy-lookup.js';
import { sortRoutes } from './route-order.js';
import { withExactDomainFallback } from './exact-domain-fallback.js';
import { defaultRetryPolicy } from './retry-policies.js';
import type { RouteEntry } from '../xds/route-table.js';

export interface IgnoredManifest {
  readonly file: string;
  readonly document: number;
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

export interface LoadedManifests {
  readonly registries: readonly RegistrySpec[];
  /** In Higress's order (sortHTTPRoutes: see route-order.ts), as Envoy gets them. */
  readonly routes: readonly RouteEntry[];
  readonly ignored: readonly IgnoredManifest[];
  /** Cluster policies per service host (Ingress service-scoped annotations, DestinationRules, EnvoyFilter health checks). */
  readonly policies: ReadonlyMap<string, ClusterPolicy>;
  /** Secrets for SDS (HTTPS servers, proxy-ssl-secret). @default none */
  readonly secrets?: SecretStore;
  /** HTTPS servers from Ingress spec.tls, one per host. @default none */
  readonly tlsServers?: readonly TlsServer[];
}

export interface ManifestOptions {
  /** Higress global.ingressClass. @default "higress" */
  readonly ingressClass?: string;
  /** The topology's Kubernetes Services (for default-backend and mirror ports). */
  readonly services?: KubeServices;
}

/** Documents as read from files; exported so tests can feed YAML text directly. */
export interface ManifestText {
  readonly file: string;
  readonly text: string;
}

export function loadManifestFiles(files: readonly string[], profile: HigressProfile, opts: ManifestOptions = {}): LoadedManifests {
  return loadManifests(files.map((file) => ({ file, text: readYamlText(file) })), profile, opts);
}

export function loadManifests(inputs: readonly ManifestText[], profile: HigressProfile, opts: ManifestOptions = {}): LoadedManifests {
  const problems: InputProblem[] = [];
  const registries: RegistrySpec[] = [];
  const routes: RouteEntry[] = [];
  const ignored: IgnoredManifest[] = [];
  const ingresses: IngressInput[] = [];
  const httpRoutes: { doc: HttpRouteDoc; source: RouteEntry['source'] }[] = [];
  const gateways: GatewayDoc[] = [];
  const namespaces = new Map<string, Record<string, string>>();
  const secrets = new SecretStore();
  const drPolicies: { host: string; policy: Partial<ClusterPolicy>; source: string }[] = [];
  for (const { file, text } of inputs) {
    let docs: unknown[];
    try {
      docs = parseYamlDocuments(file, text);
    } catch (e) {
      if (e instanceof BadInputError) problems.push(...e.problems);
      else throw e;
      continue;
    }
    docs.forEach((raw, document) => {
      const where = `${file} (document ${document})`;
      const kind = (raw as { kind?: unknown })?.kind;
      const problem = (path: readonly PropertyKey[], message: string) => problems.push({ file: where, path: issuePath(path), message });
      if (kind === 'McpBridge') {
        const r = mcpBridgeSchema.safeParse(raw);
        if (!r.success) {
          // an unknown field makes kubectl apply refuse this object only; the other documents are applied
          const other = r.error.issues.filter((i) => i.code !== 'unrecognized_keys');
          if (other.length > 0) return other.forEach((i) => problem(i.path, fixFor(i.message, i.path)));
          return void ignored.push({ file, document, kind, name: nameOf(raw), reason: `kubectl apply refuses this McpBridge, so Higress never reads it: ${r.error.issues.map((i) => `${issuePath(i.path)} ${fixFor(i.message, i.path)}`).join('; ')}` });
        }
        const timeoutField = r.data.spec.registries.findIndex((reg) => reg.nacosTimeout !== undefined);
        if (!profile.mcpBridgeNacosTimeout && timeoutField >= 0) {
          return void ignored.push({ file, document, kind, name: nameOf(raw), reason: `kubectl apply refuses this McpBridge on Higress ${profile.name}: spec.registries[${timeoutField}].nacosTimeout is not a field of its CRD (added in 2.2)` });
        }
        if (!isReconciledMcpBridge(r.data)) {
          ignored.push({ file, document, kind, name: `${r.data.metadata.namespace ?? 'default'}/${r.data.metadata.name}`, reason: 'Higress reconciles only the McpBridge named "default" in namespace "higress-system"' });
          return;
        }
        r.data.spec.registries.forEach((reg, i) => {
          const bad = registryProblem(reg);
          if (bad) problem(['spec', 'registries', i, bad.path], bad.message);
          else registries.push(toRegistrySpec(reg));
        });
      } else if (kind === 'HTTPRoute') {
        const r = httpRouteSchema.safeParse(raw);
        if (!r.success) return r.error.issues.forEach((i) => problem(i.path, fixFor(i.message, i.path)));
        httpRoutes.push({ doc: r.data, source: { file, document } });
      } else if (kind === 'Gateway') {
        const r = gatewaySchema.safeParse(raw);
        if (!r.success) return r.error.issues.forEach((i) => problem(i.path, fixFor(i.message, i.path)));
        gateways.push(r.data);
      } else if (kind === 'Namespace') {
        // its labels: a listener's allowedRoutes selector admits routes by them
        const meta = (raw as { metadata?: { name?: unknown; labels?: unknown } }).metadata;
        const labels = (meta?.labels ?? {}) as Record<string, string>;
        if (typeof meta?.name === 'string') namespaces.set(meta.name, { ...labels, 'kubernetes.io/metadata.name': meta.name });
      } else if (kind === 'GatewayClass') {
        // Higress's controller creates (and owns) its class; others' classes change nothing here
      } else if (kind === 'Ingress') {
        const r = ingressSchema.safeParse(raw);
        if (!r.success) return r.error.issues.forEach((i) => problem(i.path, fixFor(i.message, i.path)));
        ingresses.push({ doc: r.data, source: { file, document } });
      } else if (kind === 'DestinationRule') {
        const r = destinationRuleSchema.safeParse(raw);
        if (!r.success) return r.error.issues.forEach((i) => problem(i.path, fixFor(i.message, i.path)));
        drPolicies.push({ host: destinationRuleHost(r.data), policy: destinationRulePolicy(r.data), source: `DestinationRule ${r.data.metadata.name}` });
      } else if (kind === 'EnvoyFilter') {
        const r = envoyFilterSchema.safeParse(raw);
        if (!r.success) return r.error.issues.forEach((i) => problem(i.path, fixFor(i.message, i.path)));
        const { checks, skipped } = envoyFilterHealthChecks(r.data);
        for (const c of checks) drPolicies.push({ host: c.host, policy: { healthCheck: c.hc }, source: `EnvoyFilter ${r.data.metadata.name}` });
        for (const why of skipped) ignored.push({ file, document, kind, name: r.data.metadata.name, reason: why });
      } else if (kind === 'Secret') {
        const r = secretSchema.safeParse(raw);
        if (!r.success) return r.error.issues.forEach((i) => problem(i.path, fixFor(i.message, i.path)));
        secrets.add(r.data);
      } else if (kind === 'NetworkPolicy') {
        // not a gateway resource: the CNI of the cluster it is applied to enforces it
        const meta = (raw as { metadata?: { name?: unknown; namespace?: unknown } }).metadata;
        ignored.push({ file, document, kind, name: `${String(meta?.namespace ?? 'default')}/${String(meta?.name ?? '')}`, reason: NETWORK_POLICY_IGNORED });
      } else {
        problem(['kind'], `kind ${JSON.stringify(kind)} is not modelled; region-lab's gateway reads McpBridge, HTTPRoute, Gateway, GatewayClass, Namespace, Ingress, DestinationRule, EnvoyFilter and Secret`);
      }
    });
  }
  const names = new Set<string>();
  for (const r of registries) {
    if (names.has(r.name)) problems.push({ file: inputs.map((i) => i.file).join(', '), path: 'spec.registries', message: `registry name "${r.name}" is used twice; give each registry its own name` });
    names.add(r.name);
  }
  if (problems.length > 0) throw new BadInputError(problems, 'fix the manifests as a Higress user would; see docs/fidelity.md for what each field does');
  for (const { doc, source } of httpRoutes) {
    const ns = doc.metadata.namespace ?? 'default';
    const name = `${ns}/${doc.metadata.name}`;
    const att = attachRoute(ns, doc.spec.parentRefs ?? [], doc.spec.hostnames ?? [], gateways, namespaces);
    if (!att.attached) {
      ignored.push({ ...source, kind: 'HTTPRoute', name, reason: att.reason });
      continue;
    }
    const converted = convertHttpRoute(doc, profile, source, att.hostnames);
    if ('error' in converted) ignored.push({ ...source, kind: 'HTTPRoute', name, reason: converted.error });
    else {
      routes.push(...converted.routes);
      for (const reason of converted.notes) ignored.push({ ...source, kind: 'HTTPRoute', name, reason });
    }
  }
  const ingressClass = opts.ingressClass ?? 'higress';
  const converted = convertIngresses(ingresses, profile, { ingressClass, services: opts.services ?? new KubeServices() });
  routes.push(...converted.routes);
  for (const i of converted.issues) ignored.push({ file: i.file, document: i.document, kind: 'Ingress', name: i.name, reason: i.reason });
  // ConvertGateway skips canary Ingresses and those of another class
  const tls = tlsServersFrom(ingresses.filter((i) => ingressClassMatches(i.doc, ingressClass) && !new Annotations(i.doc.metadata.annotations ?? {}).asapBool('canary')), secrets);
  for (const i of tls.issues) ignored.push({ file: i.file, document: i.document, kind: 'Ingress', name: i.name, reason: i.reason });
  const policies = new Map<string, ClusterPolicy>();
  for (const [host, p] of converted.servicePolicies) policies.set(host, mergePolicy(DEFAULT_CLUSTER_POLICY, p, 'Ingress annotations'));
  // a DestinationRule sets the fields it names over what the annotations wrote
  for (const d of drPolicies) policies.set(d.host, mergePolicy(policies.get(d.host) ?? DEFAULT_CLUSTER_POLICY, d.policy, d.source));
  const sorted = sortRoutes(withRetryPolicies(withHashPolicies(routes, policies), profile));
  return { registries, routes: profile.exactDomainFallback ? withExactDomainFallback(sorted) : sorted, ignored, policies, secrets, tlsServers: tls.servers };
}

function nameOf(raw: unknown): string {
  const meta = (raw as { metadata?: { name?: unknown; namespace?: unknown } }).metadata;
  return `${String(meta?.namespace ?? 'default')}/${String(meta?.name ?? '')}`;
}

const NETWORK_POLICY_IGNORED =
  'Higress does not read NetworkPolicy: the CNI of the cluster it is applied to enforces it, on that cluster\'s pods and namespaces only (region-lab models no CNI)';

/** zod's message plus what to do, for the fields users most often get wrong. */
function fixFor(message: string, path: readonly PropertyKey[]): string {
  const last = String(path[path.length - 1] ?? '');
  if (message.startsWith('Unrecognized key')) {
    const hint = message.includes('healthCheck')
      ? 'McpBridge has no healthCheck field (api/networking/v1/mcp_bridge.proto); kubectl apply refuses it as an unknown field'
      : 'remove it: the CRD has no such field and kubectl apply refuses unknown fields';
    return `${message}: ${hint}`;
  }
  if (last === 'weight') return `${message} (weights are integers, default 1)`;
  return message;
}

/**
 * Istio writes a route's hash_policy from its destinations' consistent hash (the first
 * destination that has one): the hash lives on the Envoy route, the ring on the cluster.
 */
function withHashPolicies(routes: readonly RouteEntry[], policies: ReadonlyMap<string, ClusterPolicy>): RouteEntry[] {
  const lookup = policyLookup(policies);
  return routes.map((r) => {
    if (r.action.kind !== 'clusters' || r.policy?.hash) return r;
    const hash = r.action.clusters.map((c) => (c.host ? lookup(c.host).hash : undefined)).find((h) => h !== undefined);
    return hash ? { ...r, policy: { ...r.policy, hash } } : r;
  });
}

/**
 * Istio writes a retry policy on every route: the route's own (annotations), else its
 * default. Istio ≥ 1.27 (Higress 2.2) drops the previous_hosts predicate when the route
 * hashes (DefaultConsistentHashPolicy), so a retry may land on the same host.
 */
function withRetryPolicies(routes: readonly RouteEntry[], profile: HigressProfile): RouteEntry[] {
  const fallback = defaultRetryPolicy(profile);
  return routes.map((r) => {
    if (r.action.kind !== 'clusters') return r;
    const retry = r.policy?.retry ?? fallback;
    const hashed = r.policy?.hash !== undefined && profile.consistentHashDropsPreviousHosts;
    return { ...r, policy: { ...r.policy, retry: hashed ? { ...retry, hostSelectionRetryMaxAttempts: 0 } : retry } };
  });
}
