// The translation's output is Envoy's own config, as Istio and Higress write it: pinned
// here field by field for the behaviours the scenarios rest on, and for every seed and
// catalogue manifest, read back by the model without a field it cannot serve.
// (test/integration/envoy-accepts-translation.test.ts has real Envoy validate them.)
import { describe, expect, it } from 'vitest';
import { profileFor, type HigressProfileName } from '../../profiles.js';
import { decodeSnapshot } from '../../data-plane/model/data-plane.js';
import { loadManifests } from '../manifests.js';
import { KubeServices } from '../services.js';
import { loadable, manifestFiles, named, routesOf, snapshotOf } from '../../../../test/support/snapshot-kit.js';
import { PARENT_REFS, TEST_GATEWAYS } from '../../../../test/support/gateway-kit.js';
import { compensatedMaxEjectionPercent } from './cluster.js';

const PROFILES: HigressProfileName[] = ['2.1', '2.2'];
const NACOS = 'user-service-south.DEFAULT-GROUP.public.nacos';

const load = (text: string, higress: HigressProfileName = '2.1', services: Record<string, string[]> = {}) =>
  loadManifests([{ file: 'inline.yaml', text }], profileFor(higress), { ingressClass: '', services: new KubeServices(services) });

const httpRoute = (backends: string, extra = '') => `${TEST_GATEWAYS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: default }
spec:
  ${PARENT_REFS}
  hostnames: [api.example.com]
  rules:
    - backendRefs: ${backends}
${extra}`;

describe('every seed and catalogue manifest', () => {
  for (const higress of PROFILES) {
    for (const dir of ['clusters/seed', 'clusters/routes']) {
      it(`${dir} on ${higress}: each manifest's snapshot is read back by the model without a field it cannot serve`, () => {
        const all = loadable(manifestFiles(dir), higress);
        expect(all.length).toBeGreaterThan(dir === 'clusters/seed' ? 35 : 5);
        for (const { file, manifests } of all) {
          const s = snapshotOf(manifests, { higress, listenHttps: '127.0.0.9:8443' });
          expect(() => decodeSnapshot(s), file.file).not.toThrow();
        }
      });
    }
  }
});

describe('routes as Istio writes them', () => {
  it('GIVEN a route with no retry or timeout annotation THEN timeout 0s (Envoy would default to 15 s) and Istio\'s default retry with the idempotent guard; 503 is retriable on 2.1 only', () => {
    for (const higress of PROFILES) {
      const m = load(httpRoute(`[{ name: ${NACOS}, group: networking.higress.io }]`), higress);
      const route = routesOf(snapshotOf(m, { higress }))[0]!;
      expect(route.route.timeout).toBe('0s');
      expect(route.route.retry_policy).toMatchObject({
        retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
        num_retries: 2,
        host_selection_retry_max_attempts: '5',
        retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts' }],
        retriable_request_headers: [{ name: ':method', string_match: { safe_regex: { regex: 'POST|PATCH|LOCK' } }, invert_match: true }],
      });
      expect(route.route.retry_policy.retriable_status_codes).toEqual(higress === '2.1' ? [503] : undefined);
    }
  });

  it('GIVEN an HTTPRoute 80/20 to two Nacos hosts THEN weighted clusters 80/20, 500 when a cluster is missing (Gateway API semantics)', () => {
    const m = load(httpRoute(`[{ name: ${NACOS}, group: networking.higress.io, weight: 80 }, { name: user-service-north.DEFAULT-GROUP.public.nacos, group: networking.higress.io, weight: 20 }]`));
    const route = routesOf(snapshotOf(m))[0]!;
    expect(route.route.weighted_clusters.clusters).toEqual([{ name: NACOS, weight: 80 }, { name: 'user-service-north.DEFAULT-GROUP.public.nacos', weight: 20 }]);
    expect(route.route.cluster_not_found_response_code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('GIVEN the same HTTPRoute on 2.2 THEN the Nacos backend is invalid: UnknownService, with the reason in the route\'s metadata', () => {
    const m = load(httpRoute(`[{ name: ${NACOS}, group: networking.higress.io }]`), '2.2');
    const route = routesOf(snapshotOf(m, { higress: '2.2' }))[0]!;
    expect(route.route.cluster).toBe('UnknownService');
    expect(route.metadata.filter_metadata['region-lab'].invalid_backends[0]).toMatch(/unsupported backendRef/);
  });

  it('GIVEN a Gateway API PathPrefix /api THEN Envoy path_separated_prefix /api (segment-aware), routes in Higress\'s order (Exact first)', () => {
    const m = load(httpRoute(`[{ name: ${NACOS}, group: networking.higress.io }]`, `      matches: [{ path: { type: PathPrefix, value: /api/ } }]
    - matches: [{ path: { type: Exact, value: /api/v1 } }]
      backendRefs: [{ name: ${NACOS}, group: networking.higress.io }]`));
    expect(routesOf(snapshotOf(m)).map((r) => r.match)).toEqual([{ path: '/api/v1' }, { path_separated_prefix: '/api' }]);
  });

  it('seed 26 (rpm and rps both set): one local rate limit bucket per route: 5000 tokens, 1000 per 60 s — rpm wins, with the x-local-rate-limit header', () => {
    const { manifests } = loadable(manifestFiles('clusters/seed').filter((f) => f.file.includes('26-rate-limit')), '2.1')[0]!;
    const route = routesOf(snapshotOf(manifests!))[0]!;
    expect(route.typed_per_filter_config['envoy.filters.http.local_ratelimit']).toMatchObject({
      token_bucket: { max_tokens: 5000, tokens_per_fill: 1000, fill_interval: '60s' },
      response_headers_to_add: [{ header: { key: 'x-local-rate-limit', value: 'true' } }],
    });
  });

  it('seed 42 (RequestMirror): request_mirror_policies to the staging Service, 100% on 2.1', () => {
    const { manifests } = loadable(manifestFiles('clusters/seed').filter((f) => f.file.includes('42-traffic-mirror')), '2.1')[0]!;
    expect(routesOf(snapshotOf(manifests!))[0]!.route.request_mirror_policies).toEqual([{ cluster: expect.stringMatching(/^outbound\|\d+\|\|service-staging\./) }]);
  });

  it('seed 31 (cookie affinity): a RING_HASH cluster and the cookie hash policy on the route (Envoy sets the cookie)', () => {
    const { manifests } = loadable(manifestFiles('clusters/seed').filter((f) => f.file.includes('31-cookie-affinity')), '2.1')[0]!;
    const s = snapshotOf(manifests!);
    const route = routesOf(s)[0]!;
    expect(route.route.hash_policy).toEqual([{ cookie: { name: 'route', path: '/', ttl: '3600s' } }]);
    expect(named(s.clusters, route.route.cluster).lb_policy).toBe('RING_HASH');
  });

  it('seed 37 (default-backend + custom-http-errors): an aggregate cluster [primary, fallback] with the primary all-or-nothing; a custom_response redirect to / with Higress\'s two headers, and the hidden route that matches them', () => {
    const seed = manifestFiles('clusters/seed').find((f) => f.file.includes('37-fallback'))!;
    const m = loadManifests([seed], profileFor('2.1'), { ingressClass: '', services: new KubeServices({ 'fallback-service.default:8080': ['127.0.0.9:1'], 'backend-service.default:8080': ['127.0.0.9:2'] }) });
    const s = snapshotOf(m);
    const [base, hidden] = [routesOf(s).find((r) => !r.name.endsWith('-fallback'))!, routesOf(s).find((r) => r.name.endsWith('-fallback'))!];
    const primary = 'outbound|8080||backend-service.default.svc.cluster.local';
    const fallback = 'outbound|8080||fallback-service.default.svc.cluster.local';
    expect(named(s.clusters, base.route.cluster).cluster_type.typed_config.clusters).toEqual([primary, fallback]);
    expect(named(s.loadAssignments, primary).policy).toEqual({ overprovisioning_factor: 100_000 });
    const redirect = base.typed_per_filter_config['envoy.filters.http.custom_response'].custom_response_matcher.matcher_list.matchers[0];
    expect(redirect.predicate.single_predicate.value_match.safe_regex.regex).toBe('404|502|503');
    expect(redirect.on_match.action.typed_config.request_headers_to_add.map((h: { header: { key: string } }) => h.header.key)).toEqual(['x-envoy-route-name', 'x-envoy-fallback-service']);
    expect(hidden.match).toEqual({ path: '/', headers: [{ name: 'x-envoy-route-name', string_match: { exact: hidden.name } }, { name: 'x-envoy-fallback-service', string_match: { exact: 'default/fallback-service' } }] });
    expect(hidden.route.cluster).toBe(fallback);
  });
});

describe('clusters and endpoints as Istio writes them', () => {
  const DR = (tp: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: d }
spec:
  host: ${NACOS}
  trafficPolicy: ${tp}
---
${httpRoute(`[{ name: ${NACOS}, group: networking.higress.io }]`)}`;

  it('GIVEN no DestinationRule THEN LEAST_REQUEST, Istio\'s 10 s connect timeout, no outlier detection and Envoy\'s 50% panic threshold', () => {
    const c = named(snapshotOf(load(httpRoute(`[{ name: ${NACOS}, group: networking.higress.io }]`))).clusters, NACOS);
    expect(c).toMatchObject({ type: 'EDS', lb_policy: 'LEAST_REQUEST', connect_timeout: '10s' });
    expect(c.outlier_detection).toBeUndefined();
    expect(c.common_lb_config).toBeUndefined();
  });

  it('GIVEN a DestinationRule with outlierDetection THEN consecutive 5xx enforced, success rate off, panic threshold 0 (minHealthPercent)', () => {
    const c = named(snapshotOf(load(DR('{ outlierDetection: { consecutive5xxErrors: 3, interval: 5s, baseEjectionTime: 15s } }'))).clusters, NACOS);
    expect(c.outlier_detection).toEqual({ consecutive_5xx: 3, enforcing_consecutive_5xx: 100, interval: '5s', base_ejection_time: '15s', max_ejection_percent: 10, enforcing_success_rate: 0 });
    expect(c.common_lb_config).toEqual({ healthy_panic_threshold: { value: 0 } });
  });

  it('GIVEN consecutive5xxErrors 0 with gateway errors (the 5xx detector off) THEN enforcing 0, and the model reads the snapshot back', () => {
    const snap = snapshotOf(load(DR('{ outlierDetection: { consecutive5xxErrors: 0, consecutiveGatewayErrors: 2, interval: 1s } }')));
    expect(named(snap.clusters, NACOS).outlier_detection).toMatchObject({ consecutive_5xx: 0, enforcing_consecutive_5xx: 0, consecutive_gateway_failure: 2, enforcing_consecutive_gateway_failure: 100 });
    expect(() => decodeSnapshot(snap)).not.toThrow();
  });

  it('GIVEN failoverPriority [region] with outlier detection and a south gateway THEN the load assignment puts south endpoints at P0 and north at P1, for this proxy', () => {
    const m = load(DR('{ loadBalancer: { localityLbSetting: { enabled: true, failoverPriority: [region] } }, outlierDetection: { consecutive5xxErrors: 1 } }'));
    const cla = named(snapshotOf(m, { podLabels: { region: 'south' } }).loadAssignments, NACOS);
    expect(cla.endpoints.map((g: { priority?: number; lb_endpoints: { endpoint: { hostname: string } }[] }) => [g.priority ?? 0, g.lb_endpoints.map((e) => e.endpoint.hostname)])).toEqual([
      [0, ['127.0.1.101:20000']],
      [1, ['127.0.2.101:20001']],
    ]);
  });

  it('GIVEN Higress 2.1 (Envoy 1.27) written for Envoy 1.36 THEN max_ejection_percent is raised so 1.36 ejects as many hosts as 1.27 would', () => {
    expect([2, 3, 4, 10, 20].map((n) => compensatedMaxEjectionPercent(10, n))).toEqual([50, 34, 25, 10, 10]);
    expect(compensatedMaxEjectionPercent(100, 2)).toBe(100);
    const m = load(DR('{ outlierDetection: { consecutive5xxErrors: 1 } }'));
    expect(named(snapshotOf(m, { compensate127Hosts: () => 2 }).clusters, NACOS).outlier_detection.max_ejection_percent).toBe(50);
  });

  it('GIVEN a registered address reached through a link THEN the endpoint dials the link and keeps the registered address as hostname and metadata', () => {
    const m = load(httpRoute(`[{ name: ${NACOS}, group: networking.higress.io }]`));
    const ep = named(snapshotOf(m).loadAssignments, NACOS).endpoints[0].lb_endpoints[0];
    expect(ep).toMatchObject({ endpoint: { address: { socket_address: { address: '127.0.1.101', port_value: 20000 } }, hostname: '127.0.1.101:20000' }, metadata: { filter_metadata: { 'region-lab': { address: '127.0.1.101:20000', labels: { region: 'south' } } } } });
  });
});

describe('what Envoy would reject', () => {
  it('GIVEN an HTTPRoute path regex with a lookahead (JavaScript accepts it, RE2 does not) THEN the model refuses the config as Envoy does, naming the regex', () => {
    const m = load(httpRoute(`[{ name: ${NACOS}, group: networking.higress.io }]`, `      matches: [{ path: { type: RegularExpression, value: "/api(?=/v1).*" } }]`));
    expect(() => decodeSnapshot(snapshotOf(m))).toThrow(/not RE2.*Envoy rejects this config/);
  });
});
