// Starts one gateway instance's real Envoy and hands back a Started… handle: its own
// process group and pid file (so `region-lab down` sweeps it), on the run's cleanup
// stack the moment it starts, tagged with the run id, ready once /ready says LIVE and
// its first xDS files were applied (a rejected one is XdsRejectedError).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CleanupStack } from '../../../core/cleanup.js';
import type { Logger } from '../../../core/log.js';
import { startProcess, type StartedProcess } from '../../../core/process.js';
import { waitFor } from '../../../core/ready.js';
import { xdsFiles } from '../../xds/files.js';
import { emptySnapshot, type XdsSnapshot } from '../../xds/snapshot.js';
import { writeXdsSnapshot, type XdsWrite } from '../../xds/write.js';
import { readServerInfo, type EnvoyAdmin } from './admin.js';
import { envoyBootstrap, type EnvoyBootstrapProps } from './bootstrap.js';
import { confirmXdsApplied, type XdsCheckTarget } from './confirm-xds.js';
import { ENVOY_LOG_FORMAT } from './envoy-log.js';
import { envoyInstanceFiles, type EnvoyInstanceFiles } from './instance-files.js';

/** What starting an Envoy needs from a run (a LocalContext has all of it). */
export interface EnvoyRunContext {
  readonly runId: string;
  readonly stateDir: string;
  readonly logDir: string;
  readonly pidDir: string;
  readonly cleanup: CleanupStack;
  readonly log: Logger;
}

export interface EnvoyInstanceProps {
  /** tools.json's envoy.path. */
  readonly binary: string;
  /** The bootstrap options; xdsDir, outlierEventLog and runId default to the instance's files and the run. */
  readonly bootstrap: Omit<EnvoyBootstrapProps, 'runId' | 'xdsDir' | 'outlierEventLog'> & Partial<Pick<EnvoyBootstrapProps, 'xdsDir' | 'outlierEventLog'>>;
  /** Written before Envoy starts (it needs its LDS and CDS files to exist). @default the files already there, else an empty snapshot */
  readonly snapshot?: XdsSnapshot;
  /** Reject xDS fields Envoy does not know, so a misspelled field is a testbed failure, not silently ignored. @default true */
  readonly rejectUnknownFields?: boolean;
  /** @default 15000 */
  readonly readyTimeoutMs?: number;
}

export interface StartedEnvoy {
  readonly name: string;
  readonly pid: number;
  readonly admin: EnvoyAdmin;
  readonly files: EnvoyInstanceFiles;
  /** What the rejection check needs: for a controller in another process too. */
  readonly check: XdsCheckTarget;
  readonly process: StartedProcess;
  /** Writes a snapshot to this instance's xDS dir and waits until Envoy applied it. */
  apply(snapshot: XdsSnapshot, previous?: XdsSnapshot): Promise<XdsWrite>;
  /** Idempotent: SIGTERM, SIGKILL after the grace period. */
  stop(): Promise<void>;
}

/** Envoy's command line, also used by the bench so it measures the Envoy a run starts. */
export function envoyArgs(bootstrap: string, logFile: string, rejectUnknownFields = true): string[] {
  return [
    '-c', bootstrap,
    '--concurrency', '1',
    // without it a second Envoy on the machine exits (shared memory domain socket, errno 98)
    '--disable-hot-restart',
    // the access log otherwise reaches the disk only every 10 s
    '--file-flush-interval-msec', '100',
    '--log-path', logFile,
    '--log-format', ENVOY_LOG_FORMAT,
    ...(rejectUnknownFields ? ['--reject-unknown-dynamic-fields'] : []),
  ];
}

export async function startEnvoy(ctx: EnvoyRunContext, p: EnvoyInstanceProps): Promise<StartedEnvoy> {
  const name = p.bootstrap.name;
  const files = envoyInstanceFiles(ctx, name);
  const xdsDir = p.bootstrap.xdsDir ?? files.xdsDir;
  const bootstrap = envoyBootstrap({ ...p.bootstrap, runId: ctx.runId, xdsDir, outlierEventLog: p.bootstrap.outlierEventLog ?? files.outlierEvents }, `gateway ${name}`);
  mkdirSync(dirname(files.bootstrap), { recursive: true });
  mkdirSync(ctx.logDir, { recursive: true });
  writeFileSync(files.bootstrap, JSON.stringify(bootstrap, null, 2));
  const xds = xdsFiles(xdsDir);
  const haveFiles = existsSync(xds.lds) && existsSync(xds.cds);
  const first = p.snapshot || !haveFiles ? writeXdsSnapshot(xdsDir, p.snapshot ?? emptySnapshot()) : undefined;

  const admin = { address: p.bootstrap.address, port: p.bootstrap.adminPort };
  const started = Date.now();
  ctx.log({ kind: 'start', component: name, detail: `Envoy on ${p.bootstrap.address}, admin :${p.bootstrap.adminPort}, health :${p.bootstrap.healthPort}` });
  const proc = startProcess({
    name,
    command: p.binary,
    args: envoyArgs(files.bootstrap, files.log, p.rejectUnknownFields),
    runId: ctx.runId,
    logFile: files.stdio,
    pidDir: ctx.pidDir,
    graceMs: 3000,
  });
  const unregister = ctx.cleanup.push(name, () => proc.stop());
  const check: XdsCheckTarget = { gateway: name, admin, logFile: files.log };
  // ready = this very process is LIVE: another Envoy may answer on the same admin address
  await waitFor(async () => {
    const info = await readServerInfo(admin);
    if (info.configPath !== files.bootstrap) throw new Error(`another Envoy (${info.nodeId || info.configPath}) answers on ${admin.address}:${admin.port}`);
    return info.state === 'LIVE' ? true : undefined;
  }, {
    what: `Envoy ${name} (/ready LIVE on ${admin.address}:${admin.port})`,
    timeoutMs: p.readyTimeoutMs ?? 15_000,
    intervalMs: 50,
    logFile: files.log,
    abort: () => (proc.exitInfo() ? `envoy exited (${JSON.stringify(proc.exitInfo())})` : undefined),
  });
  if (first) await confirmXdsApplied(check, first);
  ctx.log({ kind: 'ready', component: name, ms: Date.now() - started });

  return {
    name,
    pid: proc.pid,
    admin,
    files: { ...files, xdsDir },
    check,
    process: proc,
    async apply(snapshot, previous) {
      const w = writeXdsSnapshot(xdsDir, snapshot, previous);
      await confirmXdsApplied(check, w);
      return w;
    },
    async stop() {
      await unregister();
      await proc.stop();
    },
  };
}
