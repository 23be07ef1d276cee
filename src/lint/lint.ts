// The lint engine: runs every rule over the loaded manifests and shell files for one
// Higress version, places each hit at file:line, and drops a schema complaint when a
// semantic rule already explains the same line.
import { profileFor, type HigressProfileName } from '../gateway/profiles.js';
import { formatFieldPath } from '../schemas/index.js';
import { locate } from './locate.js';
import { expandPaths, parseSources, readSources, type SourceText } from './load.js';
import { RULES } from './rules/index.js';
import type { Finding, Hit, LintContext, Rule, Severity } from './types.js';

export interface LintOptions {
  /** @default '2.2' */
  readonly higress?: HigressProfileName;
  /** @default every rule */
  readonly rules?: readonly Rule[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function lintPaths(paths: readonly string[], options: LintOptions = {}): Finding[] {
  return lintSources(readSources(expandPaths(paths)), options);
}

export function lintSources(sources: readonly SourceText[], options: LintOptions = {}): Finding[] {
  const { manifests, shells } = parseSources(sources);
  const ctx: LintContext = { profile: profileFor(options.higress ?? '2.2'), manifests, shells };
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    for (const m of manifests) {
      for (const hit of rule.checkManifest?.(m, ctx) ?? []) {
        const pos = hit.line !== undefined ? { line: hit.line, column: 1 } : locate(m, hit.path ?? []);
        findings.push(toFinding(rule, hit, m.file, pos.line, pos.column));
      }
    }
    for (const s of shells) for (const hit of rule.checkShell?.(s, ctx) ?? []) findings.push(toFinding(rule, hit, s.file, hit.line ?? 1, 1));
  }
  return dropExplainedSchemaFindings(findings).sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId),
  );
}

function toFinding(rule: Rule, hit: Hit, file: string, line: number, column: number): Finding {
  return {
    ruleId: rule.id,
    severity: hit.severity ?? rule.severity,
    file,
    line,
    column,
    message: hit.message,
    fix: hit.fix ?? rule.fix,
    ...(hit.path && hit.path.length > 0 ? { field: formatFieldPath(hit.path) } : {}),
  };
}

function dropExplainedSchemaFindings(findings: Finding[]): Finding[] {
  const explained = new Set(findings.filter((f) => !f.ruleId.startsWith('schema-')).map((f) => `${f.file}:${f.line}`));
  return findings.filter((f) => !f.ruleId.startsWith('schema-') || !explained.has(`${f.file}:${f.line}`));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
