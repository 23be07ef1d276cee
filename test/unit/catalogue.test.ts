// Every scenario of the catalogue loads with its topology and manifests, names the
// runbook claim it checks, and says where each expected number comes from.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadYamlFile } from '../../src/core/input.js';
import { loadManifestFiles } from '../../src/gateway/translation/manifests.js';
import { profileFor } from '../../src/gateway/profiles.js';
import { KubeServices } from '../../src/gateway/translation/services.js';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';
import { topologySchema } from '../../src/topology/schema.js';

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

describe('gateway-feature manifests', () => {
  const topology = loadYamlFile('clusters/two-region-gateway-features.yaml', topologySchema);
  const services = new KubeServices(topology.regions.find((r) => r.name === 'south')!.middleware.services);
  const dir = 'clusters/routes/features';
  it.each(readdirSync(dir).filter((f) => f.endsWith('.yaml')))('GIVEN %s and the south Services WHEN loaded THEN it yields routes and nothing is ignored', (f) => {
    // a canary Ingress needs its stable Ingress (canary-base.yaml), as in the scenarios
    const files = ['clusters/routes/gateways.yaml', ...(f.startsWith('canary-by-') ? [join(dir, 'canary-base.yaml'), join(dir, f)] : [join(dir, f)])];
    const m = loadManifestFiles(files, profileFor('2.1'), { ingressClass: 'higress', services });
    expect(m.routes.length).toBeGreaterThan(0);
    expect(m.ignored).toEqual([]);
  });
});
