// The two charts of the report as inline SVG, drawn here so the page needs no
// JavaScript library: latency p50/p95/p99 per second (log scale, since timeouts sit
// three decades above local calls) and the outcome mix per second, stacked.
import type { Outcome } from '../../load/request-record.js';
import type { SecondPoint } from '../../verdict/types.js';
import { frame, legend, plotHeight, svg, xOf, yAxis, type FaultSpan, type Frame } from './chart-frame.js';

const n = (v: number): string => v.toFixed(1);

function bounds(series: readonly SecondPoint[]): [number, number] {
  const first = series[0]?.second ?? 0;
  const last = series[series.length - 1]?.second ?? 0;
  return [Math.min(0, first), last + 1];
}

export function latencyChart(series: readonly SecondPoint[], faults: readonly FaultSpan[]): string {
  const [minS, maxS] = bounds(series);
  const f = frame(minS, maxS);
  let hi = 1;
  for (const p of series) hi = Math.max(hi, p.p99 ?? 0);
  const decades = Math.max(1, Math.ceil(Math.log10(hi)));
  // log10 of 0.1 ms … 10^decades ms mapped to the plot height
  const yOf = (ms: number): number => f.top + plotHeight(f) * (1 - (Math.log10(Math.max(ms, 0.1)) + 1) / (decades + 1));
  const ticks = Array.from({ length: decades + 2 }, (_, i) => 10 ** (i - 1)).map((ms) => ({ y: yOf(ms), label: ms >= 1000 ? `${ms / 1000} s` : `${ms} ms` }));
  const line = (key: 'p50' | 'p95' | 'p99'): string => {
    // a gap in the line where a second had no request, so empty seconds do not look fast
    const parts: string[] = [];
    let cmd = 'M';
    for (const p of series) {
      const v = p[key];
      if (v === null) {
        cmd = 'M';
        continue;
      }
      parts.push(`${cmd}${n(xOf(f, p.second + 0.5))} ${n(yOf(v))}`);
      cmd = 'L';
    }
    return `<path d="${parts.join(' ')}" class="line ${key}"/>`;
  };
  const body = yAxis(f, ticks, 'latency (log scale)') + line('p50') + line('p95') + line('p99') + legend(f, [
    { label: 'p50', cls: 'p50 key' },
    { label: 'p95', cls: 'p95 key' },
    { label: 'p99', cls: 'p99 key' },
  ]);
  return svg(f, faults, 'latency p50, p95 and p99 per second', body);
}

export const OUTCOME_ORDER: readonly Outcome[] = ['served-local', 'served-remote', 'fallback', 'error', 'timeout'];

export function outcomeChart(series: readonly SecondPoint[], faults: readonly FaultSpan[]): string {
  const [minS, maxS] = bounds(series);
  const f: Frame = frame(minS, maxS);
  let most = 1;
  for (const p of series) most = Math.max(most, p.count);
  const top = niceCeil(most);
  const yOf = (v: number): number => f.top + plotHeight(f) * (1 - v / top);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((k) => ({ y: yOf(top * k), label: String(Math.round(top * k)) }));
  const barW = Math.max(0.5, xOf(f, 1) - xOf(f, 0) - 0.5);
  const bars: string[] = [];
  for (const p of series) {
    let acc = 0;
    for (const o of OUTCOME_ORDER) {
      const c = p.counts[o];
      if (c === 0) continue;
      const y1 = yOf(acc + c);
      bars.push(`<rect x="${n(xOf(f, p.second))}" y="${n(y1)}" width="${n(barW)}" height="${n(yOf(acc) - y1)}" class="o-${o}"><title>${p.second}–${p.second + 1} s: ${c} ${o}</title></rect>`);
      acc += c;
    }
  }
  const body = yAxis(f, ticks, 'requests started per second') + bars.join('') + legend(f, OUTCOME_ORDER.map((o) => ({ label: o, cls: `o-${o}` })));
  return svg(f, faults, 'outcome of the requests started in each second', body);
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
