// Public face of src/report: a run's outputs (summary.json, junit.xml, report.html)
// and the one line the CLI prints; raw/run.json, rebuilding a run's reports, the nightly index.
export { writeRunReports, type WrittenReports } from './write.js';
export { verdictLine } from './verdict-line.js';
export { buildSummary, type Summary } from './summary.js';
export { junitXml } from './junit.js';
export { reportHtml } from './html/page.js';
export { escapeHtml, escapeXml } from './escape.js';
export type { RunData, RunFault, RunEventData, CalibrationMeta } from '../run/run-data.js';
export { topologyView, RUNBOOK_LATENCY_BANDS, type TopologyView, type LatencyBand } from '../scenario/topology-view.js';
export { writeRunJson, readRunJson, RUN_JSON_VERSION, type RunFile } from './run-json.js';
export { rebuildReport, loadRun, type Rebuilt } from './rebuild.js';
export { writeReportsIndex, indexHtml } from './index-page.js';
export { readHistory, type ScenarioHistory } from './index-data.js';
export { fileReporters, summaryReporter, junitReporter, htmlReporter, runJsonReporter } from './reporters.js';
