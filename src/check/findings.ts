// Lint's findings on the manifests check loads (the copies it wrote, so the items of a
// `kubectl get -o yaml` List are linted too), and which generated scenarios show each:
// where lint already knows the answer, the report says so beside the scenario.
import { relative } from 'node:path';
import type { HigressProfileName } from '../gateway/profiles.js';
import { lintPaths, type Finding } from '../lint/index.js';
import type { KindId } from './scenario-kinds.js';
import type { GeneratedScenario } from './suite-gen.js';

export interface CheckFinding extends Finding {
  /** The user's file the finding is about (relative to their directory), when known. */
  readonly source: string;
}

/** Schema-unknown-kind says only that a kind has no JSON schema here: noise for a user's config. */
const NOISE = new Set(['schema-unknown-kind']);

export function lintCopies(copies: ReadonlyMap<string, string>, mcpbridge: string, higress: HigressProfileName): CheckFinding[] {
  const sourceOf = new Map<string, string>([[mcpbridge, 'McpBridge'], ...[...copies].map(([src, copy]) => [copy, src] as [string, string])]);
  return lintPaths([mcpbridge, ...copies.values()], { higress })
    .filter((f) => !NOISE.has(f.ruleId))
    .map((f) => ({ ...f, source: sourceOf.get(f.file) ?? relative(process.cwd(), f.file) }));
}

const OUTAGES: readonly (KindId | 'quick')[] = ['quick', 'outage-hard', 'outage-black-hole', 'partition', 'instance-kill'];
const STEADY: readonly (KindId | 'quick')[] = ['quick', 'steady'];

/** The scenario kinds whose outcome a rule's finding predicts. */
const SHOWN_BY: Readonly<Record<string, readonly (KindId | 'quick')[] | 'all'>> = {
  'weight-zero-backend': OUTAGES,
  'duplicate-backend': [...STEADY, ...OUTAGES],
  'weights-vs-comments': STEADY,
  'health-check-field': OUTAGES,
  'mcpbridge-ignored': 'all',
  'nacos-host-invalid': 'all',
  'nacos-group-missing': 'all',
  'nacos-backend-unsupported': 'all',
  'fqdn-backend': 'all',
  'backend-port': 'all',
};

/** Findings that speak to one generated scenario: by rule, and by the regions whose gateways load the file. */
export function findingsFor(sc: GeneratedScenario, findings: readonly CheckFinding[], manifestRegions: Readonly<Record<string, readonly string[] | 'all'>>): CheckFinding[] {
  return findings.filter((f) => {
    if (f.severity === 'info') return false;
    const kinds = SHOWN_BY[f.ruleId] ?? STEADY;
    if (kinds !== 'all' && !kinds.includes(sc.kind)) return false;
    const regions = manifestRegions[f.source] ?? 'all';
    return regions === 'all' || sc.entries.some((e) => regions.includes(e));
  });
}
