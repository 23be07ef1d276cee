// The data report.html's charts draw, built once in Node and embedded in the page as
// JSON: per-second series, histograms per path, event lanes and the fault windows,
// all on one axis of seconds since the first request (t0).
import type { RequestRecord } from '../load/request-record.js';
import { timeSeriesData, type TimeSeriesData } from './chart-series.js';
import { allEvents, eventChartData, type EventChartData } from './event-lanes.js';
import { pathHistograms, type Histogram } from './histograms.js';
import type { RunData } from '../run/run-data.js';
import type { PathLatency } from '../verdict/types.js';
import { RUNBOOK_LATENCY_BANDS } from '../scenario/topology-view.js';

export interface FaultWindow {
  readonly id: string;
  readonly description: string;
  readonly fromS: number;
  /** When it healed, or the end of the axis if it never did. */
  readonly toS: number;
  readonly healed: boolean;
}

export interface PageData {
  /** Seconds since t0 every time chart spans. */
  readonly axis: { readonly fromS: number; readonly toS: number };
  readonly faults: readonly FaultWindow[];
  readonly series: TimeSeriesData;
  readonly histograms: readonly Histogram[];
  readonly events: EventChartData;
}

/** Events this long before t0 (start-up: clusters added, gateways ready) still get drawn. */
const LEAD_IN_S = 5;

/**
 * undefined when no request was made: there is no t0 and nothing to draw.
 * @param paths the judgement's paths: a calibrated path's overhead shifts its histogram's band
 */
export function pageData(run: RunData, records: readonly RequestRecord[], paths: readonly PathLatency[] = []): PageData | undefined {
  const t0 = run.t0;
  if (t0 === undefined || records.length === 0) return undefined;
  const series = timeSeriesData(records, t0);
  const events = allEvents(run);
  let fromS = series.fromS;
  let toS = series.toS;
  for (const e of events) {
    const s = (e.t - t0) / 1000;
    if (s >= -LEAD_IN_S) fromS = Math.min(fromS, Math.floor(s));
    // events after the load (teardown) are in the table, not on the chart
    if (s <= series.toS + LEAD_IN_S) toS = Math.max(toS, Math.ceil(s));
  }
  const faults = run.faults.flatMap((f) =>
    f.appliedAtMs === undefined
      ? []
      : [{ id: f.id, description: f.description, fromS: (f.appliedAtMs - t0) / 1000, toS: f.healedAtMs === undefined ? toS : (f.healedAtMs - t0) / 1000, healed: f.healedAtMs !== undefined }],
  );
  return {
    axis: { fromS, toS },
    faults,
    series,
    histograms: pathHistograms(records, run.topology?.latencyBands ?? RUNBOOK_LATENCY_BANDS, new Map(paths.flatMap((p) => (p.overhead ? [[p.path, p.overhead.p50] as const] : [])))),
    events: eventChartData(
      events.filter((e) => (e.t - t0) / 1000 <= toS),
      t0,
      fromS,
    ),
  };
}
