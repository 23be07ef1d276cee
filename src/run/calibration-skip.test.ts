// A calibration burst must not spend what the scenario measures: the rate-limited
// scenarios are not calibrated (and say why), every other catalogue scenario is.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRunInputs } from '../scenario/load-inputs.js';
import { calibrationWouldSpend } from './calibration-skip.js';

describe('calibration and rate limits', () => {
  it('GIVEN the seed rate-limit Ingress on the load host THEN no calibration, naming the manifest and what the latencies then are', () => {
    for (const s of ['rate-limit-rps-only', 'rate-limit-rpm-and-rps']) {
      expect(calibrationWouldSpend(loadRunInputs(`scenarios/${s}.yaml`))).toMatch(/^not calibrated: the load's route \(api\.example\.com\/api\/users\) has a local rate limit \(clusters\/routes\/features\/rate-limit-(rps|seed)\.yaml\), and a calibration burst would spend the token buckets .* reported as measured/);
    }
  });

  it('GIVEN the same scenario with the load on another host THEN it is calibrated', () => {
    const inputs = loadRunInputs('scenarios/rate-limit-rps-only.yaml');
    expect(calibrationWouldSpend({ ...inputs, scenario: { ...inputs.scenario, load: { ...inputs.scenario.load, host: 'other.example.com' } } })).toBeUndefined();
  });

  it('GIVEN every other catalogue scenario THEN it is calibrated', () => {
    const skipped = readdirSync('scenarios')
      .filter((f) => f.endsWith('.yaml'))
      .filter((f) => calibrationWouldSpend(loadRunInputs(`scenarios/${f}`)) !== undefined);
    expect(skipped.sort()).toEqual(['rate-limit-rpm-and-rps.yaml', 'rate-limit-rps-only.yaml']);
  });
});
