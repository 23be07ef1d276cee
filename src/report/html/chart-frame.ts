// The frame every chart shares: a time axis in seconds since t0, fault windows shaded
// and labelled, a y axis, and a legend; charts add their series inside it as SVG.
import { escapeHtml as h } from '../escape.js';

export interface FaultSpan {
  readonly id: string;
  /** Seconds since t0. */
  readonly fromS: number;
  /** Seconds since t0; the end of the axis if it never healed. */
  readonly toS: number;
}

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly minS: number;
  readonly maxS: number;
}

export function frame(minS: number, maxS: number): Frame {
  return { width: 960, height: 280, left: 64, right: 16, top: 24, bottom: 36, minS, maxS: Math.max(maxS, minS + 1) };
}

export const plotWidth = (f: Frame): number => f.width - f.left - f.right;
export const plotHeight = (f: Frame): number => f.height - f.top - f.bottom;

export function xOf(f: Frame, s: number): number {
  return f.left + ((s - f.minS) / (f.maxS - f.minS)) * plotWidth(f);
}

const n = (v: number): string => v.toFixed(1);

/** Ticks every 10 s (or coarser for long runs) along the bottom. */
function timeAxis(f: Frame): string {
  const span = f.maxS - f.minS;
  const step = span <= 60 ? 5 : span <= 200 ? 10 : span <= 600 ? 30 : 60;
  const out: string[] = [];
  for (let s = Math.ceil(f.minS / step) * step; s <= f.maxS; s += step) {
    const x = xOf(f, s);
    out.push(`<line x1="${n(x)}" y1="${f.height - f.bottom}" x2="${n(x)}" y2="${f.height - f.bottom + 4}" class="axis"/>`);
    out.push(`<text x="${n(x)}" y="${f.height - f.bottom + 16}" text-anchor="middle">${s}</text>`);
  }
  out.push(`<text x="${f.left + plotWidth(f) / 2}" y="${f.height - 4}" text-anchor="middle" class="label">seconds since the first request</text>`);
  out.push(`<line x1="${f.left}" y1="${f.height - f.bottom}" x2="${f.width - f.right}" y2="${f.height - f.bottom}" class="axis"/>`);
  return out.join('');
}

function faultShading(f: Frame, faults: readonly FaultSpan[]): string {
  return faults
    .map((w) => {
      const a = xOf(f, Math.max(w.fromS, f.minS));
      const b = xOf(f, Math.min(w.toS, f.maxS));
      return `<g class="fault"><rect x="${n(a)}" y="${f.top}" width="${n(Math.max(1, b - a))}" height="${plotHeight(f)}"/><text x="${n(a + 4)}" y="${f.top + 12}">${h(w.id)}</text></g>`;
    })
    .join('');
}

export interface YTick {
  readonly y: number;
  readonly label: string;
}

export function yAxis(f: Frame, ticks: readonly YTick[], title: string): string {
  const lines = ticks.map(
    (t) => `<line x1="${f.left}" y1="${n(t.y)}" x2="${f.width - f.right}" y2="${n(t.y)}" class="grid"/><text x="${f.left - 6}" y="${n(t.y + 4)}" text-anchor="end">${h(t.label)}</text>`,
  );
  const mid = f.top + plotHeight(f) / 2;
  return `${lines.join('')}<text transform="translate(14 ${n(mid)}) rotate(-90)" text-anchor="middle" class="label">${h(title)}</text>`;
}

export function legend(f: Frame, items: readonly { label: string; cls: string }[]): string {
  return items
    .map((it, i) => {
      const x = f.left + i * 120;
      return `<rect x="${x}" y="4" width="12" height="12" class="${h(it.cls)}"/><text x="${x + 16}" y="14">${h(it.label)}</text>`;
    })
    .join('');
}

/** The whole SVG: background, shading under the series, axes on top. */
export function svg(f: Frame, faults: readonly FaultSpan[], title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${h(title)}">` +
    `<title>${h(title)}</title>${faultShading(f, faults)}${body}${timeAxis(f)}</svg>`
  );
}
