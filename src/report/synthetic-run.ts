// A run directory made up in region-lab's real raw format (raw/requests.tsv as the k6
// script writes it with k6's raw/k6-summary.json, logs/*.events.jsonl, raw/run.json) —
// or, with format "k6-json", an older run's raw/k6-points.jsonl with every metric k6
// writes per request — for the report benchmark and the browser tests when no real run
// is on disk. Not a simulation: the outcomes follow a fixed pattern around one outage.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { COMPACT_FILE, COMPACT_HEADER, lineOf } from '../load/compact-format.js';
import { LEGACY_POINTS_FILE } from '../load/legacy-points.js';
import { K6_SUMMARY_FILE } from '../load/read-requests.js';
import { loadRunInputs } from '../scenario/load-inputs.js';
import type { RunData } from '../run/run-data.js';
import { writeRunJson } from './run-json.js';
import { topologyView } from '../scenario/topology-view.js';

export interface SyntheticRunProps {
  readonly seconds: number;
  readonly rate: number;
  /** Epoch ms of the first request. @default 1_795_000_000_000 */
  readonly t0?: number;
  /** The outage window, seconds since t0. @default a third of the run, in the middle */
  readonly outage?: readonly [number, number];
  /** Written into scenario text, events and versions: for the hostile-input tests. */
  readonly hostile?: string;
  /** Project root holding scenarios/region-outage.yaml. @default process.cwd() */
  readonly root?: string;
  /** The raw format: "compact" (raw/requests.tsv, today's) or "k6-json" (raw/k6-points.jsonl, runs before it). @default "compact" */
  readonly format?: 'compact' | 'k6-json';
}

// k6 writes these per request besides region-lab's rl_request (k6 v1.8 --out json)
const HTTP_TRENDS = ['http_req_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending', 'http_req_waiting', 'http_req_receiving', 'iteration_duration'];

/** One request as the k6 script writes it into raw/requests.tsv. */
function compactLine(startMs: number, durationMs: number, status: number, served: string): string {
  const region = served.replace(/^biz-/, '');
  return `${lineOf({ startMs, durationMs, entry: 'south', status, errorCode: status >= 400 ? 1000 + status : 0, servedRegion: region, servedCluster: served, servedInstance: served ? `user-service-${region}-1` : '', fallback: false })}\n`;
}

function pointLines(startMs: number, durationMs: number, status: number, served: string): string {
  const time = new Date(startMs + durationMs).toISOString().replace('Z', '123456Z');
  const http = `"tags":{"entry":"south","expected_response":"${status < 400}","group":"","method":"GET","name":"/api/users","proto":"HTTP/1.1","scenario":"load","status":"${status}","url":"/api/users"}`;
  const out = HTTP_TRENDS.map((m) => `{"metric":"${m}","type":"Point","data":{"time":"${time}","value":${m === 'http_req_duration' ? durationMs : 0.01},${http}}}`);
  out.push(`{"metric":"http_reqs","type":"Point","data":{"time":"${time}","value":1,${http}}}`);
  out.push(`{"metric":"http_req_failed","type":"Point","data":{"time":"${time}","value":${status >= 400 ? 1 : 0},${http}}}`);
  out.push(`{"metric":"iterations","type":"Point","data":{"time":"${time}","value":1,"tags":{"group":"","scenario":"load"}}}`);
  out.push(`{"metric":"data_sent","type":"Point","data":{"time":"${time}","value":91,"tags":{"group":"","scenario":"load"}}}`);
  out.push(`{"metric":"data_received","type":"Point","data":{"time":"${time}","value":454,"tags":{"group":"","scenario":"load"}}}`);
  const region = served.replace(/^biz-/, '');
  // served_* come from response headers: JSON-encoded, since a hostile header may hold anything
  const q = JSON.stringify;
  out.push(
    `{"metric":"rl_request","type":"Point","data":{"time":"${time}","value":${durationMs},"tags":{"entry":"south","error_code":"${status >= 400 ? 1000 + status : ''}","fallback":"0","group":"","scenario":"load","served_cluster":${q(served)},"served_instance":${q(served ? `user-service-${region}-1` : '')},"served_region":${q(region)},"start":"${startMs}","status":"${status}"}}}`,
  );
  return `${out.join('\n')}\n`;
}

/** Writes dir/raw/requests.tsv (or k6-points.jsonl), dir/logs/*.events.jsonl and dir/raw/run.json; returns the RunData. */
export async function writeSyntheticRun(dir: string, p: SyntheticRunProps): Promise<RunData> {
  const compact = (p.format ?? 'compact') === 'compact';
  const lines = compact ? compactLine : pointLines;
  const t0 = p.t0 ?? 1_795_000_000_000;
  const [from, to] = p.outage ?? [Math.floor(p.seconds / 3), Math.floor((2 * p.seconds) / 3)];
  const inputs = loadRunInputs('scenarios/region-outage.yaml', p.root ?? process.cwd());
  await mkdir(join(dir, 'raw'), { recursive: true });
  await mkdir(join(dir, 'logs'), { recursive: true });
  const points = createWriteStream(join(dir, 'raw', compact ? COMPACT_FILE : LEGACY_POINTS_FILE));
  if (compact) points.write(COMPACT_HEADER);
  let total = 0;
  let rand = 42;
  const next = (): number => ((rand = (rand * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const retries: string[] = [];
  for (let s = 0; s < p.seconds; s++) {
    let chunk = '';
    for (let i = 0; i < p.rate; i++) {
      const start = t0 + s * 1000 + Math.floor((i * 1000) / p.rate);
      const down = s >= from && s < to;
      const local = next() < 0.8;
      total++;
      if (down && local) {
        chunk += lines(start, 45 + next() * 50, 503, '');
        if (i % 2 === 0) retries.push(JSON.stringify({ t: start + 12, gateway: 'gw-south-1', kind: 'retry', host: '127.0.1.101:19001', reason: 'remote connection failure' }));
      } else chunk += local ? lines(start, 9 + next() * 5, 200, 'biz-south') : lines(start, 40 + next() * 12, 200, `biz-north${p.hostile ?? ''}`);
    }
    if (!points.write(chunk)) await once(points, 'drain');
  }
  points.end();
  await once(points, 'finish');
  // k6's own count, as --summary-export writes it
  if (compact) await writeFile(join(dir, 'raw', K6_SUMMARY_FILE), JSON.stringify({ metrics: { http_reqs: { count: total, rate: p.rate }, iterations: { count: total } } }));
  const evil = p.hostile ?? '';
  const gw = [
    { t: t0 - 500, gateway: 'gw-south-1', kind: 'ready', registries: 1 },
    { t: t0 + (from + 35) * 1000, gateway: 'gw-south-1', kind: 'endpoints-stale', cluster: `user-service-south${evil}`, reason: `instance list empty${evil}` },
    { t: t0 + (to + 1) * 1000, gateway: 'gw-south-1', kind: 'endpoint-added', cluster: 'user-service-south', address: '127.0.1.101:19001' },
  ].map((e) => JSON.stringify(e));
  await writeFile(join(dir, 'logs', 'gw-south-1.events.jsonl'), `${[...gw, ...retries].join('\n')}\n`);
  const sync = { t: t0 + (from + 36) * 1000, source: 'nacos-sync', kind: 'sync-deregistered', service: 'user-service-south', detail: `127.0.1.101:19001 gone${evil}` };
  await writeFile(join(dir, 'logs', 'nacos-sync.events.jsonl'), `${JSON.stringify(sync)}\n`);
  const faultAt = { appliedAtMs: t0 + from * 1000, healedAtMs: t0 + to * 1000 };
  const run: RunData = {
    runId: `synthetic-${p.seconds}s-${p.rate}rps`,
    scenario: evil ? { ...inputs.scenario, description: `${inputs.scenario.description}${evil}`, claim: `${inputs.scenario.claim}${evil}` } : inputs.scenario,
    scenarioFile: inputs.scenarioFile,
    scenarioText: `${inputs.scenarioText}${evil ? `\n# ${evil}\n` : ''}`,
    manifests: inputs.manifests.map((m) => ({ file: m, text: `# synthetic run: the file is not copied${evil}` })),
    target: 'local',
    higress: inputs.higress,
    registration: inputs.topology.registration,
    discovery: inputs.topology.discovery.mode,
    startedAt: new Date(t0 - 9_000).toISOString(),
    endedAt: new Date(t0 + (p.seconds + 10) * 1000).toISOString(),
    t0,
    faults: [{ id: 'south-down', description: `biz-south down (hard)${evil}`, ...faultAt }],
    events: [
      { t: faultAt.appliedAtMs, source: 'region-lab', kind: 'fault-applied', detail: { id: 'south-down', description: `biz-south down${evil}` } },
      { t: faultAt.healedAtMs, source: 'region-lab', kind: 'fault-healed', detail: { id: 'south-down', description: 'biz-south back' } },
    ],
    versions: { 'region-lab': 'synthetic', k6: `k6 v1.8.1${evil}` },
    interrupted: false,
    k6: { exitCode: 0 },
    topology: topologyView(inputs.topology, inputs.scenario.timeline),
  };
  await writeRunJson(join(dir, 'raw'), run);
  return run;
}
