// The k6 script region-lab runs: constant- or ramping-arrival-rate GETs into each entry region,
// one tab-separated line per request carrying who served it (console.log into k6's
// --console-output file, raw/requests.tsv; format: src/load/compact-format.ts), so Node can
// judge every request without k6's ~3.5 KB of JSON per request. k6 strips the types;
// load/tsconfig.json checks them. No remote imports, no jslib handleSummary: the machine is offline.
import http from 'k6/http';
import type { Options } from 'k6/options';

// k6's console (@types/k6 does not declare it): with --log-format raw, log writes the line as is.
declare const console: { log(line: string): void };

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

/** k6 canonicalises header names (X-Served-Region); accept either spelling. */
function header(headers: { [name: string]: string }, name: string): string {
  const canonical = name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
  return headers[canonical] ?? headers[name] ?? '';
}

/** As src/load/compact-format.ts encodeField: %, tab, CR and LF percent-encoded. */
function field(v: string): string {
  return v.replace(/[%\t\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
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
  // the columns of src/load/compact-format.ts COMPACT_COLUMNS, in that order
  console.log(
    [
      String(start),
      (transportError ? elapsed : res.timings.duration).toFixed(3),
      field(target.entry),
      String(res.status),
      res.error_code ? String(res.error_code) : '',
      field(header(headers, 'x-served-region')),
      field(header(headers, 'x-served-cluster')),
      field(header(headers, 'x-served-instance')),
      header(headers, 'x-fallback') === 'true' ? '1' : '0',
      sent.sentHeaders,
      sent.sentCookies,
    ].join('\t'),
  );
}
