// Every scenario of the catalogue loads with its topology and manifests, names the
// runbook claim it checks, and says where each expected number comes from.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRunInputs } from '../../src/run/load-inputs.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('scenario catalogue', () => {
  it('GIVEN the catalogue THEN it holds the runbook claims issue 6 lists', () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
  });
  it.each(files)('GIVEN scenarios/%s THEN it loads, its name matches the file, and every expectation has a source', (f) => {
    const { scenario } = loadRunInputs(`scenarios/${f}`);
    expect(`${scenario.name}.yaml`).toBe(f);
    expect(scenario.claim).toMatch(/RUNBOOK|testbed/);
    for (const e of scenario.expectations) expect(e.source.length).toBeGreaterThan(5);
    if (scenario.knownOutcome) expect(scenario.knownOutcome.reason.length).toBeGreaterThan(40);
  });
});
