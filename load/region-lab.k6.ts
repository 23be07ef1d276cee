// The k6 script region-lab runs: constant- or ramping-arrival-rate GETs into each entry region,
// one `rl_request` point per request carrying who served it, so Node can judge
// every request from the JSON output. k6 strips the types; load/tsconfig.json checks them.
// No remote imports and no jslib handleSummary: the machine is offline.
import http from 'k6/http';
import { Trend } from 'k6/metrics';
import type { Options } from 'k6/options';

/** What src/load/invocation.ts puts in RL_LOAD. */
interface LoadConfig {
  targets: { entry: string; url: string }[];
  host: string;
  path: string;
  rate: number;
  durationS: number;
  timeoutS: number;
  preVUs: number;
  maxVUs: number;
  stages: { durationS: number; target: number }[];
  variations: { kind: 'header' | 'cookie'; name: string; values: { value: string; share: number }[] }[];
}

function readConfig(): LoadConfig {
  const raw = __ENV.RL_LOAD;
  if (!raw) throw new Error('RL_LOAD is not set: region-lab passes the load as JSON in this variable');
  return JSON.parse(raw) as LoadConfig;
}

const cfg = readConfig();

export const options: Options = {
  discardResponseBodies: true,
  summaryTrendStats: ['min', 'med', 'p(95)', 'p(99)', 'max'],
  // One scenario per entry region, each with its own arrival rate and VUs, as independent
  // user populations are: a slow region must not starve the other's request rate.
  scenarios: Object.fromEntries(
    cfg.targets.map((t, i) => [
      `load-${t.entry}`,
      {
        env: { RL_TARGET: String(i) },
        ...(cfg.stages.length > 0
          ? {
              executor: 'ramping-arrival-rate' as const,
              startRate: cfg.rate,
              stages: cfg.stages.map((st) => ({ duration: `${Math.round(st.durationS * 1000)}ms`, target: st.target })),
            }
          : { executor: 'constant-arrival-rate' as const, rate: cfg.rate, duration: `${Math.round(cfg.durationS * 1000)}ms` }),
        timeUnit: '1s',
        preAllocatedVUs: cfg.preVUs,
        maxVUs: cfg.maxVUs,
        // A request in flight when the load ends must finish and be recorded, or the
        // accounting (http_reqs == rl_request points) would break: wait out its timeout.
        gracefulStop: `${Math.ceil(cfg.timeoutS) + 5}s`,
      },
    ]),
  ),
};

// `true`: values are times, shown in ms in k6's own summary.
const rlRequest = new Trend('rl_request', true);

/** k6 canonicalises header names (X-Served-Region); accept either spelling. */
function header(headers: { [name: string]: string }, name: string): string {
  const canonical = name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
  return headers[canonical] ?? headers[name] ?? '';
}

/** Draws this request's headers and cookies; `sent_*` tags say what was sent, so results can be split by it. */
function variation(): { headers: Record<string, string>; sentHeaders: string; sentCookies: string } {
  const headers: Record<string, string> = {};
  const sent: Record<'header' | 'cookie', string[]> = { header: [], cookie: [] };
  const cookies: string[] = [];
  for (const v of cfg.variations) {
    let draw = Math.random();
    const hit = v.values.find((x) => (draw -= x.share) < 0);
    if (!hit) continue;
    if (v.kind === 'header') headers[v.name] = hit.value;
    else cookies.push(`${v.name}=${hit.value}`);
    sent[v.kind].push(`${encodeURIComponent(v.name)}=${encodeURIComponent(hit.value)}`);
  }
  if (cookies.length > 0) headers.Cookie = cookies.join('; ');
  return { headers, sentHeaders: sent.header.join('&'), sentCookies: sent.cookie.join('&') };
}

export default function (): void {
  const target = cfg.targets[Number(__ENV.RL_TARGET ?? 0)]!;
  const sent = variation();
  const start = Date.now();
  const res = http.get(target.url + cfg.path, {
    headers: { ...sent.headers, Host: cfg.host },
    timeout: Math.round(cfg.timeoutS * 1000),
    tags: { entry: target.entry, name: cfg.path },
  });
  const elapsed = Date.now() - start;
  const transportError = res.status === 0;
  const headers = res.headers ?? {};
  rlRequest.add(transportError ? elapsed : res.timings.duration, {
    entry: target.entry,
    start: String(start),
    status: String(res.status),
    error_code: res.error_code ? String(res.error_code) : '',
    served_region: header(headers, 'x-served-region'),
    served_cluster: header(headers, 'x-served-cluster'),
    served_instance: header(headers, 'x-served-instance'),
    fallback: header(headers, 'x-fallback') === 'true' ? '1' : '0',
    sent_headers: sent.sentHeaders,
    sent_cookies: sent.sentCookies,
  });
}
