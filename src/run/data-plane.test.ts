// --data-plane: checked, the flag wins over the topology, envoy is not available yet (exit 2).
import { describe, expect, it } from 'vitest';
import { BadInputError, MissingPrerequisiteError } from '../core/errors.js';
import { parseDataPlane, resolveDataPlane } from './data-plane.js';

describe('data plane', () => {
  it('auto and model run the model; the flag wins over the topology', () => {
    expect(resolveDataPlane(undefined, 'auto', 't.yaml')).toBe('model');
    expect(resolveDataPlane('model', 'envoy', 't.yaml')).toBe('model');
  });
  it('envoy, from the flag or the topology, is a missing prerequisite naming where it was asked for', () => {
    expect(() => resolveDataPlane('envoy', 'auto', 't.yaml')).toThrow(MissingPrerequisiteError);
    expect(() => resolveDataPlane(undefined, 'envoy', 't.yaml')).toThrow(/dataPlane: envoy in t.yaml/);
    try {
      resolveDataPlane('envoy', 'auto', 't.yaml');
    } catch (e) {
      expect((e as MissingPrerequisiteError).exitCode).toBe(2);
    }
  });
  it('an unknown value is bad input naming the flag', () => {
    expect(parseDataPlane(undefined)).toBeUndefined();
    expect(parseDataPlane('envoy')).toBe('envoy');
    expect(() => parseDataPlane('nginx')).toThrow(BadInputError);
  });
});
