// The conformance result as JSON for scripts: the suite's totals and every case run
// with its rows (expected, got, outcome, problems, known-failure reason).
import type { SuiteResult } from '../types.js';

export function formatJson(s: SuiteResult): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
