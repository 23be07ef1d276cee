// Findings for people: "file:line:col severity rule-id message" then the fix, and a count.
import type { Finding } from '../types.js';

export function formatText(findings: readonly Finding[]): string {
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}\n    fix: ${f.fix}`);
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  lines.push(`${findings.length === 0 ? 'no findings' : `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`}`);
  return `${lines.join('\n')}\n`;
}
