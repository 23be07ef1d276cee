// `make bench-gateway`: nginx, real Envoy (the data plane region-lab runs, with the
// config the translation writes) and the gateway model as reverse proxies in front of
// the same Node backend on loopback (127.0.30.x; Envoy on 127.0.61.1, and once more
// without its JSON access log on 127.0.61.2, to show what the log costs), side by side
// in one run. Each proxy is pinned to core 0, the backend and k6 to the other cores.
// Prints the added latency (p50, p99 over the direct backend) at a fixed 1,000 rps,
// the proxy's CPU time per request, and the maximum throughput of one core, then the
// ratios. Without an installed Envoy (tools.json) it compares the model and nginx.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { loadTools } = await import(join(root, 'dist/targets/tools.js'));
// the gateway runs with the flags a scenario's gateways get (src/gateway/data-plane/model/node-flags.ts)
const { GATEWAY_NODE_FLAGS } = await import(join(root, 'dist/gateway/data-plane/model/node-flags.js'));
const { envoyArgs, envoyBootstrap } = await import(join(root, 'dist/gateway/data-plane/envoy/index.js'));
const { writeXdsSnapshot } = await import(join(root, 'dist/gateway/xds/index.js'));
const { benchSnapshot } = await import('./envoy-bench-xds.mjs');
const tools = loadTools();
const k6 = tools.k6.path;
const NGINX = ['/usr/sbin/nginx', 'nginx'].find((p) => spawnSync(p, ['-v']).status === 0);
if (!NGINX) throw new Error('nginx is missing: run scripts/install-bench-tools.sh');
const DURATION = process.env.BENCH_DURATION ?? '10s';
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'region-lab-bench-'));
const ncpu = cpus().length;
const hasTaskset = spawnSync('taskset', ['-V']).status === 0 && ncpu > 1;
const pin = (core, cmd, args) => (hasTaskset ? ['taskset', ['-c', core, cmd, ...args]] : [cmd, args]);
const proxyCore = '0';
const otherCores = ncpu > 1 ? `1-${ncpu - 1}` : '0';
const children = [];

const BACKEND = { host: '127.0.30.1', port: 18601 };
const MODEL = { host: '127.0.30.2', port: 18602 };
const NGX = { host: '127.0.30.3', port: 18603 };
const ENVOY = { host: '127.0.61.1', port: 18604, admin: 18614, health: 18624 };
// the same Envoy without the JSON access log: what the log costs per request
const ENVOY_QUIET = { host: '127.0.61.2', port: 18605, admin: 18615, health: 18625 };
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU ms used so far by a process and its children (nginx's worker is the master's child). */
function cpuMs(pid) {
  const times = (p) => {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
    } catch {
      return { ppid: -1, ticks: 0 };
    }
  };
  let ticks = times(pid).ticks;
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) if (times(p).ppid === pid) ticks += times(p).ticks;
  return (ticks * 1000) / CLK_TCK;
}

function start(core, cmd, args) {
  const [c, a] = pin(core, cmd, args);
  const child = spawn(c, a, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  children.push(child);
  child.errText = () => err;
  return child;
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    // fetch cannot set Host; the model routes by it
    const status = await new Promise((done) => get(url, { headers: { host: 'bench.example.com' } }, (r) => (r.resume(), done(r.statusCode))).on('error', () => done(0)));
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered 200`);
}

function runK6(url, mode, proc) {
  const cpu0 = proc ? cpuMs(proc.pid) : 0;
  const out = join(dir, `k6-${mode}-${Date.now()}.json`);
  const [c, a] = pin(otherCores, k6, ['run', '--quiet', '--no-usage-report', '--summary-export', out, '-e', `URL=${url}`, '-e', `MODE=${mode}`, '-e', `RATE=${RATE}`, '-e', `DURATION=${DURATION}`, join(root, 'bench/k6-gateway.js')]);
  const r = spawnSync(c, a, { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 99) throw new Error(`k6 failed (${r.status}): ${r.stderr.slice(-500)}`);
  const m = JSON.parse(readFileSync(out, 'utf8')).metrics;
  const cpuUsPerReq = proc ? ((cpuMs(proc.pid) - cpu0) * 1000) / m.http_reqs.count : 0;
  return { p50: m.http_req_duration['p(50)'], p99: m.http_req_duration['p(99)'], rps: m.http_reqs.rate, failed: m.http_req_failed?.value ?? 0, cpuUsPerReq };
}

try {
  // the backend: a separate Node process answering a small 200, on the non-proxy cores
  const backendSrc = join(dir, 'backend.mjs');
  writeFileSync(backendSrc, `import { createServer } from 'node:http';\nconst s = createServer((q, r) => { q.resume(); r.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 }); r.end('ok'); });\ns.keepAliveTimeout = 60000;\ns.listen(${BACKEND.port}, '${BACKEND.host}');\n`);
  start(otherCores, process.execPath, [backendSrc]);

  // the model reads the same kind of bootstrap and xDS files real Envoy does (the translation's output)
  const modelXds = join(dir, 'model-xds');
  mkdirSync(modelXds);
  writeXdsSnapshot(modelXds, await benchSnapshot(join(root, 'dist'), { dir: modelXds, listen: MODEL, backend: BACKEND }));
  const modelBootstrap = join(dir, 'model-bootstrap.json');
  writeFileSync(modelBootstrap, JSON.stringify(envoyBootstrap({ name: 'bench-model', cluster: 'bench', locality: { region: 'bench' }, runId: 'bench', address: MODEL.host, adminPort: 18612, healthPort: 18622, xdsDir: modelXds, outlierEventLog: join(dir, 'model-outlier.jsonl') })));
  const config = join(dir, 'model.json');
  writeFileSync(config, JSON.stringify({ name: 'bench-model', higress: '2.2', bootstrap: modelBootstrap, eventsFile: join(dir, 'events.jsonl') }));
  const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(root, 'bench/profiles')}`] : [];
  const model = start(proxyCore, process.execPath, [...profile, ...GATEWAY_NODE_FLAGS, join(root, 'dist/gateway/data-plane/model/main.js'), config]);

  const nginxConf = join(dir, 'nginx.conf');
  writeFileSync(nginxConf, `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/nginx-error.log warn;\nevents { worker_connections 4096; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/nginx-body;\n  proxy_temp_path ${dir}/nginx-proxy;\n  upstream backend { server ${BACKEND.host}:${BACKEND.port}; keepalive 64; }\n  server {\n    listen ${NGX.host}:${NGX.port};\n    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; }\n  }\n}\n`);
  const nginx = start(proxyCore, NGINX, ['-c', nginxConf, '-p', dir]);

  // real Envoy, started as a run starts it (envoyArgs), on the xDS the translation writes
  let envoy;
  let envoyQuiet;
  if (tools.envoy) {
    const startEnvoy = async (name, at, accessLog) => {
      const xdsDir = join(dir, `${name}-xds`);
      mkdirSync(xdsDir);
      writeXdsSnapshot(xdsDir, await benchSnapshot(join(root, 'dist'), { dir: xdsDir, listen: at, backend: BACKEND, accessLog }));
      const bootstrap = join(dir, `${name}-bootstrap.json`);
      const b = envoyBootstrap({ name, cluster: 'bench', locality: { region: 'bench' }, runId: 'bench', address: at.host, adminPort: at.admin, healthPort: at.health, xdsDir, outlierEventLog: join(dir, `${name}-outlier.jsonl`) });
      writeFileSync(bootstrap, JSON.stringify(b));
      return start(proxyCore, tools.envoy.path, envoyArgs(bootstrap, join(dir, `${name}.log`)));
    };
    envoy = await startEnvoy('envoy', ENVOY, join(dir, 'envoy-access.jsonl'));
    envoyQuiet = await startEnvoy('envoy-quiet', ENVOY_QUIET, undefined);
  } else {
    console.log('no Envoy in tools.json (make install installs it on Linux x86_64): comparing the model and nginx only');
  }

  await waitFor(`http://${BACKEND.host}:${BACKEND.port}/`);
  await waitFor(`http://${MODEL.host}:${MODEL.port}/`);
  await waitFor(`http://${NGX.host}:${NGX.port}/`);
  if (envoy) await waitFor(`http://${ENVOY.host}:${ENVOY.port}/`);
  if (envoyQuiet) await waitFor(`http://${ENVOY_QUIET.host}:${ENVOY_QUIET.port}/`);

  const url = (t) => `http://${t.host}:${t.port}/`;
  const proxies = [
    { name: 'nginx', target: NGX, proc: nginx },
    ...(envoy ? [{ name: `Envoy ${tools.envoy.version}`, target: ENVOY, proc: envoy }] : []),
    { name: 'region-lab model', target: MODEL, proc: model },
    ...(envoyQuiet ? [{ name: 'Envoy, no access log', target: ENVOY_QUIET, proc: envoyQuiet }] : []),
  ];
  // warm-up, then the runs interleaved so drift hits all alike
  for (const p of proxies) runK6(url(p.target), 'rate');
  const direct = runK6(url(BACKEND), 'rate');
  for (const p of proxies) p.rate = runK6(url(p.target), 'rate', p.proc);
  for (const p of proxies) p.max = runK6(url(p.target), 'max');

  const added = (x) => ({ p50: Math.max(0.001, x.p50 - direct.p50), p99: Math.max(0.001, x.p99 - direct.p99) });
  for (const p of proxies) p.added = added(p.rate);
  const f = (v) => v.toFixed(3).padStart(8);
  console.log(`\ngateway bench (${DURATION} per run, ${RATE} rps fixed; proxies pinned to core ${proxyCore}${hasTaskset ? '' : ' (no taskset: unpinned)'}, k6 and backend on ${otherCores})`);
  console.log(`direct backend        p50 ${f(direct.p50)} ms  p99 ${f(direct.p99)} ms`);
  console.log(`                         added p50     added p99   CPU/request   max rps (1 core)  failed`);
  for (const p of proxies) {
    console.log(`${p.name.padEnd(20)} ${f(p.added.p50)} ms   ${f(p.added.p99)} ms   ${p.rate.cpuUsPerReq.toFixed(0).padStart(6)} µs   ${p.max.rps.toFixed(0).padStart(10)}        ${(p.rate.failed * 100).toFixed(2)}%`);
  }
  const [n, e, m] = [proxies[0], envoy ? proxies[1] : undefined, proxies.find((p) => p.target === MODEL)];
  const ratio = (a, b) => `p50 ${(a.added.p50 / b.added.p50).toFixed(2)}×  p99 ${(a.added.p99 / b.added.p99).toFixed(2)}×  throughput ${(a.max.rps / b.max.rps).toFixed(2)}×`;
  if (e) console.log(`ratio Envoy/nginx  ${ratio(e, n)}`);
  console.log(`ratio model/nginx  ${ratio(m, n)} (goals: p50 ≤ 2, p99 ≤ 3)`);
  if (e) console.log(`ratio model/Envoy  ${ratio(m, e)}`);
  const r50 = m.added.p50 / n.added.p50;
  const r99 = m.added.p99 / n.added.p99;
  console.log(r50 <= 2 && r99 <= 3 ? 'model latency goals met' : 'model latency goals missed: run with BENCH_CPU_PROF=1 and open bench/profiles/*.cpuprofile');
  for (const p of proxies) if (p.proc.exitCode !== null) console.log(`${p.name} exited early: ${p.proc.errText()}`);
} finally {
  for (const c of children.reverse()) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
}
