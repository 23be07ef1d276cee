// Reads conformance case files (a file, or every *.yaml of a folder) and validates
// them all before anything starts: every problem of every file in one BadInputError
// (exit 2), each naming the file, the field and what would be valid.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BadInputError, type InputProblem } from '../core/errors.js';
import { parseYaml, readYamlText, zodProblems } from '../core/input.js';
import { caseProblems } from './case-rules.js';
import { caseSchema, type ConformanceCase } from './schema.js';

/** The suite folder at the project root. */
export const SUITE_DIR = 'conformance';

export interface LoadedCase {
  readonly file: string;
  readonly case: ConformanceCase;
}

function caseFiles(paths: readonly string[], problems: InputProblem[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      problems.push({ file: p, path: '', message: 'no such file or folder; give a case file or a folder of them (default: conformance/)' });
      continue;
    }
    if (!isDir) files.push(p);
    else files.push(...readdirSync(p).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(p, f)));
  }
  return files;
}

export function loadCases(paths: readonly string[] = [SUITE_DIR]): LoadedCase[] {
  const problems: InputProblem[] = [];
  const out: LoadedCase[] = [];
  const byName = new Map<string, string>();
  const files = caseFiles(paths, problems);
  if (files.length === 0 && problems.length === 0) problems.push({ file: paths.join(', '), path: '', message: 'no *.yaml case file found' });
  for (const file of files) {
    let raw: unknown;
    try {
      raw = parseYaml(file, readYamlText(file));
    } catch (e) {
      if (e instanceof BadInputError) problems.push(...e.problems);
      else throw e;
      continue;
    }
    const r = caseSchema.safeParse(raw);
    if (!r.success) {
      problems.push(...zodProblems(file, r.error).map((p) => ({ ...p, message: p.message.replace('(see docs/scenarios.md)', '(see docs/conformance.md)') })));
      continue;
    }
    const fileProblems = caseProblems(r.data, file, basename(file, '.yaml'));
    problems.push(...fileProblems);
    const twin = byName.get(r.data.name);
    if (twin) problems.push({ file, path: 'name', message: `case "${r.data.name}" is also defined in ${twin}` });
    byName.set(r.data.name, file);
    if (fileProblems.length === 0) out.push({ file, case: r.data });
  }
  if (problems.length > 0) throw new BadInputError(problems, 'fix the case files; the format is in docs/conformance.md');
  return out;
}
