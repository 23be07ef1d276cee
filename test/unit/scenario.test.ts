// Pins the scenario file's validation: the shipped scenario loads, and bad input is
// reported with the file, the field path and what would be valid, all at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/core/errors.js';
import { allManifests, loadRunInputs, manifestsOf } from '../../src/scenario/load-inputs.js';
import { timelineSteps } from '../../src/scenario/timeline-steps.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-scenario-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

const problemsOf = (file: string): string[] => {
  try {
    loadRunInputs(file);
  } catch (e) {
    if (e instanceof BadInputError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
};

describe('scenarios/region-outage.yaml', () => {
  it('GIVEN the shipped scenario THEN it loads with its topology, the McpBridge first and the routed Nacos hosts', () => {
    const inputs = loadRunInputs('scenarios/region-outage.yaml');
    expect(inputs.higress).toBe('2.1');
    expect(inputs.manifests[0]).toMatch(/mcpbridge-synced\.yaml$/);
    for (const region of ['south', 'north']) expect([...inputs.routedHosts[region]!].sort()).toEqual(['user-service-north.DEFAULT-GROUP.public.nacos', 'user-service-south.DEFAULT-GROUP.public.nacos']);
    expect(inputs.scenario.timeline[0]!.at).toBe(50_000);
  });
});

describe('scenarios/proximity-both-entries.yaml', () => {
  it('GIVEN region manifests THEN each region loads the McpBridge then its own route, and waits for the hosts its own route names', () => {
    const inputs = loadRunInputs('scenarios/proximity-both-entries.yaml');
    expect(manifestsOf(inputs, 'south').map((m) => m.split('/').pop())).toEqual(['mcpbridge-synced.yaml', 'gateways.yaml', 'proximity-route.yaml']);
    expect(manifestsOf(inputs, 'north').map((m) => m.split('/').pop())).toEqual(['mcpbridge-synced.yaml', 'gateways.yaml', 'proximity-route-north.yaml']);
    expect(allManifests(inputs)).toHaveLength(4);
    expect(inputs.routedHosts.north![0]).toBe('user-service-north.DEFAULT-GROUP.public.nacos');
    expect(inputs.scenario.load.entry).toEqual(['south', 'north']);
  });
});

describe('malformed scenarios', () => {
  const base = `name: t
description: d
claim: c
topology: clusters/two-region.yaml
manifests: [clusters/routes/proximity-route.yaml]
load: { entry: south, rate: 10, duration: 60s, vus: { pre: 5, max: 10 } }
timeline:
  - { id: down, at: 10s, until: 20s, fault: { kind: cluster-outage, cluster: biz-south } }
expectations:
  - { id: acc, kind: request-accounting, source: testbed }
`;
  it.each([
    ['an unknown top-level field', base + 'extra: 1\n', /extra: unknown field "extra"/],
    ['a duration without unit', base.replace('duration: 60s', 'duration: 60x'), /load\.duration: "60x" is not a duration/],
    ['a fault in an unknown cluster', base.replace('cluster: biz-south', 'cluster: biz-east'), /timeline\[0\]\.fault\.cluster: no cluster biz-east/],
    ['an unknown fault kind', base.replace('kind: cluster-outage', 'kind: meteor'), /unknown fault kind/],
    ['a heal before the fault', base.replace('until: 20s', 'until: 5s'), /timeline\[0\]\.until: must come after at/],
    ['an unknown entry region', base.replace('entry: south', 'entry: east'), /load\.entry: no region "east"/],
    ['an expectation on an unknown fault', base + '  - { id: f, kind: failover-time, entry: south, fault: nope, errorRateBelow: 0.01, expected: { max: 10s }, source: x }\n', /no timeline entry "nope"/],
    ['a missing manifest', base.replace('proximity-route.yaml', 'nope.yaml'), /manifests\[0\]: clusters\/routes\/nope\.yaml does not exist/],
    ['a YAML syntax error', base + 'bad: [\n', /.+/],
  ])('GIVEN %s THEN it is rejected naming the field', (_what, text, pattern) => {
    const problems = problemsOf(write(`s${Math.random()}.yaml`, text));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(pattern);
  });

  it('GIVEN several mistakes THEN every one is reported in one error', () => {
    const text = base.replace('entry: south', 'entry: east').replace('cluster: biz-south', 'cluster: biz-east');
    expect(problemsOf(write('two.yaml', text))).toHaveLength(2);
  });
});

describe('timelineSteps', () => {
  it('GIVEN overlapping faults THEN steps come in time order, a heal before an apply at the same instant', () => {
    const f = { kind: 'cluster-outage', cluster: 'biz-south', mode: 'hard' } as const;
    const steps = timelineSteps([
      { id: 'a', at: 10_000, until: 30_000, fault: f },
      { id: 'b', at: 30_000, fault: f },
    ]);
    expect(steps.map((s) => `${s.entry.id}:${s.action}@${s.atMs}`)).toEqual(['a:apply@10000', 'a:heal@30000', 'b:apply@30000']);
  });
});
