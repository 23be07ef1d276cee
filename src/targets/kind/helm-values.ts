// Checks every Helm value the kind target sets against the chart's own values file of
// the profile's version (schemas/higress-core-values-2.1.9.yaml for 2.1, -2.2.4.yaml
// for 2.2): a key the chart does not have is silently ignored by Helm, which is how
// the runbook's gateway.replicaCount goes unnoticed. It also computes what a value
// ends up as (chart default, then -f files, then --set), because a default can
// differ between versions: 2.1.9 ships global.enableGatewayAPI false, so HTTPRoutes
// would be ignored unless the plan turns it on.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { HigressVersion } from '../../topology/schema.js';

/** One level of the umbrella chart: global.* is shared, core values need the higress-core. prefix. */
const CORE_PREFIX = 'higress-core.';

/** The higress-core chart's values of the version each profile's chart ships (facts/tools.md §4). */
export const CHART_VALUES_FILES: Readonly<Record<HigressVersion, URL>> = {
  '2.1': new URL('../../../schemas/higress-core-values-2.1.9.yaml', import.meta.url),
  '2.2': new URL('../../../schemas/higress-core-values-2.2.4.yaml', import.meta.url),
};
export function chartValues(higress: HigressVersion): unknown {
  return parse(readFileSync(CHART_VALUES_FILES[higress], 'utf8'));
}

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
    if (a === '--set' || a === '--set-string') keys.push(args[i + 1]!.split('=')[0]!);
  });
  return keys;
}

/** Problems: keys (umbrella-chart form) that the chart's values do not define. @param chartValuesDoc @default the 2.2.4 values */
export function unknownHelmValues(keys: readonly string[], chartValuesDoc: unknown = chartValues('2.2')): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    const inCore = coreKey(key);
    if (inCore === undefined) {
      problems.push(`${key}: not a value of the higress chart (use global.* or ${CORE_PREFIX}*)`);
      continue;
    }
    if (!has(chartValuesDoc, inCore.split('.'))) problems.push(`${key}: the chart has no value ${inCore}`);
  }
  return problems;
}

/** What a helm upgrade leaves a value at: the chart's default, then each -f file, then each --set, in order. */
export function effectiveValue(key: string, args: readonly string[], readFile: (f: string) => string, chartValuesDoc: unknown): unknown {
  const inCore = coreKey(key);
  let value = inCore === undefined ? undefined : get(chartValuesDoc, inCore.split('.'));
  args.forEach((a, i) => {
    if (a === '-f' || a === '--values') {
      const v = get(parse(readFile(args[i + 1]!)), key.split('.'));
      if (v !== undefined) value = v;
    }
    if ((a === '--set' || a === '--set-string') && args[i + 1]!.startsWith(`${key}=`)) {
      const raw = args[i + 1]!.slice(key.length + 1);
      value = a === '--set' && (raw === 'true' || raw === 'false') ? raw === 'true' : raw;
    }
  });
  return value;
}

function coreKey(key: string): string | undefined {
  return key.startsWith('global.') ? key : key.startsWith(CORE_PREFIX) ? key.slice(CORE_PREFIX.length) : undefined;
}

function get(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
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

/**
 * The problems of a `helm upgrade` of the Higress chart for a profile: values the
 * chart does not have, and Gateway API left off while the routes are HTTPRoutes
 * (2.1.9's default), which would leave every route unattached.
 */
export function helmInstallProblems(args: readonly string[], higress: HigressVersion, routesUseHttpRoute: boolean, readFile: (f: string) => string): string[] {
  const doc = chartValues(higress);
  const problems = unknownHelmValues(helmValueKeys(args, readFile), doc);
  if (routesUseHttpRoute && effectiveValue('global.enableGatewayAPI', args, readFile, doc) !== true)
    problems.push(
      `global.enableGatewayAPI: the routes are HTTPRoutes but the chart for Higress ${higress} leaves Gateway API off (default ${String(get(doc, ['global', 'enableGatewayAPI']))}); set it true in the values file`,
    );
  return problems;
}
