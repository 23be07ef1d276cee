// GIVEN the apply-manifest action (blue/green route swap) WHEN parsed, described
// and checked against the disk THEN it reads like kubectl and refuses what cannot run.
import { describe, expect, it } from 'vitest';
import { loadYamlFile } from '../core/input.js';
import { topologySchema } from '../topology/schema.js';
import { checkFault } from './check.js';
import { describeFault, faultSchema } from './fault.js';

const topology = loadYamlFile('clusters/two-region-gateway-features.yaml', topologySchema);

describe('apply-manifest', () => {
  it('GIVEN delete and apply lists THEN it is described as kubectl delete, then apply', () => {
    const f = faultSchema.parse({ kind: 'apply-manifest', delete: ['clusters/routes/features/blue-route.yaml'], apply: ['clusters/routes/features/green-route.yaml'] });
    expect(describeFault(f)).toBe('delete blue-route.yaml, then apply green-route.yaml on every gateway');
    expect(checkFault(f, topology)).toEqual([]);
  });

  it('GIVEN only apply THEN delete defaults to none', () => {
    expect(faultSchema.parse({ kind: 'apply-manifest', apply: ['a.yaml'] })).toEqual({ kind: 'apply-manifest', apply: ['a.yaml'], delete: [] });
  });

  it('GIVEN neither list THEN it is refused', () => {
    expect(faultSchema.safeParse({ kind: 'apply-manifest' }).error?.issues[0]?.message).toBe('list manifests to apply, to delete, or both');
  });

  it('GIVEN a manifest that does not exist THEN the check names the field and the root', () => {
    const f = faultSchema.parse({ kind: 'apply-manifest', apply: ['clusters/routes/features/nope.yaml'] });
    expect(checkFault(f, topology)).toEqual([{ path: 'apply.0', message: expect.stringContaining('clusters/routes/features/nope.yaml does not exist') }]);
  });
});
