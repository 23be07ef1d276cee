// Checks every Helm value the kind target sets against the chart's own values file
// (schemas/higress-core-values-2.2.4.yaml): a key the chart does not have is silently
// ignored by Helm, which is how the runbook's gateway.replicaCount goes unnoticed.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One level of the umbrella chart: global.* is shared, core values need the higress-core. prefix. */
const CORE_PREFIX = 'higress-core.';

export const CHART_VALUES_FILE = new URL('../../../schemas/higress-core-values-2.2.4.yaml', import.meta.url);

/** Dotted keys of every leaf in a values object ("global.local"). */
export function leafKeys(v: unknown, prefix = ''): string[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0) return [prefix];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leafKeys(x, prefix ? `${prefix}.${k}` : k));
}

/** The keys a `helm upgrade` sets: every leaf of its -f files plus its --set keys. */
export function helmValueKeys(args: readonly string[], readFile: (f: string) => string): string[] {
  const keys: string[] = [];
  args.forEach((a, i) => {
    if (a === '-f' || a === '--values') keys.push(...leafKeys(parse(readFile(args[i + 1]!))));
    if (a === '--set') keys.push(args[i + 1]!.split('=')[0]!);
  });
  return keys;
}

/** Problems: keys (umbrella-chart form) that the chart's values do not define. */
export function unknownHelmValues(keys: readonly string[], chartValues: unknown = parse(readFileSync(CHART_VALUES_FILE, 'utf8'))): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    const inCore = key.startsWith('global.') ? key : key.startsWith(CORE_PREFIX) ? key.slice(CORE_PREFIX.length) : undefined;
    if (inCore === undefined) {
      problems.push(`${key}: not a value of the higress chart (use global.* or ${CORE_PREFIX}*)`);
      continue;
    }
    if (!has(chartValues, inCore.split('.'))) problems.push(`${key}: the chart has no value ${inCore}`);
  }
  return problems;
}

function has(v: unknown, path: string[]): boolean {
  let cur = v;
  for (const [i, k] of path.entries()) {
    if (cur === null || typeof cur !== 'object') return false;
    const obj = cur as Record<string, unknown>;
    // an empty map in the chart ({} like gateway.env) takes any key below it
    if (!(k in obj)) return Object.keys(obj).length === 0 && i > 0;
    cur = obj[k];
  }
  return true;
}
