// The verdict half of report.html: the verdict banner, each expectation with its
// evidence, the request counts and latency per path. All input text is escaped.
import type { Judgement, PathLatency } from '../../verdict/types.js';
import { escapeHtml as h } from '../escape.js';
import { onWhat, type RunData } from '../../run/run-data.js';
import { timingsText } from '../verdict-line.js';
import { unsteady } from '../../verdict/overhead.js';

const ms = (v: number | null): string => (v === null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);

export function verdictHeader(run: RunData, j: Judgement): string {
  const failed = j.expectations.filter((e) => !e.pass).length;
  const word = j.verdict === 'pass' ? 'PASS' : 'FAIL';
  const tally = failed === 0 ? `all ${j.expectations.length} expectations held` : `${failed} of ${j.expectations.length} expectations failed`;
  return `<header class="verdict ${j.verdict}">
<h1>${h(run.scenario.name)}: ${word} ${h(onWhat(run))} — target ${h(run.target)}</h1>
<p class="sub">${h(tally)}${timingsText(j) ? ` · ${h(timingsText(j))}` : ''}${run.interrupted ? ' · <strong>the run was interrupted</strong>: some expectations could not be measured' : ''}${run.failure ? ` · <strong>the testbed failed${run.failure.component ? `: ${h(run.failure.component)} died` : ''}</strong>, so this says nothing about the runbook; what was measured up to then is below` : ''}</p>
${run.failure ? `<pre class="failure">${h(run.failure.message)}</pre>` : ''}
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

export function pathsTable(paths: readonly PathLatency[], run?: RunData, j?: Judgement): string {
  if (paths.length === 0) return '<p>No request was made.</p>';
  const calibrated = paths.some((p) => p.net !== undefined);
  const head = calibrated
    ? '<tr><th rowspan="2">path</th><th rowspan="2">requests</th><th colspan="3">measured</th><th colspan="3">testbed overhead (links at 0 ms)</th><th colspan="3">net of its median</th><th rowspan="2">links configured</th></tr><tr><th>p50</th><th>p95</th><th>p99</th><th>p50</th><th>p95</th><th>p99</th><th>p50</th><th>p95</th><th>p99</th></tr>'
    : '<tr><th>path</th><th>requests</th><th>p50</th><th>p95</th><th>p99</th></tr>';
  const cell = (v: number | null | undefined): string => `<td class="num">${v === undefined ? '' : ms(v)}</td>`;
  const rows = paths.map((p) => {
    const o = p.overhead;
    const mark = o && !o.exact ? '<sup title="the calibration never took this path: its entry\'s figure stands in">*</sup>' : '';
    const measured = `<td>${h(p.path)}${mark}</td><td class="num">${p.count}</td>${cell(p.p50)}${cell(p.p95)}${cell(p.p99)}`;
    if (!calibrated) return `<tr>${measured}</tr>`;
    return `<tr>${measured}${cell(o?.p50)}${cell(o?.p95)}${cell(o?.p99)}${cell(p.net?.p50)}${cell(p.net?.p95)}${cell(p.net?.p99)}${cell(p.configuredMs)}</tr>`;
  });
  return `<p class="muted">Every path: entry region → the region that served the request, or → fallback / error / timeout; a timeout's latency is the timeout.</p>
${calibrationNote(run, j)}
<table class="narrow"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** What the calibration did and found, above the table of paths. */
function calibrationNote(run: RunData | undefined, j: Judgement | undefined): string {
  const meta = run?.calibration;
  if (!meta) return '<p class="muted">This run made no calibration: every latency includes the testbed\'s own overhead (entry link, LB, gateway, Toxiproxy, business service, k6).</p>';
  const c = j?.calibration;
  const found = c && c.paths.length > 0 ? c.paths.map((p) => `${p.path} p50 ${ms(p.p50)}, p95 ${ms(p.p95)} (${p.count} requests)`).join('; ') : 'no request of the burst was answered';
  const failed = c && c.failed > 0 ? ` ${c.failed} of its ${c.requests} requests failed and were left out.` : '';
  const seconds = c?.secondMedians ? ` Its one-second medians ranged ${ms(c.secondMedians.min)}–${ms(c.secondMedians.max)}${unsteady(c) ? ': the machine was busy while it ran, so the overhead the load met may differ' : ''}.` : '';
  return `<p class="muted">Testbed overhead: before the load, ${meta.linksZeroed} links' latency toxics were set to 0 ms (every link but the entry links, the clients' own access, which is the testbed's) and the load's own client sent ${meta.ratePerEntry} requests/s into ${h(meta.entries.join(' and '))} for ${meta.durationS} s (${h(meta.file)}; its first second, a warm-up, left out): ${h(found)}.${h(failed)}${h(seconds)} Net figures are the measured ones minus the path's median overhead, never below 0; latency expectations are judged on them. Links configured: what the path's data link (the hop the runbook's table covers) is set to add without jitter; a net figure above it is what emulating latency costs on top (Toxiproxy sleeps per chunk and its timers wake late, more so on a busy machine).</p>`;
}
