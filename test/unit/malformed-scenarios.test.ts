// A corpus of malformed scenarios (test/fixtures/malformed/): each file's first line
// says which field must be named and what the message must say. Each is refused
// before anything starts, with the file, the field path and what would be valid.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/core/errors.js';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';

const dir = 'test/fixtures/malformed';
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('malformed scenario corpus', () => {
  it('GIVEN the corpus THEN it holds at least 25 cases', () => expect(files.length).toBeGreaterThanOrEqual(25));

  it.each(files)('GIVEN %s THEN it is refused naming the field and the fix', (f) => {
    const file = join(dir, f);
    const [, path, message] = /^# expect: (.*) :: (.*)$/m.exec(readFileSync(file, 'utf8'))!;
    let err: unknown;
    try {
      loadRunInputs(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    const problems = (err as BadInputError).problems;
    expect(problems.every((p) => p.file.startsWith(file))).toBe(true);
    expect((err as BadInputError).exitCode).toBe(2);
    const lines = problems.map((p) => `${p.path} :: ${p.message}`);
    expect(lines.some((l) => new RegExp(path!).test(l.split(' :: ')[0]!) && new RegExp(message!).test(l)), lines.join('\n')).toBe(true);
  });
});
