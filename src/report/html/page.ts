// report.html as one self-contained file: the verdict and tables rendered here (escaped,
// readable without script), the charts drawn by the inlined Apache ECharts from a JSON
// block. No network fetch; a Content-Security-Policy lets only these exact scripts run
// (by hash), so even a missed escape could not execute injected script.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RequestRecord } from '../../load/request-record.js';
import type { Judgement } from '../../verdict/types.js';
import { escapeHtml as h, jsonForScript } from '../escape.js';
import { pageData } from '../page-data.js';
import { onWhat, type RunData } from '../../run/run-data.js';
import { CLIENT_MAIN } from './client-main.js';
import { CLIENT_TIME } from './client-time.js';
import { environmentSection, eventsTable, inputsSection } from './evidence.js';
import { expectationsTable, pathsTable, requestsTable, verdictHeader } from './sections.js';
import { CSS } from './styles.js';
import { topologySection } from './topology-section.js';

let echartsSource: string | undefined;
/** dist/echarts.min.js of the installed echarts (6.1.0), read once per process. */
function echartsMin(): string {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsSource;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function chartsSection(hasData: boolean, requests: number): string {
  if (!hasData) {
    const why = requests === 0 ? 'No request was made, so there is nothing to draw.' : 'The per-request data (raw/requests.tsv) was not available, so there is nothing to draw.';
    return `<section><h2>Over time</h2><p>${why}</p></section>`;
  }
  return `<section><h2>Over time</h2>
<p class="muted">Each point is one second of requests, by the second they started in; shaded in red: fault windows, from the moment each fault was applied to the moment it healed. Ctrl + mouse wheel zooms every time chart together; drag to pan.</p>
<p id="charts-status" class="error" hidden></p>
<h3>Latency p50 / p95 / p99 per entry region</h3><div id="chart-latency" class="chart" data-chart="latency"></div>
<h3>Who served the requests</h3><div id="chart-served" class="chart short" data-chart="served"></div>
<h3>Outcome of the requests</h3><div id="chart-outcomes" class="chart short" data-chart="outcomes"></div>
<h3>Gateway and registry events</h3><div id="chart-events" class="chart" data-chart="events"></div></section>`;
}

export function reportHtml(run: RunData, j: Judgement, records?: readonly RequestRecord[]): string {
  const title = `${run.scenario.name}: ${j.verdict.toUpperCase()} ${onWhat(run)} (${run.target})`;
  const data = records ? pageData(run, records, j.paths) : undefined;
  const scripts = data ? [echartsMin(), CLIENT_TIME + CLIENT_MAIN] : [];
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scripts.length ? scripts.map(sha256).join(' ') : "'none'"}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${h(title)}</title><style>${CSS}</style></head>
<body><main>
${verdictHeader(run, j)}
${expectationsTable(j)}
${chartsSection(data !== undefined, j.requests.total)}
${topologySection(run)}
<section><h2>Latency per path</h2>${data ? '<p class="muted">Histograms of the requests each path served, as measured; blue band: the latency the runbook promises for the path, shifted right by the calibrated testbed overhead (p50) of the path where the run made a calibration, so a request inside it is inside the band net of the testbed. Dashed lines: p50, p95, p99.</p><div id="histograms" class="hists"></div>' : ''}
${pathsTable(j.paths, run, j)}</section>
${requestsTable(j)}
${eventsTable(run)}
${inputsSection(run)}
${environmentSection(run)}
</main>
${data ? `<script type="application/json" id="report-data">${jsonForScript(data)}</script>` : ''}
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body></html>
`;
}
