// Push → endpoints: instance weight per profile, labels, and what reports show.
import { describe, expect, it } from 'vitest';
import { endpointsFromInstances } from './discovery.js';
import { describeProfile, profileFor } from '../profiles.js';

const inst = (weight: number) => ({ ip: '127.0.0.1', port: 1, weight, healthy: false, enabled: true, metadata: { region: 'south' } });

describe('endpoints from a Nacos push', () => {
  it('GIVEN weights 2.6, 0, -1, 0.4 WHEN on 2.2 THEN round, ≤0 → 1, and 0 after rounding → 1', () => {
    expect(endpointsFromInstances([inst(2.6), inst(0), inst(-1), inst(0.4)], profileFor('2.2')).map((e) => e.weight)).toEqual([3, 1, 1, 1]);
  });
  it('GIVEN any weights WHEN on 2.1 THEN every endpoint weighs 1 (before #3342)', () => {
    expect(endpointsFromInstances([inst(5), inst(0.5)], profileFor('2.1')).map((e) => e.weight)).toEqual([1, 1]);
  });
  it('GIVEN an unhealthy instance WHEN pushed THEN it is still an endpoint, metadata as labels', () => {
    expect(endpointsFromInstances([inst(1)], profileFor('2.1'))).toEqual([{ address: '127.0.0.1:1', weight: 1, labels: { region: 'south' } }]);
  });
});

describe('profile description', () => {
  it('GIVEN the 2.2 profile WHEN described THEN it names the Nacos HTTPRoute 500 and the retry without 503', () => {
    const d = describeProfile(profileFor('2.2'));
    expect(d.behaviours['HTTPRoute → Nacos backend']).toContain('500');
    expect(d.behaviours['default retry']).not.toContain('503');
    expect(describeProfile(profileFor('2.1')).behaviours['default retry']).toContain('503');
  });
});
