// The parent–child contract of region-lab's own processes (business instances, the
// sync agent, and the gateway and controller processes): the parent writes a JSON
// config file typed by the child's zod schema; the child checks it at start-up and,
// when it is wrong, says which field in one marked stderr line and exits with
// CHILD_CONFIG_EXIT; the parent reads that line back into a ChildConfigError naming
// the component and the field, instead of waiting for a readiness timeout.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ChildConfigError, type InputProblem } from './errors.js';
import { zodProblems } from './input.js';

/** sysexits.h EX_CONFIG: the child refused its configuration. */
export const CHILD_CONFIG_EXIT = 78;
/** Starts the one stderr line a child writes its problems on, as JSON. */
export const CHILD_CONFIG_MARK = 'region-lab child-config problems: ';

/** The problems of a config file against a schema; [] and the parsed value when it is valid. */
export function checkChildConfig<S extends z.ZodType>(file: string, schema: S): { config?: z.output<S>; problems: InputProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { problems: [{ file, path: '', message: `cannot read it as JSON (${(e as Error).message})` }] };
  }
  const r = schema.safeParse(raw);
  return r.success ? { config: r.data, problems: [] } : { problems: zodProblems(file, r.error) };
}

export interface ChildIo {
  readonly argv: readonly string[];
  writeErr(text: string): void;
  exit(code: number): never;
}

const processIo: ChildIo = { argv: process.argv, writeErr: (t) => void process.stderr.write(t), exit: (c) => process.exit(c) };

/** In a child's main: the config file named by argv[2], checked; exits CHILD_CONFIG_EXIT when it is wrong. */
export function readChildConfig<S extends z.ZodType>(component: string, schema: S, io: ChildIo = processIo): z.output<S> {
  const file = io.argv[2];
  if (!file) {
    io.writeErr(`usage: ${component} <config.json>\n`);
    return io.exit(2);
  }
  const { config, problems } = checkChildConfig(file, schema);
  if (problems.length === 0) return config as z.output<S>;
  for (const p of problems) io.writeErr(`${component}: ${file}${p.path ? ` at ${p.path}` : ''}: ${p.message}\n`);
  io.writeErr(`${CHILD_CONFIG_MARK}${JSON.stringify(problems)}\n`);
  return io.exit(CHILD_CONFIG_EXIT);
}

/** In the parent, once a child exited: the ChildConfigError its log holds, if it refused its config. */
export function childConfigFailure(component: string, exitCode: number | null, logFile: string): ChildConfigError | undefined {
  if (exitCode !== CHILD_CONFIG_EXIT) return undefined;
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    /* no log: the generic message below */
  }
  const line = text.split('\n').findLast((l) => l.startsWith(CHILD_CONFIG_MARK));
  let problems: InputProblem[] = [{ file: logFile, path: '', message: `exited with code ${CHILD_CONFIG_EXIT} (bad config) without saying which field` }];
  if (line) {
    try {
      problems = JSON.parse(line.slice(CHILD_CONFIG_MARK.length)) as InputProblem[];
    } catch {
      /* a cut line: keep the generic problem */
    }
  }
  return new ChildConfigError(component, problems);
}
