// One region's L4 load balancer: HAProxy in TCP mode in front of the region's
// gateways, checking each gateway's readiness (/healthz/ready on the health port,
// as a cloud LB checks Envoy's), so a dead or black-holed gateway leaves rotation.
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startProcess, type StartedProcess } from '../../core/process.js';
import { waitFor } from '../../core/ready.js';
import { lbName } from '../../topology/names.js';
import type { LocalContext } from './run-context.js';

export interface HaproxyProps {
  readonly region: string;
  readonly bind: { address: string; port: number };
  readonly gateways: readonly { name: string; address: string; port: number; healthPort: number }[];
  readonly checkInterMs: number;
  readonly fall: number;
  readonly rise: number;
}

export function haproxyConfig(p: HaproxyProps, socket: string): string {
  return [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    '  nbthread 1',
    'defaults',
    '  mode tcp',
    '  timeout connect 5s',
    '  timeout client 120s',
    '  timeout server 120s',
    `  timeout check ${Math.min(500, p.checkInterMs)}ms`,
    // a refused connect to a gateway that just died is retried on another one
    '  retries 2',
    '  option redispatch',
    'frontend entry',
    `  bind ${p.bind.address}:${p.bind.port}`,
    '  default_backend gateways',
    'backend gateways',
    '  balance roundrobin',
    '  option httpchk GET /healthz/ready',
    '  http-check expect status 200',
    `  default-server inter ${p.checkInterMs} fall ${p.fall} rise ${p.rise}`,
    ...p.gateways.map((g) => `  server ${g.name} ${g.address}:${g.port} check port ${g.healthPort}`),
    '',
  ].join('\n');
}

export interface StartedHaproxy {
  readonly socket: string;
  readonly process: StartedProcess;
  stop(): Promise<void>;
}

export async function startHaproxy(ctx: LocalContext, p: HaproxyProps): Promise<StartedHaproxy> {
  const name = lbName(p.region);
  const cfg = join(ctx.stateDir, `${name}.cfg`);
  const socket = join(ctx.stateDir, `${name}.sock`);
  writeFileSync(cfg, haproxyConfig(p, socket));
  const started = Date.now();
  ctx.log({ kind: 'start', component: name, detail: `HAProxy on ${p.bind.address}:${p.bind.port} → ${p.gateways.length} gateways` });
  const proc = startProcess({ name, runId: ctx.runId, command: ctx.tools.haproxy.path, args: ['-db', '-f', cfg], logFile: join(ctx.logDir, `${name}.log`), pidDir: ctx.pidDir });
  ctx.cleanup.push(name, () => proc.stop());
  await waitFor(() => canConnect(p.bind.address, p.bind.port), {
    what: name,
    timeoutMs: 10_000,
    logFile: proc.logFile,
    signal: ctx.signal,
    abort: () => (proc.exitInfo() ? `haproxy exited (${JSON.stringify(proc.exitInfo())})` : undefined),
  });
  ctx.log({ kind: 'ready', component: name, ms: Date.now() - started });
  return { socket, process: proc, stop: () => proc.stop() };
}

export function canConnect(host: string, port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(undefined));
    s.once('timeout', () => {
      s.destroy();
      resolve(undefined);
    });
  });
}
