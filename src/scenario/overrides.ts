// `run --set <path>=<value>`: changes any field of the scenario (`load.rate=80`,
// `expectations[1].expected.max=25s`) or of its topology (`topology.lb.fall=3`) for one
// run, before the schemas check them, so a bad value is refused like a bad file (exit 2,
// naming the --set). Values are read as YAML (80 → a number, [a, b] → a list); where the
// schema wants text, the text as typed is used (higress=2.2 is "2.2", not 2.2).
import { parse } from 'yaml';
import type { z } from 'zod';
import { BadInputError, type InputProblem } from '../core/errors.js';
import { issuePath, parseYaml, readYamlText, zodProblems } from '../core/input.js';

export interface Override {
  readonly target: 'scenario' | 'topology';
  readonly path: readonly (string | number)[];
  /** The value read as YAML. */
  readonly value: unknown;
  /** The value exactly as typed. */
  readonly text: string;
  /** The whole `--set` argument, for messages. */
  readonly arg: string;
}

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_-]*)((?:\[\d+\])*)$/;

export function parseOverrides(args: readonly string[]): Override[] {
  const problems: InputProblem[] = [];
  const out: Override[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const where = { file: `--set ${arg}`, path: '' };
    if (eq <= 0) {
      problems.push({ ...where, message: 'write --set <path>=<value>, e.g. --set load.rate=80 or --set topology.lb.fall=3' });
      continue;
    }
    const path: (string | number)[] = [];
    let ok = true;
    for (const seg of arg.slice(0, eq).split('.')) {
      const m = SEGMENT.exec(seg);
      if (!m) {
        ok = false;
        problems.push({ ...where, message: `"${seg}" is not a field name (letters, digits, - and _, optionally [index])` });
        break;
      }
      path.push(m[1]!, ...[...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])));
    }
    if (!ok) continue;
    const text = arg.slice(eq + 1);
    let value: unknown = text;
    try {
      value = parse(text);
    } catch {
      /* not YAML: the text itself */
    }
    const toTopology = path[0] === 'topology' && path.length > 1;
    out.push({ target: toTopology ? 'topology' : 'scenario', path: toTopology ? path.slice(1) : path, value, text, arg });
  }
  if (problems.length > 0) throw new BadInputError(problems);
  return out;
}

/** A deep copy of raw with value set at path (missing objects on the way are created). */
export function setAt(raw: unknown, path: readonly (string | number)[], value: unknown, arg: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    if (!Array.isArray(raw) || head >= raw.length) throw new BadInputError([{ file: `--set ${arg}`, path: '', message: `index ${head} is not in the list (it has ${Array.isArray(raw) ? raw.length : 0} items)` }]);
    return raw.map((v, i) => (i === head ? setAt(v, rest, value, arg) : v));
  }
  const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return { ...obj, [head]: setAt(obj[head], rest, value, arg) };
}

/** Reads a YAML file, applies the overrides meant for it, and parses it with the schema (exit 2 on any problem). */
export function loadWithOverrides<S extends z.ZodType>(file: string, schema: S, overrides: readonly Override[]): z.output<S> {
  let raw = parseYaml(file, readYamlText(file));
  for (const o of overrides) {
    const asValue = setAt(raw, o.path, o.value, o.arg);
    // text where the schema wants text: "2.2" stays "2.2"
    const failsHere = (v: unknown) => !schema.safeParse(v).success && (schema.safeParse(v).error?.issues ?? []).some((i) => issuePath(i.path) === issuePath(o.path));
    raw = typeof o.value !== 'string' && failsHere(asValue) && !failsHere(setAt(raw, o.path, o.text, o.arg)) ? setAt(raw, o.path, o.text, o.arg) : asValue;
  }
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const byPath = new Map(overrides.map((o) => [issuePath(o.path), o.arg]));
  throw new BadInputError(zodProblems(file, r.error).map((p) => (byPath.has(p.path) ? { ...p, file: `--set ${byPath.get(p.path)} (in ${file})` } : p)));
}
