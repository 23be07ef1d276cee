// docs/lint.md lists every rule with its severity, so the docs cannot fall behind the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from './rules/index.js';

describe('docs/lint.md', () => {
  const doc = readFileSync('docs/lint.md', 'utf8');
  it('GIVEN every rule WHEN the docs are read THEN each has a row with its severity and a section', () => {
    for (const r of RULES) {
      expect(doc, r.id).toContain(`| \`${r.id}\` | ${r.severity} |`);
      expect(doc, r.id).toContain(`### \`${r.id}\` (${r.severity})`);
    }
  });
});
