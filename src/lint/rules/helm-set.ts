// Reads `helm install|upgrade … --set k=v` commands out of shell files (continuation
// lines joined), with the line of each --set, and looks keys up in the chart values.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ShellFile } from '../types.js';

export interface HelmSet {
  readonly chart: string;
  readonly key: string;
  readonly value: string;
  /** 1-based line of the --set in the file. */
  readonly line: number;
}

/** higress-core chart values (Higress v2.2.4 helm/core/values.yaml), two levels up from src|dist/lint/rules → repo/schemas. */
const VALUES_FILE = new URL('../../../schemas/higress-core-values-2.2.4.yaml', import.meta.url);
let coreValues: Record<string, unknown> | undefined;

export function higressCoreValues(): Record<string, unknown> {
  coreValues ??= parse(readFileSync(VALUES_FILE, 'utf8')) as Record<string, unknown>;
  return coreValues;
}

export function helmSets(s: ShellFile): HelmSet[] {
  const out: HelmSet[] = [];
  let chart = '';
  s.lines.forEach((raw, i) => {
    const line = raw.replace(/\s#.*$/, '').trim();
    const cmd = /^helm\s+(?:install|upgrade)\s+(?:--\S+\s+)*(\S+)\s+(\S+)/.exec(line);
    if (cmd) chart = cmd[2] ?? '';
    else if (!raw.trimStart().startsWith('-') && !s.lines[i - 1]?.trimEnd().endsWith('\\')) chart = '';
    for (const m of line.matchAll(/--set(?:-string)?[ =](\S+?)=(\S*)/g)) {
      if (chart) out.push({ chart, key: m[1] ?? '', value: (m[2] ?? '').replace(/\\$/, ''), line: i + 1 });
    }
  });
  return out;
}

/** The keys of a dotted path that exist in the values; stops at the first missing one. */
export function lookup(values: Record<string, unknown>, key: string): { found: boolean; parentKeys: string[]; missing: string } {
  let node: unknown = values;
  for (const part of key.split('.')) {
    const map = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : null;
    // an empty map in values.yaml (podAnnotations: {}) takes any key
    if (map && Object.keys(map).length === 0) return { found: true, parentKeys: [], missing: '' };
    if (!map || !(part in map)) return { found: false, parentKeys: map ? Object.keys(map) : [], missing: part };
    node = map[part];
  }
  return { found: true, parentKeys: [], missing: '' };
}

/** Effective gateway replicas from the linted helm commands (chart default 2). */
export function gatewayReplicas(shells: readonly ShellFile[]): { replicas: number; from: string } {
  for (const s of shells) {
    for (const set of helmSets(s)) {
      const core = set.chart.endsWith('/higress') ? set.key.replace(/^higress-core\./, '') : set.key;
      const valid = set.chart.endsWith('/higress') ? set.key.startsWith('higress-core.') : true;
      if (valid && core === 'gateway.replicas' && /^\d+$/.test(set.value)) return { replicas: Number(set.value), from: `${s.file}:${set.line}` };
    }
  }
  const d = (higressCoreValues().gateway as { replicas?: number } | undefined)?.replicas ?? 2;
  return { replicas: d, from: 'chart default gateway.replicas' };
}
