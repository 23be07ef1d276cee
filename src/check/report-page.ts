// <out>/index.html: one page for a check of a user's config. On top what check inferred
// and lint's findings; then each scenario with its claim, verdict and expectations
// (expected, measured, where the number comes from), a link to its full run report, and,
// beside it, what lint already said about its outcome. Static, no script, all escaped.
import { relative } from 'node:path';
import { escapeHtml as h } from '../report/escape.js';
import type { CheckFinding } from './findings.js';
import type { ScenarioResult } from './results.js';

export interface CheckPageData {
  readonly name: string;
  readonly dir: string;
  readonly outDir: string;
  readonly quick: boolean;
  readonly higress: string;
  readonly dataPlane: string;
  readonly inferred: readonly string[];
  readonly findings: readonly CheckFinding[];
  readonly results: readonly ScenarioResult[];
  readonly blocked?: string;
  readonly generatedAt: string;
}

const finding = (f: CheckFinding) =>
  `<li class="${f.severity}"><strong>${h(f.severity)} ${h(f.ruleId)}</strong> ${h(f.message)} <span class="muted">(${h(f.source)}${f.line ? `, line ${f.line} of the copy` : ''})</span><br><span class="fix">fix: ${h(f.fix)}</span></li>`;

function card(r: ScenarioResult, outDir: string): string {
  const s = r.run?.summary;
  const state = !r.run ? 'notrun' : s ? s.verdict : 'broken';
  const badge = !r.run ? 'NOT RUN' : s ? s.verdict.toUpperCase() : `EXIT ${r.run.exitCode}`;
  const link = r.run?.reportDir ? ` <a href="${h(`${relative(outDir, r.run.reportDir)}/report.html`)}">run report</a>` : '';
  const claim = String((r.scenario.scenario as { claim?: unknown }).claim ?? '');
  const rows = (s?.expectations ?? []).map(
    (e) => `<tr class="${e.pass ? 'ok' : 'bad'}"><td>${h(e.id)}</td><td>${h(e.expected)}</td><td class="m">${h(e.measured)} ${e.pass ? '✔' : '✘'}</td><td>${h(e.source ?? '')}${e.pass ? '' : `<br><span class="why">${h(e.sentence ?? '')}</span>`}</td></tr>`,
  );
  const knows = r.findings.length > 0 ? `<div class="knows"><strong>lint already knows:</strong><ul>${r.findings.map((f) => `<li>${h(f.ruleId)}: ${h(f.message)}</li>`).join('')}</ul>this scenario shows what it costs.</div>` : '';
  const notRun = !r.run ? `<p class="muted">not run${r.scenario.quick ? '' : ' by --quick'}: <code>region-lab run ${h(r.file)}</code></p>` : '';
  const broken = r.run && !s ? `<p class="why">${h(r.run.line)}</p>` : '';
  return `<section class="card ${state}"><h2><span class="badge">${h(badge)}</span> ${h(r.scenario.name)}${link}</h2>
<p class="claim">${h(claim)}</p>${knows}${notRun}${broken}
${rows.length > 0 ? `<table><thead><tr><th>expectation</th><th>expected</th><th>measured</th><th>from</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>` : ''}
${r.run ? `<p class="muted">${h(r.run.seconds)} s · ${h(s?.requests.total ?? 0)} requests · <code>region-lab run ${h(r.file)}</code></p>` : ''}</section>`;
}

/** One row per run scenario: verdict and the first expectation that failed, to find the card. */
function overview(ran: readonly ScenarioResult[]): string {
  const rows = ran.map((r) => {
    const s = r.run?.summary;
    const failed = s?.expectations.filter((e) => !e.pass) ?? [];
    const what = !s ? r.run!.line : failed.length === 0 ? `all ${s.expectations.length} held` : failed.map((e) => `${e.id}: ${e.measured} (expected ${e.expected})`).join('; ');
    return `<tr class="${s?.verdict === 'pass' ? 'ok' : 'bad'}"><td>${h(r.scenario.name)}</td><td class="m">${h(s ? s.verdict.toUpperCase() : `exit ${r.run!.exitCode}`)}</td><td>${h(what)}${r.findings.length > 0 ? ` <span class="muted">(lint: ${h([...new Set(r.findings.map((f) => f.ruleId))].join(', '))})</span>` : ''}</td></tr>`;
  });
  return `<div class="box"><h2>Scenarios</h2><table><thead><tr><th>scenario</th><th>verdict</th><th>what failed</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

function notRun(rs: readonly ScenarioResult[]): string {
  if (rs.length === 0) return '';
  const items = rs.map((r) => `<li><code>region-lab run ${h(r.file)}</code>${r.findings.length > 0 ? ` <span class="muted">(lint: ${h([...new Set(r.findings.map((f) => f.ruleId))].join(', '))})</span>` : ''}</li>`);
  return `<div class="box"><h2>Not run (${rs.length})</h2><p class="muted">written, not run this time; each runs on its own with:</p><ul>${items.join('\n')}</ul></div>`;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1d2430}main{max-width:1100px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:24px;margin:8px 0}h2{font-size:17px;margin:8px 0 2px}.muted,.sub{color:#5b6573;font-size:12px}.box{background:#fff;border:1px solid #dde2e9;border-radius:8px;padding:8px 16px;margin:12px 0}
.box pre{white-space:pre-wrap;margin:0;font-size:12px}li.error strong{color:#b3261e}li.warning strong{color:#9a5b00}.fix{color:#3d4a5c;font-size:12px}
.card{background:#fff;border:1px solid #dde2e9;border-left:6px solid #b3261e;border-radius:8px;padding:6px 16px 10px;margin:12px 0}.card.pass{border-left-color:#1f7a3a}.card.notrun{border-left-color:#9aa3ae}
.badge{color:#fff;background:#b3261e;border-radius:4px;padding:1px 8px;font-size:13px}.pass .badge{background:#1f7a3a}.notrun .badge{background:#9aa3ae}
.claim{margin:2px 0 6px}.knows{background:#fff7e6;border:1px solid #f0c36d;border-radius:6px;padding:4px 10px;margin:6px 0}.knows ul{margin:2px 0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #dde2e9;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef1f5}td.m{font-weight:600;white-space:nowrap}tr.bad td.m{color:#b3261e}.why{color:#8b1d16}`;

export function checkPageHtml(d: CheckPageData): string {
  const ran = d.results.filter((r) => r.run);
  const passed = ran.filter((r) => r.run?.summary?.verdict === 'pass').length;
  const head = d.blocked ? 'nothing could run' : `${ran.length} scenario${ran.length === 1 ? '' : 's'} run${d.quick ? ' (--quick)' : ''}: ${passed} passed, ${ran.length - passed} failed`;
  const errors = d.findings.filter((f) => f.severity !== 'info');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>region-lab check ${h(d.name)}: ${h(head)}</title><style>${CSS}</style></head>
<body><main><h1>region-lab check: ${h(d.name)}</h1>
<p class="sub">${h(d.dir)} · on Higress ${h(d.higress)} · data plane ${h(d.dataPlane)} · ${h(head)} · generated ${h(d.generatedAt)}</p>
${d.blocked ? `<div class="box"><strong>cannot run:</strong> ${h(d.blocked)}</div>` : ''}
<div class="box"><h2>Lint findings (${errors.length})</h2>${errors.length === 0 ? '<p class="muted">none</p>' : `<ul>${errors.map(finding).join('\n')}</ul>`}</div>
<div class="box"><h2>What check inferred, and from what</h2><pre>${h(d.inferred.join('\n'))}</pre></div>
${ran.length > 1 ? overview(ran) : ''}
${ran.map((r) => card(r, d.outDir)).join('\n')}
${notRun(d.results.filter((r) => !r.run))}
</main></body></html>
`;
}
