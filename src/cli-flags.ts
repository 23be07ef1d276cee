// Options `run` and `check` share: --higress, --data-plane, repeated --set, --keep, and
// whether to show the live line. Each is checked here so a bad flag is exit 2 before
// anything starts.
import { BadInputError } from './core/errors.js';
import type { HigressProfileName } from './gateway/profiles.js';
import { dataPlaneChoice, type DataPlaneChoice } from './topology/schema.js';

export interface RunFlags {
  readonly higress?: HigressProfileName;
  readonly dataPlane?: DataPlaneChoice;
  /** Every --set value, in order. */
  readonly sets: readonly string[];
  readonly keep: boolean;
  readonly quick: boolean;
  /** --no-live turns the live line off. */
  readonly live: boolean;
}

/** A --data-plane value, checked: exit 2 naming the flag when it is not one of the choices. */
export function parseDataPlane(value: string | undefined): DataPlaneChoice | undefined {
  if (value === undefined) return undefined;
  const r = dataPlaneChoice.safeParse(value);
  if (r.success) return r.data;
  throw new BadInputError([{ file: '--data-plane', path: '', message: `"${value}" is not a data plane; use ${dataPlaneChoice.options.join(', ')}` }]);
}

export function runFlags(args: readonly string[]): RunFlags {
  const sets: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--(higress|data-plane|set)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    const v = m[2] ?? args[++i] ?? '';
    if (m[1] === 'set') sets.push(v);
    else values[m[1]!] = v;
  }
  const h = values.higress;
  if (h !== undefined && h !== '2.1' && h !== '2.2') throw new BadInputError([{ file: '--higress', path: '', message: `"${h}" is not a Higress profile region-lab models; use 2.1 or 2.2` }]);
  const dataPlane = parseDataPlane(values['data-plane']);
  return {
    ...(h ? { higress: h as HigressProfileName } : {}),
    ...(dataPlane ? { dataPlane } : {}),
    sets,
    keep: args.includes('--keep'),
    quick: args.includes('--quick'),
    live: !args.includes('--no-live'),
  };
}
