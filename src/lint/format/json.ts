// Findings as JSON: { higress, findings[], summary } for scripts and the report.
import type { Finding } from '../types.js';

export function formatJson(findings: readonly Finding[], higress: string): string {
  const summary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return `${JSON.stringify({ higress, findings, summary }, null, 2)}\n`;
}
