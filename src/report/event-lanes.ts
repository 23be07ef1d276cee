// The run's events (faults applied and healed, gateways' endpoint and retry events,
// registry sync) put on the report's time axis: one lane per source, rare events as
// points, frequent ones (retries, or any kind seen more than RATE_OVER times in a
// lane) counted per second, so 4,000 retries become one bar series, not 4,000 rows.
import { isGatewayName, ORCHESTRATOR } from '../topology/names.js';
import type { RunData, RunEventData } from '../run/run-data.js';

export interface EventPoint {
  /** Seconds since t0. */
  readonly s: number;
  readonly lane: number;
  readonly kind: string;
  readonly text: string;
}

export interface EventRate {
  readonly lane: number;
  readonly kind: string;
  /** [second since t0, events in it] for every second with any. */
  readonly perSecond: readonly (readonly [number, number])[];
}

export interface EventChartData {
  readonly lanes: readonly string[];
  readonly points: readonly EventPoint[];
  readonly rates: readonly EventRate[];
}

/** An events-table row: one event, or every event of a frequent kind in one second. */
export interface EventRow {
  readonly t: number;
  readonly source: string;
  readonly kind: string;
  readonly detail: string;
  readonly count: number;
}

const RATE_OVER = 100;
const ALWAYS_RATED = new Set(['retry']);

export function detailText(d: RunEventData['detail']): string {
  if (d === undefined) return '';
  if (typeof d === 'string') return d;
  return Object.entries(d)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/** The run's events plus fault-applied / fault-healed for any fault the caller did not log. */
export function allEvents(run: RunData): RunEventData[] {
  const has = (kind: string, id: string): boolean => run.events.some((e) => e.kind === kind && typeof e.detail === 'object' && e.detail?.id === id);
  const extra = run.faults.flatMap((f) => {
    const out: RunEventData[] = [];
    const detail = { id: f.id, description: f.description };
    if (f.appliedAtMs !== undefined && !has('fault-applied', f.id)) out.push({ t: f.appliedAtMs, source: ORCHESTRATOR, kind: 'fault-applied', detail });
    if (f.healedAtMs !== undefined && !has('fault-healed', f.id)) out.push({ t: f.healedAtMs, source: ORCHESTRATOR, kind: 'fault-healed', detail });
    return out;
  });
  return [...run.events, ...extra].sort((a, b) => a.t - b.t);
}

function laneRank(source: string): number {
  if (source === ORCHESTRATOR) return 0;
  if (isGatewayName(source)) return 1;
  return 2;
}

function ratedKinds(events: readonly RunEventData[]): Set<string> {
  const n = new Map<string, number>();
  for (const e of events) n.set(`${e.source}\u0000${e.kind}`, (n.get(`${e.source}\u0000${e.kind}`) ?? 0) + 1);
  return new Set([...n.entries()].filter(([k, c]) => c > RATE_OVER || ALWAYS_RATED.has(k.split('\u0000')[1]!)).map(([k]) => k));
}

/** Events at or after minS (seconds since t0) on lanes; needs t0. */
export function eventChartData(events: readonly RunEventData[], t0: number, minS: number): EventChartData {
  const shown = events.filter((e) => (e.t - t0) / 1000 >= minS);
  const lanes = [...new Set(shown.map((e) => e.source))].sort((a, b) => laneRank(a) - laneRank(b) || a.localeCompare(b));
  const laneOf = new Map(lanes.map((l, i) => [l, i]));
  const rated = ratedKinds(shown);
  const points: EventPoint[] = [];
  const rates = new Map<string, Map<number, number>>();
  for (const e of shown) {
    const s = (e.t - t0) / 1000;
    const key = `${e.source}\u0000${e.kind}`;
    if (!rated.has(key)) {
      points.push({ s: Math.round(s * 1000) / 1000, lane: laneOf.get(e.source)!, kind: e.kind, text: detailText(e.detail) });
      continue;
    }
    const m = rates.get(key) ?? new Map<number, number>();
    m.set(Math.floor(s), (m.get(Math.floor(s)) ?? 0) + 1);
    rates.set(key, m);
  }
  return {
    lanes,
    points,
    rates: [...rates.entries()].map(([key, m]) => {
      const [source, kind] = key.split('\u0000') as [string, string];
      return { lane: laneOf.get(source)!, kind, perSecond: [...m.entries()].sort((a, b) => a[0] - b[0]) };
    }),
  };
}

/** Rows for the events table: frequent kinds folded into one row per second and source. */
export function eventRows(events: readonly RunEventData[]): EventRow[] {
  const rated = ratedKinds(events);
  const rows: EventRow[] = [];
  const open = new Map<string, { row: EventRow; second: number }>();
  for (const e of events) {
    const key = `${e.source}\u0000${e.kind}`;
    if (!rated.has(key)) {
      rows.push({ t: e.t, source: e.source, kind: e.kind, detail: detailText(e.detail), count: 1 });
      continue;
    }
    const second = Math.floor(e.t / 1000);
    const cur = open.get(key);
    if (cur && cur.second === second) {
      // rows are immutable to readers; this one is still being built
      (cur.row as { count: number }).count++;
      continue;
    }
    const row: EventRow = { t: e.t, source: e.source, kind: e.kind, detail: `first: ${detailText(e.detail)}`, count: 1 };
    rows.push(row);
    open.set(key, { row, second });
  }
  return rows;
}
