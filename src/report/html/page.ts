// report.html as one self-contained page: inline CSS, inline SVG charts, no script and
// no external fetch, so it opens offline years later in a post-mortem.
import type { Judgement } from '../../verdict/types.js';
import { escapeHtml as h } from '../escape.js';
import type { RunData } from '../run-data.js';
import type { FaultSpan } from './chart-frame.js';
import { latencyChart, outcomeChart } from './charts.js';
import { environmentSection, eventsTable, inputsSection } from './evidence.js';
import { expectationsTable, pathsTable, requestsTable, verdictHeader } from './sections.js';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;background:#fafbfc}
main{max-width:1000px;margin:0 auto;padding:0 16px 48px}
header.verdict{padding:18px 16px;margin:0 -16px 8px;color:#fff}
header.pass{background:#1f7a3a}header.fail{background:#b3261e}
header h1{margin:0 0 4px;font-size:26px}.sub{margin:2px 0;opacity:.92}
h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dde4;padding-bottom:4px}
table{border-collapse:collapse;width:100%;background:#fff}table.narrow{width:auto;min-width:420px}
th,td{border:1px solid #d8dde4;padding:5px 8px;text-align:left;vertical-align:top}th{background:#eef1f5}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:600}
tr.bad td.mark{color:#b3261e;font-weight:700}tr.ok td.mark{color:#1f7a3a;font-weight:700}tr.bad{background:#fff6f5}
.muted{color:#5b6573;font-size:12px}.warn{color:#8a5300}
pre{background:#f3f5f8;border:1px solid #d8dde4;padding:8px;overflow:auto;font-size:12px}
svg{width:100%;height:auto;background:#fff;border:1px solid #d8dde4}
svg text{font:11px system-ui,sans-serif;fill:#3b4452}svg .label{fill:#5b6573}
svg .axis{stroke:#5b6573}svg .grid{stroke:#e6e9ee}
svg .fault rect{fill:#b3261e;fill-opacity:.09}svg .fault text{fill:#b3261e;font-weight:600}
svg .line{fill:none;stroke-width:1.6}svg .p50{stroke:#2b6cb0}svg .p95{stroke:#d69e2e}svg .p99{stroke:#b3261e}
svg .key{stroke:none}svg .p50.key{fill:#2b6cb0}svg .p95.key{fill:#d69e2e}svg .p99.key{fill:#b3261e}
.o-served-local{fill:#2f855a;background:#2f855a}.o-served-remote{fill:#63b3ed;background:#63b3ed}
.o-fallback{fill:#d69e2e;background:#d69e2e}.o-error{fill:#c53030;background:#c53030}.o-timeout{fill:#553c9a;background:#553c9a}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px}
`;

/** Fault windows in seconds since t0; a fault still active at the end runs to the end of the axis. */
export function faultSpans(run: RunData, lastSecond: number): FaultSpan[] {
  if (run.t0 === undefined) return [];
  const t0 = run.t0;
  return run.faults.flatMap((f) =>
    f.appliedAtMs === undefined ? [] : [{ id: f.id, fromS: (f.appliedAtMs - t0) / 1000, toS: f.healedAtMs === undefined ? lastSecond : (f.healedAtMs - t0) / 1000 }],
  );
}

function chartsSection(run: RunData, j: Judgement): string {
  if (j.timeSeries.length === 0) return '<section><h2>Over time</h2><p>No request was made, so there is nothing to draw.</p></section>';
  const spans = faultSpans(run, (j.timeSeries[j.timeSeries.length - 1]?.second ?? 0) + 1);
  return `<section><h2>Over time</h2><p class="muted">Each second counts the requests that started in it; shaded: fault windows, from the moment each fault was applied to the moment it healed.</p>
<h3>Latency per second</h3>${latencyChart(j.timeSeries, spans)}
<h3>Outcome of requests per second</h3>${outcomeChart(j.timeSeries, spans)}</section>`;
}

export function reportHtml(run: RunData, j: Judgement): string {
  const title = `${run.scenario.name}: ${j.verdict.toUpperCase()} on Higress ${run.higress} (${run.target})`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${h(title)}</title><style>${CSS}</style></head>
<body><main>
${verdictHeader(run, j)}
${expectationsTable(j)}
${chartsSection(run, j)}
${requestsTable(j)}
${pathsTable(j.paths)}
${eventsTable(run)}
${inputsSection(run)}
${environmentSection(run)}
</main></body></html>
`;
}
