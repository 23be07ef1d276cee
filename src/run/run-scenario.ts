// Runs one scenario end to end on any target (targets/target.ts): inputs and the
// target's preflight checked first (exit 2, nothing started), then provision, the
// load on the host, the faults timed from the first request, and teardown however
// the run ends (done, Ctrl-C, a component dying). The verdict is computed from the
// requests and handed to the reporters, which write every output file.
import { join, resolve } from 'node:path';
import { describeFault } from '../chaos/fault.js';
import { realClock, type Clock } from '../core/clock.js';
import { collectEvents, type ComponentEvent } from '../core/component-events.js';
import { CommandFailedError, ComponentDiedError, formatError, InterruptedError, RegionLabError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { tailOf } from '../core/process.js';
import type { RequestLog } from '../load/request-record.js';
import { loadRunInputs } from '../scenario/load-inputs.js';
import { entriesOf } from '../scenario/schema.js';
import type { Target, TargetContext, TargetFacts } from '../targets/target.js';
import { ORCHESTRATOR } from '../topology/names.js';
import { judge } from '../verdict/judge.js';
import type { Judgement } from '../verdict/types.js';
import { exitCodeFor } from './exit-code.js';
import type { LoadDriver, StartedLoad } from './load-driver.js';
import { claimOutcome, type ClaimOutcome } from './outcome.js';
import { ReporterSet, type Reporter } from './reporter.js';
import { createRunDirs } from './run-dir.js';
import type { CalibrationMeta, RunData } from './run-data.js';
import { calibrate, calibrationInput } from './calibrate.js';
import { calibrationWouldSpend } from './calibration-skip.js';
import { runRecord } from './run-record.js';
import { RunStop } from './run-stop.js';
import { watchInterrupts, type Interrupts } from '../core/signals.js';
import { playTimeline, type FaultRecord } from './timeline.js';
import { keepTopologyUp } from './keep.js';
import { startLiveLine } from './live-line.js';
import { parseOverrides } from '../scenario/overrides.js';
import { COMPACT_FILE } from '../load/compact-format.js';

export interface RunOptions {
  readonly scenarioFile: string;
  readonly target: Target;
  /** Made after the target's check, so a missing load tool is reported with the rest (exit 2). */
  readonly load: () => LoadDriver;
  readonly reporters: readonly Reporter[];
  readonly log: Logger;
  /** region-lab's own version, for the report. */
  readonly version: string;
  /** @default ./reports */
  readonly reportsRoot?: string;
  /** @default realClock */
  readonly clock?: Clock;
  /** Ctrl-C handling. @default watchInterrupts on SIGINT/SIGTERM */
  readonly interrupts?: (force: () => void) => Interrupts;
  /** `--set path=value` arguments, applied to the scenario (or `topology.…` to its topology) before the schemas. @default none */
  readonly overrides?: readonly string[];
  /** The live line on stderr during the load (elapsed, requests/s, errors, local share, fault). @default false */
  readonly live?: boolean;
  /** Leave the topology up after the run where the target can (Target.keep); `region-lab down` ends it. @default false */
  readonly keep?: boolean;
}

export interface RunOutcome {
  readonly exitCode: number;
  readonly reportDir: string;
  readonly run: RunData;
  readonly judgement: Judgement;
  readonly claim: ClaimOutcome;
  /** With keep: what stays up and where it listens, one line each. */
  readonly kept?: readonly string[];
}

export async function runScenario(o: RunOptions): Promise<RunOutcome> {
  const clock = o.clock ?? realClock;
  const inputs = loadRunInputs(o.scenarioFile, undefined, parseOverrides(o.overrides ?? []));
  await o.target.check(inputs);
  const load = o.load();
  const { scenario } = inputs;
  const dirs = createRunDirs(o.reportsRoot ?? resolve('reports'), scenario.name);
  const reporters = new ReporterSet(o.reporters);
  const stop = new RunStop();
  const interrupts = (o.interrupts ?? watchInterrupts)(() => {
    // second Ctrl-C: the process-exit hook in core/process.ts kills every child group
    dirs.removeState();
    process.exit(130);
  });
  interrupts.signal.addEventListener('abort', () => stop.stop(new InterruptedError(interrupts.received() ?? 'SIGINT')), { once: true });
  const fail = (e: unknown) => {
    if (stop.stop(e))
      reporters.emit({ kind: 'run-failed', code: e instanceof RegionLabError ? e.code : 'INTERNAL', component: (e as { component?: string }).component, message: formatError(e), at: clock.now() });
    else if (!(e instanceof InterruptedError) && e !== stop.reason) o.log({ kind: 'warn', message: `also: ${formatError(e)}` });
  };
  const startedAt = new Date(clock.now());
  const faults = new Map<string, FaultRecord>(scenario.timeline.map((e) => [e.id, { id: e.id, description: describeFault(e.fault) }]));
  const events: ComponentEvent[] = [];
  const ctx: TargetContext = { runId: dirs.runId, logDir: dirs.logDir, stateDir: dirs.stateDir, pidDir: dirs.pidDir, log: o.log, clock, signal: stop.signal, fail };
  let started: StartedLoad | undefined;
  let t0: number | undefined;
  let loadExitCode: number | null = null;
  let facts: TargetFacts | undefined;
  let calibration: CalibrationMeta | undefined;
  let notCalibrated: string | undefined;
  let kept: string[] | undefined;

  reporters.emit({ kind: 'run-started', runId: dirs.runId, scenario: scenario.name, target: o.target.kind, dir: dirs.reportDir });
  o.log({ kind: 'step', message: `run ${dirs.runId}: ${scenario.name} on Higress ${inputs.higress} (${o.target.kind}); report in ${dirs.reportDir}` });
  try {
    await o.target.provision(ctx, inputs);
    if (stop.stopped) throw stop.reason;
    reporters.emit({ kind: 'provisioned', at: clock.now() });
    // the testbed's own overhead per path (every link but the entry links at 0 ms), before the load
    const target = o.target;
    notCalibrated = target.setBaseLatencies ? calibrationWouldSpend(inputs) : undefined;
    if (notCalibrated) o.log({ kind: 'info', message: notCalibrated });
    if (target.setBaseLatencies && !notCalibrated) {
      calibration = await calibrate({
        driver: load,
        runId: dirs.runId,
        load: scenario.load,
        topology: inputs.topology,
        entryUrl: (r) => target.entryUrl(r),
        rawDir: dirs.rawDir,
        logDir: dirs.logDir,
        pidDir: dirs.pidDir,
        log: o.log,
        signal: stop.signal,
        setBaseLatencies: (mode) => target.setBaseLatencies!(mode),
      });
      if (stop.stopped) throw stop.reason;
    }
    await o.target.beforeLoad?.();
    if (stop.stopped) throw stop.reason;
    const entries = entriesOf(scenario.load);
    o.log({
      kind: 'step',
      message: `load: ${scenario.load.rate} requests/s into ${entries.join(' and ')}${entries.length > 1 ? ' each' : ''} for ${scenario.load.duration / 1000} s (${load.name} ${/v\d[\w.-]*/.exec(load.version)?.[0] ?? load.version})`,
    });
    const l = (started = load.start({ spec: scenario.load, entryUrl: (r) => o.target.entryUrl(r), runId: dirs.runId, rawDir: dirs.rawDir, logDir: dirs.logDir, pidDir: dirs.pidDir }));
    stop.onStop(() => l.interrupt());
    // the load ending (early or not) ends the timeline: no fault is applied or healed after it
    const loadEnded = new AbortController();
    void l.exited.then(() => loadEnded.abort());
    t0 = await l.firstRequest(stop.signal);
    if (t0 !== undefined) {
      reporters.emit({ kind: 'load-started', t0 });
      o.log({ kind: 'info', message: 'first request sent; timeline running' });
      const zero = t0;
      const liveLine = o.live ? startLiveLine({ file: join(dirs.rawDir, COMPACT_FILE), t0: zero, faults, timeline: scenario.timeline, stream: process.stderr }) : undefined;
      void l.exited.then(() => liveLine?.stop());
      stop.onStop(() => liveLine?.stop());
      await playTimeline({
        t0: zero,
        timeline: scenario.timeline,
        actions: { apply: (id, f) => o.target.applyFault(id, f), heal: (id, f) => o.target.healFault(id, f) },
        records: faults,
        signal: AbortSignal.any([stop.signal, loadEnded.signal]),
        clock,
        onStep: (step, description, at) => {
          const kind = step.action === 'apply' ? 'fault-applied' : 'fault-healed';
          o.log({ kind: 'fault', action: step.action, description, atS: (at - zero) / 1000 });
          events.push({ t: at, source: ORCHESTRATOR, kind, detail: { id: step.entry.id, description } });
          reporters.emit({ kind, id: step.entry.id, description, at });
        },
      });
    }
    const exit = await l.exited;
    loadExitCode = exit.code;
    // k6 ends with 0 when its duration is over; anything else, unasked, is k6 dying
    if (!stop.stopped && exit.code !== 0) fail(new ComponentDiedError(l.name, exit, tailOf(l.logFile, 12), l.logFile));
  } catch (e) {
    fail(e);
  } finally {
    await started?.stop();
    facts = await o.target.collect().catch((e: unknown) => void o.log({ kind: 'warn', message: `could not collect the target's facts: ${formatError(e)}` }));
    const target = o.target;
    if (o.keep && target.keep && !stop.stopped) {
      kept = await keepTopologyUp({ target, keep: () => target.keep!(), timeline: scenario.timeline, faults, log: o.log });
      dirs.keepState();
    } else {
      o.log({ kind: 'step', message: 'tearing down' });
      const failures = await target.teardown();
      if (failures.length > 0) fail(new RegionLabError('PROVISIONING_FAILED', `teardown failed for ${failures.map((f) => f.name).join(', ')}`));
      dirs.removeState();
    }
    interrupts.dispose();
  }

  if (stop.stopped && !(stop.reason instanceof InterruptedError)) o.log({ kind: 'warn', message: formatError(stop.reason) });
  const log: RequestLog = started ? await started.requests() : { records: [], httpReqs: 0, droppedIterations: 0 };
  if (!stop.stopped && log.httpReqs === 0 && started) {
    // no request at all is the load generator failing (a script error), not a verdict on the runbook
    fail(new CommandFailedError(started.name, loadExitCode, null, tailOf(started.logFile, 3), `${started.name} sent no request; read ${started.logFile}`));
    o.log({ kind: 'warn', message: formatError(stop.reason) });
  }
  events.push(...collectEvents(dirs.logDir));
  const run = runRecord({
    runId: dirs.runId,
    inputs,
    target: o.target.kind,
    startedAt,
    endedAt: new Date(clock.now()),
    t0,
    faults: [...faults.values()],
    events,
    versions: { 'region-lab': o.version, node: process.version, [load.name]: load.version },
    stopReason: stop.reason,
    loadExitCode,
    facts,
    calibration,
    notes: notCalibrated ? [notCalibrated] : [],
  });
  const judgement = judge({ scenario, t0, faults: run.faults, log, mirrorCopies: facts?.mirrorCopies, events: run.events, calibration: await calibrationInput(dirs.rawDir, calibration) });
  for (const f of await reporters.finish({ dir: dirs.reportDir, run, judgement, log })) o.log({ kind: 'warn', message: `reporter ${f.reporter} failed: ${formatError(f.error)}` });
  dirs.pointLatestHere();
  const failure = stop.reason ?? (reporters.failures.length > 0 ? new RegionLabError('INTERNAL', `reporter ${reporters.failures[0]!.reporter} failed`) : undefined);
  return {
    exitCode: exitCodeFor({ failure, verdict: judgement.verdict }),
    reportDir: dirs.reportDir,
    run,
    judgement,
    claim: claimOutcome(scenario, judgement.verdict, inputs.higress),
    ...(kept ? { kept } : {}),
  };
}
