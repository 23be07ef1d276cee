// The case loader: the malformed corpus (test/fixtures/conformance-malformed/, each file's
// first line names the field and message expected) is refused with exit 2, naming file and
// field; a folder reports every file's problems at once; the suite itself loads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../core/errors.js';
import { loadCases } from './load.js';

const dir = 'test/fixtures/conformance-malformed';
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function refusal(paths: string[]): BadInputError {
  try {
    loadCases(paths);
  } catch (e) {
    if (e instanceof BadInputError) return e;
    throw e;
  }
  throw new Error(`${paths.join(', ')} was accepted`);
}

describe('conformance case loader', () => {
  it('GIVEN the malformed corpus THEN it holds at least 20 files', () => expect(files.length).toBeGreaterThanOrEqual(20));

  it.each(files)('GIVEN %s WHEN loaded THEN it is refused with exit 2, naming the file, the field and the fix', (f) => {
    const file = join(dir, f);
    const [, path, message] = /^# expect: (.*) :: (.*)$/m.exec(readFileSync(file, 'utf8'))!;
    const err = refusal([file]);
    expect(err.exitCode).toBe(2);
    expect(err.problems.every((p) => p.file.startsWith(file))).toBe(true);
    const lines = err.problems.map((p) => `${p.path} :: ${p.message}`);
    expect(lines.some((l) => new RegExp(path!).test(l.split(' :: ')[0]!) && new RegExp(message!).test(l)), lines.join('\n')).toBe(true);
  });

  it('GIVEN the whole malformed folder WHEN loaded THEN every file has a problem in the one error', () => {
    const err = refusal([dir]);
    const named = new Set(err.problems.map((p) => p.file.replace(/:\d+:\d+$/, '')));
    expect([...named].sort()).toEqual(files.map((f) => join(dir, f)));
  });

  it('GIVEN a path that does not exist THEN it is refused, naming it', () => {
    const err = refusal(['conformance/no-such-case.yaml']);
    expect(err.problems[0]).toMatchObject({ file: 'conformance/no-such-case.yaml', message: expect.stringContaining('no such file') });
  });

  it('GIVEN the suite (conformance/) THEN it loads: at least 60 cases, each with a source', () => {
    const cases = loadCases();
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const { case: c } of cases) expect(c.source.length).toBeGreaterThan(0);
  });
});
