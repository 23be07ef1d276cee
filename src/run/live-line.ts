// The live line during the load: elapsed time, requests/s, error %, local share and the
// active fault, read from the requests file (raw/requests.tsv) as k6 appends to it. On a terminal it is one line
// redrawn every second below the log; elsewhere (CI) a plain line every few seconds.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { describeFault } from '../chaos/fault.js';
import { setStatusLine } from '../core/log.js';
import { recordFromLine } from '../load/compact-format.js';
import type { RequestRecord } from '../load/request-record.js';
import type { TimelineEntry } from '../scenario/schema.js';
import type { FaultRecord } from './timeline.js';

export interface LiveLineProps {
  /** The compact requests file (raw/requests.tsv), still being written. */
  readonly file: string;
  /** Epoch ms of the first request. */
  readonly t0: number;
  readonly faults: ReadonlyMap<string, FaultRecord>;
  /** The scenario's timeline: the line names an active fault in a few words. */
  readonly timeline: readonly TimelineEntry[];
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Redraw interval on a terminal. @default 1000 */
  readonly everyMs?: number;
  /** Plain-line interval off a terminal. @default 10000 */
  readonly plainEveryMs?: number;
  /** Clock (tests). @default Date.now */
  readonly now?: () => number;
}

/** Requests answered in the last `spanMs`, as the line shows them. */
export interface LiveFigures {
  readonly elapsedS: number;
  readonly perS: number;
  readonly errorShare: number;
  /** Local share per entry region (served-local of served). */
  readonly local: ReadonlyMap<string, number>;
  readonly faults: readonly string[];
}

/** The figures over the records answered in the last spanMs. */
export function liveFigures(records: readonly RequestRecord[], now: number, t0: number, spanMs: number, faults: readonly string[]): LiveFigures {
  const recent = records.filter((r) => r.startMs + r.durationMs > now - spanMs);
  const failed = recent.filter((r) => r.outcome === 'error' || r.outcome === 'timeout').length;
  const local = new Map<string, number>();
  for (const entry of [...new Set(recent.map((r) => r.entry))].sort()) {
    const served = recent.filter((r) => r.entry === entry && (r.outcome === 'served-local' || r.outcome === 'served-remote'));
    if (served.length > 0) local.set(entry, served.filter((r) => r.outcome === 'served-local').length / served.length);
  }
  return { elapsedS: Math.max(0, (now - t0) / 1000), perS: recent.length / (spanMs / 1000), errorShare: recent.length === 0 ? 0 : failed / recent.length, local, faults };
}

export function formatLive(f: LiveFigures): string {
  const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 && v > 0 ? 1 : 0)}%`;
  const local = [...f.local].map(([e, v]) => `${e} ${pct(v)}`).join(', ') || '—';
  return `  t=${f.elapsedS.toFixed(0)}s  ${f.perS.toFixed(0)} req/s  errors ${pct(f.errorShare)}  local ${local}  fault: ${f.faults.length > 0 ? f.faults.join('; ') : 'none'}`;
}

export interface LiveLine {
  stop(): void;
}

export function startLiveLine(p: LiveLineProps): LiveLine {
  const now = p.now ?? Date.now;
  const tty = p.stream.isTTY === true;
  const records: RequestRecord[] = [];
  let offset = 0;
  let rest = '';
  const readNew = () => {
    if (!existsSync(p.file)) return;
    const fd = openSync(p.file, 'r');
    try {
      const buf = Buffer.alloc(1 << 20);
      for (let n = readSync(fd, buf, 0, buf.length, offset); n > 0; n = readSync(fd, buf, 0, buf.length, offset)) {
        offset += n;
        const lines = (rest + buf.subarray(0, n).toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        for (const l of lines) {
          const r = recordFromLine(l);
          if (r) records.push(r);
        }
      }
    } finally {
      closeSync(fd);
    }
    // only the last few seconds are ever shown
    const keepFrom = now() - 15_000;
    while (records.length > 0 && records[0]!.startMs + records[0]!.durationMs < keepFrom - 60_000) records.shift();
  };
  const active = () =>
    p.timeline.filter((e) => p.faults.get(e.id)?.appliedAtMs !== undefined && p.faults.get(e.id)?.healedAtMs === undefined).map((e) => describeFault(e.fault));
  const tick = () => {
    readNew();
    const line = formatLive(liveFigures(records, now(), p.t0, tty ? 2000 : 5000, active()));
    if (tty) setStatusLine(p.stream, line);
    else p.stream.write(`${line}\n`);
  };
  const timer = setInterval(tick, tty ? (p.everyMs ?? 1000) : (p.plainEveryMs ?? 10_000));
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (tty) setStatusLine(p.stream, undefined);
    },
  };
}
