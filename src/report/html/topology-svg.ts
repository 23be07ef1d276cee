// The topology as a picture (inline SVG, drawn in Node): one column per region with
// its middleware and business clusters, every link group with its base latency, and
// the links and cluster each fault touched drawn in red. All text is escaped.
import { escapeHtml as h } from '../escape.js';
import type { TopologyLink, TopologyView } from '../../scenario/topology-view.js';
import { bizCluster, gatewayName, mwCluster, nacosName, SYNC_AGENT } from '../../topology/names.js';

/** A fault as the picture labels it: its id and when it was active, in words. */
export interface FaultLabel {
  readonly id: string;
  readonly when: string;
}

const W = 960;
const GAP = 150;
const MW = { top: 84, height: 168 };
const BIZ = { top: 400, height: 112 };
/** Label rows in the gap between the clusters, so no two labels share a line. */
const ROW = { cross: [MW.top + MW.height + 24, MW.top + MW.height + 44], same: 326, reg: [BIZ.top - 14, BIZ.top - 50] };
const n = (v: number): string => v.toFixed(1);

function latencyText(links: readonly TopologyLink[]): string {
  const l = links[0]!;
  return `${l.latencyMs}${l.jitterMs ? `±${l.jitterMs}` : ''} ms`;
}

function box(x: number, y: number, w: number, hgt: number, title: string, lines: readonly string[], cls: string): string {
  const text = lines.map((t, i) => `<text x="${n(x + 10)}" y="${n(y + 38 + i * 17)}">${h(t)}</text>`).join('');
  return `<g class="${cls}"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(hgt)}" rx="8"/><text x="${n(x + 10)}" y="${n(y + 20)}" class="t">${h(title)}</text>${text}</g>`;
}

function chip(x: number, y: number, w: number, label: string, cls = 'chip'): string {
  return `<g class="${cls}"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="24" rx="5"/><text x="${n(x + w / 2)}" y="${n(y + 16)}" text-anchor="middle">${h(label)}</text></g>`;
}

export function topologySvg(view: TopologyView, faults: readonly FaultLabel[]): string {
  const cols = view.regions.length;
  const colW = (W - 40 - GAP * (cols - 1)) / cols;
  const x0 = (i: number): number => 20 + i * (colW + GAP);
  // each column's "inner" side faces its neighbour: nacos sits there, so sync lines stay short;
  // along the gap, fractions of the column: same-region data, cross-region in, out, registration
  const right = (i: number): boolean => !(cols > 1 && i === cols - 1);
  const at = (i: number, f: number): number => x0(i) + colW * (right(i) ? f : 1 - f);
  const touched = new Map<string, string[]>();
  for (const [id, f] of Object.entries(view.faults)) for (const t of f.touches) touched.set(t.link, [...(touched.get(t.link) ?? []), id]);
  const group = (pred: (l: TopologyLink) => boolean): TopologyLink[] => view.links.filter(pred);
  const parts: string[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number, links: readonly TopologyLink[], label: string, lx: number, ly: number, anchor = 'middle'): void => {
    if (links.length === 0) return;
    const ids = [...new Set(links.flatMap((l) => touched.get(l.name) ?? []))];
    const text = `${label} · ${latencyText(links)}${links.length > 1 ? ` ×${links.length}` : ''}${ids.length ? ` ✕ ${ids.join(', ')}` : ''}`;
    parts.push(`<g class="${ids.length ? 'link hit' : 'link'}"><line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" marker-end="url(#arrow${ids.length ? '-hit' : ''})"/>${label ? `<text x="${n(lx)}" y="${n(ly)}" text-anchor="${anchor}">${h(text)}</text>` : ''}</g>`);
  };
  const nacosW = 196;
  const nacosX = (i: number): number => (right(i) ? x0(i) + colW - 10 - nacosW : x0(i) + 10);
  const nacosY = MW.top + MW.height - 40;
  parts.push(chip(W / 2 - 70, 14, 140, 'client (k6)', 'chip client'));
  view.regions.forEach((r, i) => {
    const x = x0(i);
    const mw = mwCluster(r.name);
    const biz = bizCluster(r.name);
    const hitOn = (node: string): string[] => Object.entries(view.faults).filter(([, f]) => f.node === node).map(([id]) => id);
    const hit = hitOn(biz);
    parts.push(box(x, MW.top, colW, MW.height, `${mw} · middleware, region ${r.name}`, [`entry ${r.entry} → LB ${r.lb}`], 'cluster'));
    const gw = (colW - 20) / r.gateways.length;
    r.gateways.forEach((g, j) => {
      const name = gatewayName(r.name, j + 1);
      parts.push(chip(x + 10 + j * gw, MW.top + 56, gw - 8, `${hitOn(name).length ? '✕ ' : ''}${name} ${g}`, hitOn(name).length ? 'chip down' : 'chip'));
    });
    const nacos = nacosName(r.name);
    parts.push(chip(nacosX(i), nacosY, nacosW, `${hitOn(nacos).length ? '✕ ' : ''}${nacos} ${r.nacos}`, hitOn(nacos).length ? 'chip nacos down' : 'chip nacos'));
    const svcLines = r.services.map((s) => `${s.name}${s.fallback ? ' (fallback)' : ''}: ${s.instances.join(', ')}`);
    parts.push(box(x, BIZ.top, colW, BIZ.height, `${biz} · business, region ${r.name}`, svcLines, hit.length ? 'cluster down' : 'cluster'));
    for (const id of hit) parts.push(`<text x="${n(x + colW - 10)}" y="${n(BIZ.top + BIZ.height - 12)}" text-anchor="end" class="down-label">✕ ${h(id)}: ${h(faults.find((f) => f.id === id)?.when ?? 'never applied')}</text>`);
    const outward = right(i) ? 'start' : 'end';
    const sign = right(i) ? 1 : -1;
    line(W / 2, 38, x + colW / 2, MW.top - 2, group((l) => l.role === 'entry' && l.to === mw), 'entry', (W / 2 + x + colW / 2) / 2, 50); // above the line, not across it
    const dx = at(i, 0.12);
    line(dx, MW.top + MW.height, dx, BIZ.top - 2, group((l) => l.role === 'data' && l.from === mw && l.to === biz), 'data', dx + 6 * sign, ROW.same, outward);
    const rx = nacosX(i) + nacosW / 2;
    // labelled to its right in every column: left of it in the last one runs into the diagonals
    line(rx, BIZ.top, rx, nacosY + 26, group((l) => l.role === 'registration' && l.from === biz), 'registration', rx + 6, ROW.reg[i % 2]!, 'start');
    view.regions.forEach((o, k) => {
      if (k === i) return;
      const sx = at(i, 0.62);
      const ex = at(k, 0.5);
      const ly = ROW.cross[i % 2]!;
      const lx = sx + ((ex - sx) * (ly - MW.top - MW.height)) / (BIZ.top - MW.top - MW.height);
      line(sx, MW.top + MW.height, ex, BIZ.top - 2, group((l) => l.role === 'data' && l.from === mw && l.to === bizCluster(o.name)), 'data', lx + 8 * sign, ly, outward);
      const disc = group((l) => l.role === 'discovery' && l.from === mw && l.to === mwCluster(o.name));
      line(x + colW / 2, MW.top + 80, nacosX(k) + nacosW / 2, nacosY, disc, 'discovery', (x + colW / 2 + nacosX(k) + nacosW / 2) / 2, MW.top + 140);
    });
  });
  const sync = group((l) => l.role === 'sync');
  if (sync.length && cols > 1) {
    const cx = x0(0) + colW + GAP / 2;
    const cy = nacosY + 12;
    parts.push(chip(cx - 52, cy - 12, 104, SYNC_AGENT, 'chip nacos'));
    parts.push(`<g class="link"><text x="${n(cx)}" y="${n(cy - 22)}" text-anchor="middle">sync · ${h(latencyText(sync))} each way</text></g>`);
    view.regions.forEach((r, i) => {
      const edge = right(i) ? nacosX(i) + nacosW : nacosX(i);
      line(cx + (edge < cx ? -52 : 52), cy, edge + (edge < cx ? 2 : -2), cy, sync.filter((l) => l.to === mwCluster(r.name)), '', 0, 0);
    });
  }
  const defs = ['arrow', 'arrow-hit']
    .map((id) => `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="${id}"/></marker>`)
    .join('');
  const H = BIZ.top + BIZ.height + 14;
  return `<svg class="topology" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="topology ${h(view.name)}"><title>topology ${h(view.name)}</title><defs>${defs}</defs>${parts.join('')}</svg>`;
}
