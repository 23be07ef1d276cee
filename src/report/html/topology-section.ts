// The topology section of report.html: the picture, and for each fault the links it
// touched in words, so the red lines in the picture can be read back exactly.
import { escapeHtml as h } from '../escape.js';
import type { RunData } from '../../run/run-data.js';
import { topologySvg, type FaultLabel } from './topology-svg.js';

function when(run: RunData, f: RunData['faults'][number]): string {
  if (f.appliedAtMs === undefined) return 'never applied';
  const s = (ms: number): string => (run.t0 === undefined ? new Date(ms).toISOString().slice(11, 19) : `${((ms - run.t0) / 1000).toFixed(1)} s`);
  return f.healedAtMs === undefined ? `from ${s(f.appliedAtMs)}, never healed` : `${s(f.appliedAtMs)}–${s(f.healedAtMs)}`;
}

export function topologySection(run: RunData): string {
  const view = run.topology;
  if (!view) return '<section><h2>Topology</h2><p>This run did not record its topology, so there is no picture.</p></section>';
  const labels: FaultLabel[] = run.faults.map((f) => ({ id: f.id, when: when(run, f) }));
  const rows = run.faults.map((f) => {
    const v = view.faults[f.id];
    const byEffect = (['refused', 'dropped', 'slowed', 'silent'] as const)
      .map((effect) => [effect, v?.touches.filter((t) => t.effect === effect).map((t) => t.link) ?? []] as const)
      .filter(([, links]) => links.length > 0)
      .map(([effect, links]) => `<strong>${effect} (${links.length}):</strong> ${h(links.join(', '))}`);
    return `<tr><td><strong>${h(f.id)}</strong><br><span class="muted">${h(f.description)}</span></td><td class="num">${h(when(run, f))}</td><td>${h(v?.node ?? '—')}</td>
<td>${byEffect.join('<br>') || 'none: the fault acts inside the part it hits'}</td></tr>`;
  });
  const bands = view.latencyBands.map((b) => `${b.kind} ${b.minMs}–${b.maxMs} ms (${b.source})`).join('; ');
  return `<section><h2>Topology: ${h(view.name)}</h2>
<p class="muted">Every arrow is a Toxiproxy link group with its base latency ± jitter and how many links it holds; discovery: ${h(view.discovery)}. In red: what a fault touched. Runbook bands: ${h(bands)}.</p>
${topologySvg(view, labels)}
${rows.length ? `<table><thead><tr><th>fault</th><th>when</th><th>hits</th><th>links it touched</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>` : '<p>The scenario has no faults.</p>'}</section>`;
}
