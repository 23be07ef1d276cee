// Public face of src/report: a run's outputs (summary.json, junit.xml, report.html)
// and the one line the CLI prints.
export { writeRunReports, type WrittenReports } from './write.js';
export { verdictLine } from './verdict-line.js';
export { buildSummary, type Summary } from './summary.js';
export { junitXml } from './junit.js';
export { reportHtml } from './html/page.js';
export { escapeHtml, escapeXml } from './escape.js';
export type { RunData, RunFault, RunEventData } from './run-data.js';
