// The verdict of one run: every expectation of the scenario judged from the
// requests k6 recorded, plus the evidence the report shows. Pure: no I/O, no clock.
import type { RequestLog, RequestRecord } from '../load/request-record.js';
import type { Expectation, Scenario } from '../scenario/schema.js';
import { notMeasured, type JudgeContext } from './context.js';
import { judgeErrorRate } from './error-rate.js';
import { judgeFailback } from './failback.js';
import { judgeFailover } from './failover.js';
import { percentBand, ratioBand, seconds } from './format.js';
import { latencyByPath, timeSeries } from './latency.js';
import { calibrationPaths, netOf, overheadFor, type CalibrationInput, type CalibrationResult } from './overhead.js';
import { judgeLatency } from './latency-band.js';
import { judgeMirrorCopies, type MirrorCounts } from './mirror-copies.js';
import { judgeProximity } from './proximity.js';
import { judgeRetries } from './retries.js';
import { countRequests, judgeAccounting } from './requests.js';
import { judgeShare } from './share.js';
import type { ExpectationResult, FaultTimes, Judgement, PathLatency, RequestCounts } from './types.js';

export interface JudgeProps {
  readonly scenario: Scenario;
  /** Epoch ms of the first request; undefined when no request was made. */
  readonly t0: number | undefined;
  readonly faults: readonly FaultTimes[];
  readonly log: RequestLog;
  /**
   * Epoch ms the load ended.
   * @default t0 + load duration, or the end of the 1-s window of the last request if that is
   * earlier (an interrupted run), so windows the run never reached are "not measured".
   */
  readonly endedAtMs?: number | undefined;
  /** What each mirror service received (mirror-copies expectations), read when the load ended. */
  readonly mirrorCopies?: MirrorCounts | undefined;
  /** The components' events; retries expectations count the gateways' retry events. @default [] */
  readonly events?: readonly { readonly t: number; readonly source: string; readonly kind: string }[] | undefined;
  /** The calibration bursts (raw/calibration/) and each path's configured latency: latency is judged net of the overhead they show. */
  readonly calibration?: CalibrationInput | undefined;
}

function expectedText(e: Expectation): string {
  switch (e.kind) {
    case 'proximity':
      return ratioBand(e.expected);
    case 'error-rate':
      return percentBand(e.expected);
    case 'failover-time':
    case 'failback-time':
      return `≤ ${seconds(e.expected.max)}`;
    case 'request-accounting':
      return 'sent = recorded = sum of outcomes';
    case 'latency':
      return `${e.percentile} ${e.expected.min ?? 0}–${e.expected.max ?? '∞'} ms`;
    case 'share':
    case 'mirror-copies':
    case 'retries':
      return ratioBand(e.expected);
  }
}

function judgeOne(e: Expectation, ctx: JudgeContext, counts: RequestCounts, mirror: MirrorCounts | undefined): ExpectationResult {
  switch (e.kind) {
    case 'proximity':
      return judgeProximity(e, ctx);
    case 'error-rate':
      return judgeErrorRate(e, ctx);
    case 'failover-time':
      return judgeFailover(e, ctx);
    case 'failback-time':
      return judgeFailback(e, ctx);
    case 'request-accounting':
      return judgeAccounting(e, ctx.log, counts);
    case 'latency':
      return judgeLatency(e, ctx);
    case 'share':
      return judgeShare(e, ctx);
    case 'mirror-copies':
      return judgeMirrorCopies(e, ctx, mirror);
    case 'retries':
      return judgeRetries(e, ctx);
  }
}

function defaultEnd(t0: number, durationMs: number, records: readonly { startMs: number }[]): number {
  const last = records[records.length - 1]?.startMs;
  return last === undefined ? t0 : Math.min(t0 + durationMs, t0 + (Math.floor((last - t0) / 1000) + 1) * 1000);
}

export function judge(props: JudgeProps): Judgement {
  // Sorted by start: the window counts binary-search on it.
  const records = [...props.log.records].sort((a, b) => a.startMs - b.startMs);
  const log: RequestLog = { ...props.log, records };
  const counts = countRequests(log);
  const { t0 } = props;
  if (t0 === undefined) {
    const expectations = props.scenario.expectations.map((e) =>
      e.kind === 'request-accounting' ? judgeAccounting(e, log, counts) : notMeasured(e, expectedText(e), 'k6 made no request, so the run has no t0 to time anything from'),
    );
    return { verdict: 'fail', expectations, requests: counts, paths: [], timeSeries: [] };
  }
  const calibration = props.calibration ? calibrationPaths(props.calibration.burst) : undefined;
  const ctx: JudgeContext = {
    scenario: props.scenario,
    t0,
    endedAtMs: props.endedAtMs ?? defaultEnd(t0, props.scenario.load.duration, records),
    log,
    faults: props.faults,
    events: props.events ?? [],
    calibration,
  };
  const expectations = props.scenario.expectations.map((e) => judgeOne(e, ctx, counts, props.mirrorCopies));
  return {
    verdict: expectations.every((x) => x.pass) ? 'pass' : 'fail',
    expectations,
    requests: counts,
    paths: withNet(latencyByPath(records, t0), records, calibration, props.calibration?.configuredMs),
    timeSeries: timeSeries(records, t0),
    ...(calibration ? { calibration } : {}),
  };
}

/** Served paths get the calibrated overhead, their percentiles net of it, and what their links are configured to add. */
function withNet(paths: PathLatency[], records: readonly RequestRecord[], c: CalibrationResult | undefined, configuredMs: Readonly<Record<string, number>> | undefined): PathLatency[] {
  if (!c) return paths;
  return paths.map((p) => {
    // a served path's records name their entry and serving region; fallback / error / timeout paths have no overhead figure
    const r = records.find((x) => (x.outcome === 'served-local' || x.outcome === 'served-remote') && `${x.entry} → ${x.servedRegion || 'unknown region'}` === p.path);
    const o = r ? overheadFor(c, r.entry, r.servedRegion) : undefined;
    if (!o) return p;
    const { p50, p95, p99 } = o.overhead;
    const configured = configuredMs?.[p.path];
    return {
      ...p,
      overhead: { p50, p95, p99, exact: o.exact },
      // the median overhead off every percentile: verdict/overhead.ts says why
      net: { p50: netOf(p.p50, p50), p95: netOf(p.p95, p50), p99: netOf(p.p99, p50) },
      ...(configured !== undefined ? { configuredMs: configured } : {}),
    };
  });
}
