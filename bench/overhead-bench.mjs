// `make bench-overhead`: where the testbed's own latency goes, hop by hop. Starts the
// real pieces a scenario's request crosses on loopback (127.0.110.x): the demo business
// service, the gateway model, HAProxy with the topology's config, Toxiproxy links with
// their latency toxics set to 0 ms (as a run's calibration does), and k6 with
// load/region-lab.k6.ts. Then the same load through longer and longer chains, one
// after the other; each hop's cost is the difference of two chains' percentiles.
// Last, the run's path again with the topology's latencies (entry 1 ms, data 7 ± 2 ms):
// it should be the 0-ms path plus 8 ms, or the latency toxics themselves are off.
// Knobs for trying settings: BENCH_RATE (40), BENCH_SECONDS (15), BENCH_TOXI_ENV and
// BENCH_K6_ENV ("K=V,K=V": extra environment for Toxiproxy / k6; K6_OUT=json=FILE brings
// back the JSON output runs used to write), BENCH_CHAINS ("0,6": only those chains),
// BENCH_TOXI_PRIORITY (-10: Toxiproxy in its own scheduling group at that nice value),
// BENCH_TOXI_RT=1 (Toxiproxy under chrt -f 1: real-time, so its timers wake it at once).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const imp = (p) => import(join(root, 'dist', p));
const { loadTools } = await imp('targets/local/tools.js');
const { haproxyConfig } = await imp('targets/local/haproxy.js');
const { GATEWAY_NODE_FLAGS } = await imp('gateway/node-flags.js');
const { k6Invocation, readRequests, requestsFileHeader, percentiles } = { ...(await imp('load/index.js')), ...(await imp('verdict/index.js')) };
const { loadSchema } = await imp('scenario/schema.js');
const { latencyToxics } = await imp('chaos/latency-toxics.js');

const RATE = Number(process.env.BENCH_RATE ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const envOf = (s) => Object.fromEntries((s ?? '').split(',').filter(Boolean).map((kv) => kv.split('=')));
const tools = loadTools();
const dir = mkdtempSync(join(tmpdir(), 'rl-bench-overhead-'));
const children = [];
const A = (n) => `127.0.110.${n}`;
const BIZ = { host: A(10), port: 19001 };
const GW_DIRECT = { host: A(11), port: 18080 };
const GW_TOXI = { host: A(12), port: 18080 };
const LB = { host: A(13), port: 18080 };
const TOXI_API = { host: A(1), port: 18474 };
const LINK = { data: { listen: `${A(14)}:19001`, upstream: `${BIZ.host}:${BIZ.port}` }, entry: { listen: `${A(15)}:18080`, upstream: `${LB.host}:${LB.port}` }, bare: { listen: `${A(16)}:19001`, upstream: `${BIZ.host}:${BIZ.port}` }, timed: { listen: `${A(17)}:19001`, upstream: `${BIZ.host}:${BIZ.port}` } };

function start(name, cmd, args, env = {}, detached = false) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, detached });
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
  child.on('exit', (code) => code !== null && code !== 0 && !stopping && console.error(`${name} exited ${code}: ${err}`));
  children.push(child);
  return child;
}
let stopping = false;
const stopAll = async () => {
  stopping = true;
  for (const c of children.reverse()) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

async function ready(url, host = 'api.example.com') {
  for (let i = 0; i < 150; i++) {
    const status = await new Promise((done) => get(url, { headers: { host } }, (r) => (r.resume(), done(r.statusCode))).on('error', () => done(0)));
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered 200`);
}

async function toxi(path, body) {
  const res = await fetch(`http://${TOXI_API.host}:${TOXI_API.port}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`toxiproxy ${path}: ${res.status} ${await res.text()}`);
}

/** The region-lab k6 script at RATE into url for SECONDS; the requests' durations. */
async function measure(url) {
  const file = join(dir, `requests-${Date.now()}.tsv`);
  writeFileSync(file, requestsFileHeader());
  const spec = loadSchema.parse({ entry: 'south', rate: RATE, duration: `${SECONDS}s`, path: '/api/users', timeout: '10s', vus: { pre: RATE, max: RATE * 4 } });
  const inv = k6Invocation({ k6Path: tools.k6.path, spec, entryUrl: () => url, requestsFile: file, summaryFile: join(dir, 'k6-summary.json') });
  // k6's own CPU time, through GNU time when it is there: what k6 costs the machine it measures
  const cpuFile = `${file}.cpu`;
  const [cmd, args] = existsSync('/usr/bin/time') ? ['/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, inv.command, ...inv.args]] : [inv.command, [...inv.args]];
  const k6 = spawn(cmd, args, { env: { ...inv.env, ...envOf(process.env.BENCH_K6_ENV) }, stdio: 'ignore' });
  await new Promise((r) => k6.on('exit', r));
  const log = await readRequests(file);
  const ok = log.records.filter((r) => r.status === 200);
  if (ok.length < log.records.length * 0.99) throw new Error(`${url}: only ${ok.length} of ${log.records.length} requests answered 200`);
  const cpu = existsSync(cpuFile) ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).reduce((a, v) => a + Number(v), 0) : NaN;
  return { ...percentiles(ok.map((r) => r.durationMs)), k6CpuUsPerRequest: (cpu * 1e6) / log.records.length };
}

try {
  // the business service's real HTTP side (src/business/server.ts), without registering anywhere
  const bizSrc = join(dir, 'business.mjs');
  writeFileSync(bizSrc, `import { createBusinessServers } from ${JSON.stringify(join(root, 'dist/business/server.js'))};
import { businessConfigSchema } from ${JSON.stringify(join(root, 'dist/business/config.js'))};
const cfg = businessConfigSchema.parse({ app: 'user-service', nacosService: 'user-service-south', region: 'south', cluster: 'biz-south', instance: 'user-service-south-1',
  listen: ${JSON.stringify(BIZ)}, admin: { host: '${BIZ.host}', port: ${BIZ.port + 10000} }, nacos: { address: 'unused:1' }, metadata: {} });
createBusinessServers(cfg).data.listen(cfg.listen.port, cfg.listen.host);\n`);
  start('business', process.execPath, [bizSrc]);

  const priority = process.env.BENCH_TOXI_PRIORITY;
  const toxiArgs = ['-host', TOXI_API.host, '-port', String(TOXI_API.port)];
  const [toxiCmd, toxiArgv] = process.env.BENCH_TOXI_RT === '1' ? ['chrt', ['-f', '1', tools.toxiproxy.path, ...toxiArgs]] : [tools.toxiproxy.path, toxiArgs];
  const tp = start('toxiproxy', toxiCmd, toxiArgv, { LOG_LEVEL: 'warn', ...envOf(process.env.BENCH_TOXI_ENV) }, priority !== undefined);
  // a session of its own is a scheduling group of its own (autogroup); its nice weighs it against every other group
  if (priority !== undefined) writeFileSync(`/proc/${tp.pid}/autogroup`, priority);
  for (let i = 0; i < 50; i++) if (await fetch(`http://${TOXI_API.host}:${TOXI_API.port}/version`).then(() => true, () => false)) break; else await new Promise((r) => setTimeout(r, 100));
  for (const [name, l] of Object.entries(LINK)) {
    await toxi('/proxies', { name, ...l, enabled: true });
    // a link during calibration: its latency toxics in the chain, at 0 ms (the bare link has none)
    // the timed link keeps a same-region link's 7 ± 2 ms, to show what sleeping toxics add beyond it
    if (name !== 'bare') for (const t of latencyToxics(name === 'timed' ? 7 : 0, name === 'timed' ? 2 : 0)) await toxi(`/proxies/${name}/toxics`, t);
  }

  const manifest = join(dir, 'ingress.yaml');
  writeFileSync(manifest, `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: bench, namespace: default }\nspec:\n  ingressClassName: higress\n  rules:\n    - host: api.example.com\n      http:\n        paths:\n          - { path: /, pathType: Prefix, backend: { service: { name: user-service, port: { number: 80 } } } }\n`);
  const gateway = (name, at, resolveMap) => {
    const config = join(dir, `${name}.json`);
    writeFileSync(config, JSON.stringify({ name, region: 'south', listen: at, admin: { host: at.host, port: 15000 }, health: { host: at.host, port: 15021 }, higress: '2.1', manifests: [manifest], resolve: resolveMap, eventsFile: join(dir, `${name}.events.jsonl`), services: { 'user-service.default:80': [`${BIZ.host}:${BIZ.port}`] } }));
    start(name, process.execPath, [...GATEWAY_NODE_FLAGS, join(root, 'dist/gateway/main.js'), config]);
  };
  gateway('gw-direct', GW_DIRECT, {});
  gateway('gw-toxi', GW_TOXI, { [`${BIZ.host}:${BIZ.port}`]: LINK.data.listen });
  const lbCfg = join(dir, 'lb.cfg');
  writeFileSync(lbCfg, haproxyConfig({ region: 'south', bind: { address: LB.host, port: LB.port }, gateways: [{ name: 'gw-toxi', address: GW_TOXI.host, port: GW_TOXI.port, healthPort: 15021 }], checkInterMs: 1000, fall: 2, rise: 2 }, join(dir, 'lb.sock')));
  start('haproxy', tools.haproxy.path, ['-db', '-f', lbCfg]);

  const url = (t) => `http://${t.host}:${t.port}`;
  const chains = [
    ['k6 → business', url(BIZ)],
    ['k6 → toxiproxy (no toxic) → business', `http://${LINK.bare.listen}`],
    ['k6 → toxiproxy (0 ms toxics) → business', `http://${LINK.data.listen}`],
    ['k6 → toxiproxy (7 ± 2 ms toxics) → business (expected: the line above + 7 ms)', `http://${LINK.timed.listen}`],
    ['k6 → gateway → business', url(GW_DIRECT)],
    ['k6 → gateway → toxiproxy → business', url(GW_TOXI)],
    ['k6 → haproxy → gateway → toxiproxy → business', url(LB)],
    ['k6 → toxiproxy → haproxy → gateway → toxiproxy → business (a run\'s path)', `http://${LINK.entry.listen}`],
  ];
  for (const [, u] of chains) await ready(u);
  await measure(url(LB)); // warm-up: JIT, connection pools
  console.log(`\noverhead bench: ${RATE} requests/s for ${SECONDS} s per chain, k6 ${tools.k6.version.split(' ')[1] ?? ''}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  console.log(`${'chain'.padEnd(78)}   p50 ms   p95 ms   p99 ms  k6 CPU µs/request`);
  const f = (v) => (v === null ? '—' : v.toFixed(3)).padStart(8);
  const us = (p) => (Number.isFinite(p.k6CpuUsPerRequest) ? p.k6CpuUsPerRequest.toFixed(0) : '—').padStart(10);
  const only = process.env.BENCH_CHAINS?.split(',').map(Number);
  let calibrated;
  for (const [i, [name, u]] of chains.entries()) {
    if (only && !only.includes(i)) continue;
    const p = await measure(u);
    if (i === chains.length - 1) calibrated = p;
    console.log(`${name.padEnd(78)} ${f(p.p50)} ${f(p.p95)} ${f(p.p99)} ${us(p)}`);
  }
  if (calibrated) {
    // the topology's base latencies back on, as after a calibration
    for (const [link, [l, j]] of [['entry', [1, 0]], ['data', [7, 2]]]) {
      for (const t of latencyToxics(l, j)) await toxi(`/proxies/${link}/toxics/${t.name}`, { attributes: t.attributes });
    }
    const p = await measure(`http://${LINK.entry.listen}`);
    console.log(`${"the same with entry 1 ms and data 7 ± 2 ms (expected: the line above + 8 ms)".padEnd(78)} ${f(p.p50)} ${f(p.p95)} ${f(p.p99)} ${us(p)}`);
    console.log(`${'  minus the 0-ms path: what the latency toxics added (configured 8 ms)'.padEnd(78)} ${f(p.p50 - calibrated.p50)} ${f(p.p95 - calibrated.p95)} ${f(p.p99 - calibrated.p99)}`);
  }
} finally {
  await stopAll();
}
