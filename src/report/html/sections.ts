// The verdict half of report.html: the verdict banner, each expectation with its
// evidence, the request counts and latency per path. All input text is escaped.
import type { Judgement, PathLatency } from '../../verdict/types.js';
import { escapeHtml as h } from '../escape.js';
import type { RunData } from '../run-data.js';
import { timingsText } from '../verdict-line.js';

const ms = (v: number | null): string => (v === null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);

export function verdictHeader(run: RunData, j: Judgement): string {
  const failed = j.expectations.filter((e) => !e.pass).length;
  const word = j.verdict === 'pass' ? 'PASS' : 'FAIL';
  const tally = failed === 0 ? `all ${j.expectations.length} expectations held` : `${failed} of ${j.expectations.length} expectations failed`;
  return `<header class="verdict ${j.verdict}">
<h1>${h(run.scenario.name)}: ${word} on Higress ${h(run.higress)} — target ${h(run.target)}</h1>
<p class="sub">${h(tally)}${timingsText(j) ? ` · ${h(timingsText(j))}` : ''}${run.interrupted ? ' · <strong>the run was interrupted</strong>: some expectations could not be measured' : ''}</p>
<p class="sub">registration ${h(run.registration)} · discovery ${h(run.discovery)} · run ${h(run.runId)} · started ${h(run.startedAt)}</p>
</header>
<section><h2>The claim</h2><p>${h(run.scenario.claim)}</p><p class="muted">${h(run.scenario.description)}</p></section>`;
}

export function expectationsTable(j: Judgement): string {
  const rows = j.expectations.map(
    (e) => `<tr class="${e.pass ? 'ok' : 'bad'}"><td><strong>${h(e.id)}</strong><br><span class="muted">${h(e.kind)}</span></td>
<td>${h(e.expected)}</td><td class="measured">${h(e.measured)}</td><td class="mark">${e.pass ? '✔ pass' : '✘ FAIL'}</td>
<td>${h(e.sentence)}<br><span class="muted">source: ${h(e.source)}</span></td></tr>`,
  );
  return `<section><h2>Expectations</h2><table><thead><tr><th>expectation</th><th>expected</th><th>measured</th><th>result</th><th>why</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

export function requestsTable(j: Judgement): string {
  const b = j.requests.byOutcome;
  const rows: [string, number][] = [
    ['served-local', b['served-local']],
    ['served-remote', b['served-remote']],
    ['fallback', b.fallback],
    ['timeout', b.timeout],
    ...Object.entries(b.error).map(([s, n]): [string, number] => [`error, status ${s}${s === '0' ? ' (transport)' : ''}`, n]),
  ];
  const pct = (n: number): string => (j.requests.total === 0 ? '—' : `${((n / j.requests.total) * 100).toFixed(1)}%`);
  const dropped = j.requests.droppedIterations > 0 ? `<p class="warn">k6 dropped ${j.requests.droppedIterations} iterations for want of a free VU: those requests were never sent.</p>` : '';
  return `<section><h2>Requests</h2><table class="narrow"><thead><tr><th>outcome</th><th>requests</th><th>share</th></tr></thead><tbody>
${rows.map(([k, n]) => `<tr><td><span class="swatch o-${h(k.split(',')[0])}"></span>${h(k)}</td><td class="num">${n}</td><td class="num">${pct(n)}</td></tr>`).join('\n')}
<tr class="total"><td>total</td><td class="num">${j.requests.total}</td><td class="num">${pct(j.requests.total)}</td></tr></tbody></table>${dropped}</section>`;
}

export function pathsTable(paths: readonly PathLatency[]): string {
  if (paths.length === 0) return '<p>No request was made.</p>';
  const rows = paths.map((p) => `<tr><td>${h(p.path)}</td><td class="num">${p.count}</td><td class="num">${ms(p.p50)}</td><td class="num">${ms(p.p95)}</td><td class="num">${ms(p.p99)}</td></tr>`);
  return `<p class="muted">Every path: entry region → the region that served the request, or → fallback / error / timeout; a timeout's latency is the timeout.</p>
<table class="narrow"><thead><tr><th>path</th><th>requests</th><th>p50</th><th>p95</th><th>p99</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}
