// Runs one scenario end to end on the local target: inputs checked first (exit 2,
// nothing started), topology up, k6 load, faults timed from the first request,
// teardown however the run ends (done, failed, Ctrl-C), then the verdict computed
// from the requests and written as summary.json, junit.xml and report.html.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeFault } from '../chaos/fault.js';
import { CleanupStack } from '../core/cleanup.js';
import { CommandFailedError, formatError, InterruptedError, RegionLabError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { startProcess, tailOf } from '../core/process.js';
import { firstRequestStart, k6Invocation, readRequests, type RequestLog } from '../load/index.js';
import { topologyView, writeRunJson, writeRunReports, verdictLine, type RunData } from '../report/index.js';
import { upLocal, type StartedLocalTopology } from '../targets/local/local-target.js';
import { assertPortsFree, fixedListeners } from '../targets/local/ports.js';
import { loadTools } from '../targets/local/tools.js';
import { readMirrorCopies } from '../targets/local/served-counts.js';
import { judge } from '../verdict/index.js';
import { allManifests, loadRunInputs } from './load-inputs.js';
import { entriesOf } from '../scenario/schema.js';
import { collectEvents, type RunEvent } from './events.js';
import { claimOutcome } from './outcome.js';
import { createRunDirs } from './run-dir.js';
import { sampleResources } from './resources.js';
import { watchInterrupts } from './signals.js';
import { playTimeline, type FaultRecord } from './timeline.js';
import { resolveDataPlane, type DataPlaneChoice } from './data-plane.js';
import { keepTopologyUp } from './keep.js';
import { startLiveLine } from './live-line.js';
import { parseOverrides } from './overrides.js';

export interface RunOptions {
  readonly scenarioFile: string;
  readonly target: 'local';
  readonly log: Logger;
  /** @default ./reports */
  readonly reportsRoot?: string;
  readonly distDir: string;
  readonly version: string;
  /** `--set path=value` arguments, applied to the scenario (or `topology.…` to its topology) before the schemas. @default none */
  readonly overrides?: readonly string[];
  /** `--data-plane`; else the topology's dataPlane. */
  readonly dataPlane?: DataPlaneChoice;
  /** The live line during the load (elapsed, requests/s, errors, local share, fault). @default false */
  readonly live?: boolean;
  /** Leave the topology up after the run (`region-lab down` ends it). @default false */
  readonly keep?: boolean;
}

export interface RunOutcome {
  readonly exitCode: number;
  readonly reportDir?: string;
  readonly line: string;
  /** With keep: what stays up and where it listens, one line each. */
  readonly kept?: readonly string[];
}

export async function runScenario(o: RunOptions): Promise<RunOutcome> {
  const inputs = loadRunInputs(o.scenarioFile, undefined, parseOverrides(o.overrides ?? []));
  const { scenario, topology } = inputs;
  const dataPlane = resolveDataPlane(o.dataPlane, topology.dataPlane, inputs.topologyFile);
  const tools = loadTools();
  // before any directory or process exists: a busy port is bad input, not a run
  await assertPortsFree(await fixedListeners(topology));
  const dirs = createRunDirs(o.reportsRoot ?? resolve('reports'), scenario.name);
  const cleanup = new CleanupStack((name, err) => (err ? o.log({ kind: 'warn', message: `teardown of ${name} failed: ${String(err)}` }) : o.log({ kind: 'stop', component: name })));
  const interrupts = watchInterrupts(() => {
    // second Ctrl-C: the process-exit hook in core/process.ts kills every child group
    dirs.removeState();
    process.exit(130);
  });
  const startedAt = new Date();
  const faults = new Map<string, FaultRecord>(scenario.timeline.map((e) => [e.id, { id: e.id, description: describeFault(e.fault) }]));
  const events: RunEvent[] = [];
  let t0: number | undefined;
  let k6Exit: number | null = null;
  let failure: unknown;
  let topo: StartedLocalTopology | undefined;
  let peaks: ReturnType<ReturnType<typeof sampleResources>['stop']>;
  let mirrorCopies: Record<string, number | undefined> | undefined;
  let kept: string[] | undefined;
  const outFile = join(dirs.rawDir, 'k6-points.jsonl');

  const resources = sampleResources(dirs.pidDir);
  o.log({ kind: 'step', message: `run ${dirs.runId}: ${scenario.name} on Higress ${inputs.higress} (${o.target}); report in ${dirs.reportDir}` });
  try {
    topo = await upLocal({ runId: dirs.runId, stateDir: dirs.stateDir, logDir: dirs.logDir, pidDir: dirs.pidDir, cleanup, log: o.log, tools, distDir: o.distDir }, {
      topology,
      higress: inputs.higress,
      manifests: inputs.manifests,
      regionManifests: inputs.regionManifests,
      routedHosts: inputs.routedHosts,
      gatewayPodLabels: scenario.gatewayPodLabels,
      dataPlane,
    });
    if (interrupts.signal.aborted) throw new InterruptedError(interrupts.received()!);

    const inv = k6Invocation({ k6Path: tools.k6.path, spec: scenario.load, entryUrl: (region) => topo!.entryUrl(region), outFile, summaryFile: join(dirs.rawDir, 'k6-summary.json') });
    const entries = entriesOf(scenario.load);
    o.log({ kind: 'step', message: `load: ${scenario.load.rate} requests/s into ${entries.join(' and ')}${entries.length > 1 ? ' each' : ''} for ${scenario.load.duration / 1000} s (k6 ${tools.k6.version.split(' ')[1] ?? ''})` });
    const k6 = startProcess({ name: 'k6', command: inv.command, args: inv.args, env: inv.env, logFile: join(dirs.logDir, 'k6.log'), pidDir: dirs.pidDir, graceMs: 15_000 });
    const stopK6 = cleanup.push('k6', () => k6.stop());
    interrupts.signal.addEventListener('abort', () => k6.signal('SIGINT'), { once: true });

    while (t0 === undefined && !k6.exitInfo() && !interrupts.signal.aborted) {
      await new Promise((r) => setTimeout(r, 100));
      t0 = existsSync(outFile) ? await firstRequestStart(outFile) : undefined;
    }
    if (t0 !== undefined) {
      o.log({ kind: 'info', message: 'first request sent; timeline running' });
      const live = o.live ? startLiveLine({ file: outFile, t0, faults, timeline: scenario.timeline, stream: process.stderr }) : undefined;
      void k6.exited.then(() => live?.stop());
      const t = topo;
      await Promise.race([
        playTimeline(t0, scenario.timeline, { apply: (id, f) => t.applyFault(id, f), heal: (id, f) => t.healFault(id, f) }, faults, interrupts.signal, (step, description, at) => {
          o.log({ kind: 'fault', action: step.action, description, atS: (at - t0!) / 1000 });
          events.push({ t: at, source: 'region-lab', kind: step.action === 'apply' ? 'fault-applied' : 'fault-healed', detail: { id: step.entry.id, description } });
        }),
        k6.exited,
      ]);
    }
    k6Exit = (await k6.exited).code;
    mirrorCopies = await readMirrorCopies(topology, scenario.expectations); // before teardown stops the mirror service
    await stopK6();
    if (interrupts.signal.aborted) throw new InterruptedError(interrupts.received()!);
  } catch (e) {
    failure = e;
  } finally {
    peaks = resources.stop();
    if (o.keep && topo && !failure && !interrupts.signal.aborted) {
      kept = await keepTopologyUp({ topology, started: topo, scenario, faults, dirs, log: o.log });
    } else {
      o.log({ kind: 'step', message: 'tearing down' });
      const failures = await cleanup.runAll();
      if (failures.length > 0 && !failure) failure = new RegionLabError('PROVISIONING_FAILED', `teardown failed for ${failures.map((f) => f.name).join(', ')}`);
      dirs.removeState();
    }
    interrupts.dispose();
  }

  if (failure && !(failure instanceof InterruptedError)) o.log({ kind: 'warn', message: formatError(failure) });
  const log: RequestLog = existsSync(outFile) ? await readRequests(outFile) : { records: [], httpReqs: 0, droppedIterations: 0 };
  if (!failure && log.httpReqs === 0) {
    // no request at all is the load generator failing (a script error), not a verdict on the runbook
    const k6Log = join(dirs.logDir, 'k6.log');
    failure = new CommandFailedError('k6', k6Exit, null, tailOf(k6Log, 3), `k6 sent no request; read ${k6Log}`);
    o.log({ kind: 'warn', message: formatError(failure) });
  }
  events.push(...collectEvents(dirs.logDir));
  const run: RunData = {
    runId: dirs.runId,
    scenario,
    scenarioFile: o.scenarioFile,
    scenarioText: inputs.scenarioText,
    manifests: allManifests(inputs).map((file) => ({ file, text: readFileSync(file, 'utf8') })),
    target: o.target,
    higress: inputs.higress,
    registration: topology.registration,
    discovery: topology.discovery.mode,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    t0,
    faults: [...faults.values()],
    events: events.sort((a, b) => a.t - b.t),
    versions: {
      'region-lab': o.version,
      nacos: tools.nacos.version,
      toxiproxy: tools.toxiproxy.version,
      k6: tools.k6.version,
      haproxy: tools.haproxy.version,
      node: process.version,
    },
    interrupted: failure !== undefined,
    k6: { exitCode: k6Exit },
    resources: peaks,
    topology: topologyView(topology, scenario.timeline),
  };
  const judgement = judge({ scenario, t0, faults: run.faults, log, mirrorCopies, events: run.events });
  await writeRunReports(dirs.reportDir, run, judgement, log);
  await writeRunJson(dirs.rawDir, run);
  dirs.pointLatestHere();
  const claim = claimOutcome(scenario, judgement.verdict, inputs.higress);
  const line = scenario.knownOutcome ? `${verdictLine(run, judgement)}\n${claim.sentence}` : verdictLine(run, judgement);
  if (failure instanceof InterruptedError) return { exitCode: 130, reportDir: dirs.reportDir, line };
  if (failure) return { exitCode: failure instanceof RegionLabError ? failure.exitCode : 3, reportDir: dirs.reportDir, line };
  return { exitCode: judgement.verdict === 'pass' ? 0 : 1, reportDir: dirs.reportDir, line, ...(kept ? { kept } : {}) };
}
