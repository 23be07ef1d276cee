// Real Envoy's own files become region-lab's gateway events, and agree with its
// admin counters: a local rate limit's 429s (flag RL), retries of a failing host
// (attempts > 1, as upstream_rq_retry counts them), its outlier ejection and return,
// an active health check's eject and return, and a fallback behind an aggregate
// cluster serving for an empty primary. src/run/events.ts then collects
// them as it collects the model's.
// Loopback: Envoy on 127.0.60.4, backends on 127.0.60.41-43.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterCounters, envoyGatewayEvents, fallbackEndpointMetadata, healthCheckEventLogger, rateLimited, readClusters, readStats, startEnvoy, writeEnvoyGatewayEvents, type EnvoyGatewayEvent, type StartedEnvoy,
} from '../../src/gateway/data-plane/envoy/index.js';
import { collectEvents } from '../../src/core/component-events.js';
import { fixtureSnapshot } from '../support/xds-fixtures.js';
import { envoyBinary, get, startBackend, type Backend } from '../support/envoy-kit.js';
import { harness, type Harness } from '../support/harness.js';

const ADDR = '127.0.60.4';
const PORT = 8080;
const OD = 'outbound|80||flaky.DEFAULT-GROUP.public.nacos';
const HC = 'outbound|80||checked.DEFAULT-GROUP.public.nacos';
const PLAIN = 'outbound|80||plain.DEFAULT-GROUP.public.nacos';
const EMPTY = 'outbound|80||gone.DEFAULT-GROUP.public.nacos';
const FALLBACK = 'outbound|80||fallback.DEFAULT-GROUP.public.nacos';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FLUSH_MS = 400; // --file-flush-interval-msec 100, with room

describe('events from real Envoy', () => {
  let h: Harness;
  let good: Backend;
  let flaky: Backend;
  let checked: Backend;
  let envoy: StartedEnvoy;
  const events = (): EnvoyGatewayEvent[] => envoyGatewayEvents(envoy.files);
  const sum = (es: readonly EnvoyGatewayEvent[]) => es.reduce((n, e) => n + ('count' in e ? e.count : 1), 0);

  beforeAll(async () => {
    h = harness('envoy-events');
    good = await startBackend('127.0.60.41', 8080);
    flaky = await startBackend('127.0.60.42', 8080, { status: 503 });
    checked = await startBackend('127.0.60.43', 8080);
    h.cleanup.push('backends', async () => void (await Promise.all([good.close(), flaky.close(), checked.close()])));
    envoy = await startEnvoy(h, { binary: envoyBinary(), bootstrap: { name: 'gw-south-1', cluster: 'gw-south', locality: { region: 'south' }, address: ADDR, adminPort: 15000, healthPort: 15021 } });
    const rateLimit = {
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
      stat_prefix: 'http_local_rate_limiter',
      token_bucket: { max_tokens: 5, tokens_per_fill: 5, fill_interval: '1s' },
      filter_enabled: { default_value: { numerator: 100, denominator: 'HUNDRED' }, runtime_key: 'local_rate_limit_enabled' },
      filter_enforced: { default_value: { numerator: 100, denominator: 'HUNDRED' }, runtime_key: 'local_rate_limit_enforced' },
      response_headers_to_add: [{ append_action: 'OVERWRITE_IF_EXISTS_OR_ADD', header: { key: 'x-local-rate-limit', value: 'true' } }],
    };
    await envoy.apply(
      fixtureSnapshot({
        dir: envoy.files.xdsDir,
        version: '1',
        listen: { address: ADDR, port: PORT },
        accessLog: envoy.files.accessLog,
        clusters: { [OD]: [good, flaky].map((b) => ({ address: b.address, port: b.port })), [HC]: [{ address: checked.address, port: checked.port }], [PLAIN]: [{ address: good.address, port: good.port }],
          [EMPTY]: [],
          [FALLBACK]: [{ address: good.address, port: good.port, metadata: fallbackEndpointMetadata(EMPTY, FALLBACK) }],
        },
        // Higress's cluster_fallback as upstream Envoy can say it (facts/envoy-real.md §3)
        extraClusters: [
          {
            name: 'fallback-agg',
            connect_timeout: '1s',
            lb_policy: 'CLUSTER_PROVIDED',
            cluster_type: { name: 'envoy.clusters.aggregate', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.clusters.aggregate.v3.ClusterConfig', clusters: [EMPTY, FALLBACK] } },
          },
        ],
        clusterExtras: {
          [OD]: { outlier_detection: { consecutive_5xx: 3, interval: '0.5s', base_ejection_time: '1s', max_ejection_percent: 100, enforcing_success_rate: 0 } },
          [HC]: {
            health_checks: [
              { timeout: '0.5s', interval: '0.3s', no_traffic_interval: '0.3s', unhealthy_threshold: 2, healthy_threshold: 1, http_health_check: { path: '/health' }, always_log_health_check_failures: true, event_logger: [healthCheckEventLogger(envoy.files.healthCheckEvents)] },
            ],
          },
        },
        extraHttpFilters: [{ name: 'envoy.filters.http.local_ratelimit', typed_config: { '@type': rateLimit['@type'], stat_prefix: 'http_local_rate_limiter' } }],
        extraRoutes: [
          { name: 'limited', match: { prefix: '/rl' }, route: { cluster: PLAIN }, typed_per_filter_config: { 'envoy.filters.http.local_ratelimit': rateLimit } },
          { name: 'checked', match: { prefix: '/hc' }, route: { cluster: HC } },
          { name: 'with-fallback', match: { prefix: '/fb' }, route: { cluster: 'fallback-agg' } },
        ],
      }),
    );
  });
  afterAll(async () => h?.teardown());

  it('GIVEN a route limited to 5 requests/s WHEN 15 arrive at once THEN every 429 is an RL flag and a rate-limited count, as /stats counts them', async () => {
    const answers = await Promise.all(Array.from({ length: 15 }, () => get(ADDR, PORT, '/rl/x')));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(8);
    expect(limited.every((a) => a.headers['x-local-rate-limit'] === 'true')).toBe(true);
    await sleep(FLUSH_MS);
    const es = events();
    expect(sum(es.filter((e) => e.kind === 'rate-limited' && e.route === 'limited'))).toBe(limited.length);
    expect(sum(es.filter((e) => e.kind === 'response-flag' && e.flag === 'RL'))).toBe(limited.length);
    expect(rateLimited(await readStats(envoy.admin))).toBe(limited.length);
  });

  it('GIVEN one host answering 503 WHEN requests come one by one THEN retries equal upstream_rq_retry, and the host is ejected then returns', async () => {
    const before = clusterCounters(await readStats(envoy.admin), OD).retries;
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await get(ADDR, PORT, '/'));
    expect(answers.every((a) => a.status === 200 && a.servedBy === good.id)).toBe(true);
    const hosts = (await readClusters(envoy.admin)).find((c) => c.name === OD)!.hosts;
    expect(hosts.find((x) => x.address === flaky.id)?.failedOutlierCheck).toBe(true);
    await sleep(1500 + FLUSH_MS); // base_ejection_time 1 s, checked every 0.5 s
    const counters = clusterCounters(await readStats(envoy.admin), OD);
    const es = events();
    const retries = es.filter((e) => e.kind === 'retry' && e.cluster === OD);
    expect(retries.length).toBe(counters.retries - before);
    expect(retries.length).toBeGreaterThanOrEqual(3);
    const od = es.filter((e) => (e.kind === 'host-ejected' || e.kind === 'host-returned') && e.by === 'outlier-detection').map((e) => `${e.kind} ${'host' in e ? e.host : ''}`);
    expect(od.slice(0, 2)).toEqual([`host-ejected ${flaky.id}`, `host-returned ${flaky.id}`]);
    expect(es.find((e) => e.kind === 'host-ejected' && e.by === 'outlier-detection')).toMatchObject({ cluster: OD, reason: 'consecutive 5xx', ejections: 1 });
    expect(counters.ejectionsEnforcedTotal).toBe(od.filter((x) => x.startsWith('host-ejected')).length);
  });

  it('GIVEN an actively checked host WHEN its health check fails and recovers THEN host-ejected then host-returned by active-health-check', async () => {
    const hcEvents = () => events().filter((e) => (e.kind === 'host-ejected' || e.kind === 'host-returned') && e.by === 'active-health-check').map((e) => e.kind);
    // the first passing check brings the new host in
    for (let i = 0; i < 30 && !hcEvents().includes('host-returned'); i++) await sleep(100);
    expect(hcEvents()).toEqual(['host-returned']);
    checked.set({ healthStatus: 503 });
    await sleep(600 + FLUSH_MS);
    expect((await readClusters(envoy.admin)).find((c) => c.name === HC)!.hosts[0]!.failedActiveHealthCheck).toBe(true);
    expect((await get(ADDR, PORT, '/hc')).status).toBe(200); // one host, all failed: panic routing still sends to it
    checked.set({ healthStatus: 200 });
    await sleep(600 + FLUSH_MS);
    expect(hcEvents()).toEqual(['host-returned', 'host-ejected', 'host-returned']);
    expect(events().find((e) => e.kind === 'host-ejected' && e.by === 'active-health-check')).toMatchObject({ cluster: HC, host: checked.id, reason: 'health check failed (active)' });
  });

  it('GIVEN a primary with no endpoints behind an aggregate cluster WHEN requests come THEN each is a fallback-served count naming primary and fallback', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(ADDR, PORT, '/fb')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await sleep(FLUSH_MS);
    const fb = events().filter((e) => e.kind === 'fallback-served');
    expect(sum(fb)).toBe(6);
    expect(fb[0]).toMatchObject({ route: 'with-fallback', cluster: EMPTY, fallback: FALLBACK, reason: 'no-healthy-host' });
  });

  it('GIVEN Envoy stopped WHEN its events are written as the model writes them THEN the run collects them under the gateway name', async () => {
    await envoy.stop();
    const n = writeEnvoyGatewayEvents(join(h.logDir, 'gw-south-1.events.jsonl'), 'gw-south-1', envoy.files);
    const collected = collectEvents(h.logDir);
    expect(collected).toHaveLength(n);
    expect(new Set(collected.map((e) => e.source))).toEqual(new Set(['gw-south-1']));
    const kinds = new Set(collected.map((e) => e.kind));
    for (const k of ['retry', 'rate-limited', 'response-flag', 'host-ejected', 'host-returned', 'fallback-served']) expect(kinds).toContain(k);
  });
});
