// reports/index.html, the nightly index: every scenario's latest verdict on top, each
// run as a dot (links to its report), and a sparkline per key figure over the runs.
// Static and script-free: names come from directories and summaries, all escaped.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml as h } from './escape.js';
import { failedShare, readHistory, valueOf, type IndexedRun, type ScenarioHistory } from './index-data.js';
import { writeWhole } from './write.js';

/** Runs drawn per scenario: the newest ones. */
const KEEP = 40;

const href = (scenario: string, dir: string): string => `${encodeURIComponent(scenario)}/${encodeURIComponent(dir)}/report.html`;

interface Point {
  readonly v: number | null;
  readonly pass: boolean;
  readonly label: string;
}

function sparkline(points: readonly Point[], fmt: (v: number) => string): string {
  const W = 220;
  const H = 36;
  const vals = points.map((p) => p.v).filter((v): v is number => v !== null);
  if (vals.length === 0) return '<span class="muted">no number in any run (e.g. "never")</span>';
  const [min, max] = [Math.min(...vals), Math.max(...vals)];
  // one value (or all equal): centre it rather than divide by zero
  const [lo, hi] = max - min < 1e-9 ? [min - 1, max + 1] : [min, max];
  const x = (i: number): number => (points.length === 1 ? W / 2 : 4 + (i * (W - 8)) / (points.length - 1));
  const y = (v: number): number => H - 5 - ((v - lo) / (hi - lo)) * (H - 10);
  let d = '';
  let pen = 'M';
  points.forEach((p, i) => {
    if (p.v === null) pen = 'M';
    else {
      d += `${pen}${x(i).toFixed(1)} ${y(p.v).toFixed(1)}`;
      pen = 'L';
    }
  });
  const dots = points
    .map((p, i) =>
      p.v === null
        ? `<text x="${x(i).toFixed(1)}" y="${H - 3}" class="none" text-anchor="middle">×<title>${h(p.label)}: not measured</title></text>`
        : `<circle cx="${x(i).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="3" class="${p.pass ? 'ok' : 'bad'}"><title>${h(p.label)}: ${h(fmt(p.v))}</title></circle>`,
    )
    .join('');
  return `<svg class="spark" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="trend"><path d="${d}"/>${dots}</svg><span class="range">${h(min === max ? fmt(min) : `${fmt(min)} … ${fmt(max)}`)}</span>`;
}

const num = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3));
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

function scenarioCard(s: ScenarioHistory): string {
  const runs = s.runs.slice(-KEEP);
  const l = s.latest.summary;
  const label = (r: IndexedRun): string => `${r.dir} (${r.summary.verdict}, on Higress ${r.summary.higress}, data plane ${r.summary.dataPlane ?? 'region-lab model'})`;
  const failed = l.expectations.filter((e) => !e.pass);
  const dots = runs
    .map((r) => `<a href="${h(href(s.scenario, r.dir))}" class="run ${r.summary.verdict === 'pass' ? 'ok' : 'bad'}${r === s.latest ? ' latest' : ''}" title="${h(label(r))}"></a>`)
    .join('');
  const ids = [...new Set(runs.flatMap((r) => r.summary.expectations.map((e) => e.id)))];
  const rows = ids.map((id) => {
    const pts = runs.map((r): Point => {
      const e = r.summary.expectations.find((x) => x.id === id);
      return { v: e ? valueOf(e) : null, pass: e?.pass ?? false, label: label(r) };
    });
    const cur = l.expectations.find((e) => e.id === id);
    // accounting's number is a count of mismatches: its pass/fail dots say all there is
    const trend = cur?.kind === 'request-accounting' ? '<span class="muted">pass/fail only</span>' : sparkline(pts, num);
    return `<tr class="${cur?.pass ? 'ok' : 'bad'}"><td><strong>${h(id)}</strong><br><span class="muted">${h(cur?.kind ?? 'not in the latest run')}</span></td><td>${h(cur?.expected ?? '—')}</td>
<td class="m">${h(cur?.measured ?? '—')} ${cur ? (cur.pass ? '✔' : '✘') : ''}</td><td>${trend}</td></tr>`;
  });
  const share = runs.map((r): Point => ({ v: failedShare(r.summary), pass: r.summary.verdict === 'pass', label: label(r) }));
  const latestShare = failedShare(l);
  rows.push(`<tr><td><strong>failed requests</strong><br><span class="muted">errors + timeouts / total</span></td><td>—</td><td class="m">${latestShare === null ? '—' : pct(latestShare)}</td><td>${sparkline(share, pct)}</td></tr>`);
  return `<section class="card ${l.verdict}"><h2><span class="badge">${l.verdict === 'pass' ? 'PASS' : 'FAIL'}</span> <a href="${h(href(s.scenario, s.latest.dir))}">${h(s.scenario)}</a></h2>
<p class="sub">${h(l.profile)} · target ${h(l.target)} · ${h(l.registration)} / ${h(l.discovery)} · run ${h(s.latest.dir)} · ${h(l.startedAt)}${l.interrupted ? ' · <strong>interrupted</strong>' : ''}</p>
${failed.length ? `<p class="why">${h(failed[0]!.id)}: ${h(failed[0]!.sentence)}</p>` : `<p class="why ok">all ${l.expectations.length} expectations held</p>`}
<div class="runs"><span class="muted">${runs.length} run${runs.length === 1 ? '' : 's'}, oldest first:</span> ${dots}</div>
<table><thead><tr><th>key figure</th><th>expected</th><th>latest</th><th>trend over the runs (green: passed, red: failed)</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>${comparisonTable(s)}</section>`;
}

/** Envoy vs the model on the last `region-lab compare` of the scenario. */
function comparisonTable(s: ScenarioHistory): string {
  const c = s.comparison;
  if (!c) return '';
  const n = c.rows.filter((r) => r.agree).length;
  const rows = c.rows.map((r) => `<tr class="${r.agree ? 'ok' : 'bad'}"><td>${h(r.id)}</td><td class="m">${h(r.envoy)}</td><td class="m">${h(r.model)}</td><td>${h(r.tolerance)}</td><td>${r.agree ? 'agree' : '<strong>differ</strong>'}</td></tr>`).join('');
  return `<p class="sub">Real Envoy vs the model (${h(c.at)}): ${c.agree ? 'they agree' : '<strong>they differ</strong>'} on ${n} of ${c.rows.length} expectations</p>
<table><thead><tr><th>expectation</th><th>Envoy</th><th>model</th><th>tolerance</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1d2430}main{max-width:1100px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:24px;margin:8px 0}.card{background:#fff;border:1px solid #dde2e9;border-left:6px solid #b3261e;border-radius:8px;padding:6px 16px 12px;margin:14px 0}
.card.pass{border-left-color:#1f7a3a}.badge{color:#fff;background:#b3261e;border-radius:4px;padding:1px 8px;font-size:14px}.pass .badge{background:#1f7a3a}
h2{font-size:18px;margin:8px 0 2px}h2 a{color:inherit}.sub,.muted{color:#5b6573;font-size:12px}.sub{margin:0 0 6px}.why{margin:4px 0 8px;color:#8b1d16}.why.ok{color:#1f7a3a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #dde2e9;padding:4px 8px;text-align:left;vertical-align:middle}th{background:#eef1f5}
td.m{font-weight:600;white-space:nowrap}tr.bad td.m{color:#b3261e}.runs{margin:6px 0}.run{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 2px;vertical-align:middle}
.run.ok{background:#2f855a}.run.bad{background:#c53030}.run.latest{outline:2px solid #1d2430;outline-offset:1px}
svg.spark{vertical-align:middle}svg.spark path{fill:none;stroke:#718096;stroke-width:1.2}svg.spark .ok{fill:#2f855a}svg.spark .bad{fill:#c53030}svg.spark .none{fill:#c53030;font-size:11px}
.range{color:#5b6573;font-size:11px;margin-left:8px}`;

export function indexHtml(history: readonly ScenarioHistory[], generatedAt = new Date()): string {
  const failing = history.filter((s) => s.latest.summary.verdict !== 'pass').length;
  const head = history.length === 0 ? 'No runs yet.' : `${history.length} scenario${history.length === 1 ? '' : 's'}: ${history.length - failing} passing, ${failing} failing`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>region-lab: ${h(head)}</title><style>${CSS}</style></head>
<body><main><h1>region-lab: does the runbook hold?</h1><p class="sub">${h(head)} · generated ${h(generatedAt.toISOString())}</p>
${history.map(scenarioCard).join('\n')}
</main></body></html>
`;
}

/** Writes reportsRoot/index.html from every run's summary.json; `make nightly` calls this. */
export async function writeReportsIndex(reportsRoot = 'reports'): Promise<{ file: string; scenarios: number; failing: number }> {
  const history = readHistory(reportsRoot);
  const file = join(reportsRoot, 'index.html');
  await mkdir(reportsRoot, { recursive: true });
  await writeWhole(file, indexHtml(history));
  return { file, scenarios: history.length, failing: history.filter((s) => s.latest.summary.verdict !== 'pass').length };
}
