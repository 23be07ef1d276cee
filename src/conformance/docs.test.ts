// docs/conformance.md lists every known failure that the case files mark (translation,
// model or Envoy), and nothing else, so the doc cannot fall behind the cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCases } from './load.js';

describe('docs/conformance.md', () => {
  it('GIVEN the case files WHEN the known-failure table is read THEN it has exactly one row per mark, naming its data plane', () => {
    const doc = readFileSync('docs/conformance.md', 'utf8');
    const table = doc.slice(doc.indexOf('<!-- known-failures:start -->'), doc.indexOf('<!-- known-failures:end -->'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `')).map((l) => /^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \|/.exec(l)!).map((m) => `${m[1]} ${m[2]!.trim()} (${m[3]!.trim()})`);
    const marks = loadCases().flatMap(({ case: c }) => c.knownFailures.map((k) => `${c.name} ${k.dataPlane} (${(k.higress ?? c.higress).join(', ')})`));
    expect(rows.sort()).toEqual(marks.sort());
  });
});
