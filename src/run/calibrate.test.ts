// GIVEN a scenario's load WHEN the calibration burst is planned THEN it is the same
// client and requests at a constant rate for CALIBRATION_MS, whatever the load's ramp.
import { describe, expect, it } from 'vitest';
import { k6LoadConfig } from '../load/invocation.js';
import { loadSchema } from '../scenario/schema.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { topologySchema } from '../topology/schema.js';
import { CALIBRATION_MS, calibrationLoad, configuredPathsMs } from './calibrate.js';

describe('calibrationLoad', () => {
  it('GIVEN a ramping load into two entries with headers THEN a constant burst at the start rate, same entries, host, path and headers', () => {
    const load = loadSchema.parse({
      entry: ['south', 'north'], rate: 30, duration: '60s', host: 'canary.example.com', path: '/orders', timeout: '5s', vus: { pre: 30, max: 300 },
      stages: [{ duration: '30s', target: 90 }, { duration: '30s', target: 30 }],
      headers: [{ name: 'X-Canary', value: 'always', share: 0.5 }],
    });
    const burst = calibrationLoad(load);
    expect(burst.stages).toBeUndefined();
    expect(burst.duration).toBe(CALIBRATION_MS);
    const cfg = k6LoadConfig(burst, (r) => `http://${r}.invalid:1`);
    expect(cfg).toMatchObject({ rate: 30, durationS: CALIBRATION_MS / 1000, host: 'canary.example.com', path: '/orders', timeoutS: 5, stages: [] });
    expect(cfg.targets.map((t) => t.entry)).toEqual(['south', 'north']);
    expect(cfg.variations).toEqual([{ kind: 'header', name: 'x-canary', values: [{ value: 'always', share: 0.5 }] }]);
  });
});

describe('configuredPathsMs', () => {
  it('GIVEN the two-region topology THEN each path from an entry is the data link to the serving region, as whole ms (the entry link is the testbed\'s)', () => {
    const t = topologySchema.parse(parse(readFileSync(new URL('../../clusters/two-region.yaml', import.meta.url), 'utf8')));
    expect(configuredPathsMs(t, ['south'])).toEqual({ 'south → south': 7, 'south → north': 40 });
  });
});
