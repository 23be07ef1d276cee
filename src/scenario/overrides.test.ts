// --set: any scenario or topology field, read as YAML, checked by the schemas, errors naming the --set.
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../core/errors.js';
import { loadRunInputs } from './load-inputs.js';
import { parseOverrides, setAt } from './overrides.js';

describe('--set', () => {
  it('GIVEN scenario and topology paths WHEN parsed THEN each goes to its file, values read as YAML', () => {
    expect(parseOverrides(['load.rate=80', 'topology.lb.fall=3', 'expectations[1].expected.max=25s', 'topology=clusters/two-region-grpc.yaml'])).toEqual([
      { target: 'scenario', path: ['load', 'rate'], value: 80, text: '80', arg: 'load.rate=80' },
      { target: 'topology', path: ['lb', 'fall'], value: 3, text: '3', arg: 'topology.lb.fall=3' },
      { target: 'scenario', path: ['expectations', 1, 'expected', 'max'], value: '25s', text: '25s', arg: 'expectations[1].expected.max=25s' },
      { target: 'scenario', path: ['topology'], value: 'clusters/two-region-grpc.yaml', text: 'clusters/two-region-grpc.yaml', arg: 'topology=clusters/two-region-grpc.yaml' },
    ]);
    expect(() => parseOverrides(['load.rate'])).toThrow(/write --set <path>=<value>/);
    expect(() => parseOverrides(['load..rate=1'])).toThrow(/is not a field name/);
  });

  it('GIVEN the shipped region-outage WHEN run inputs load with overrides THEN the run sees them, and higress=2.2 stays text', () => {
    const i = loadRunInputs('scenarios/region-outage.yaml', undefined, parseOverrides(['load.rate=80', 'higress=2.2', 'topology.lb.fall=3', 'timeline[0].until=100s']));
    expect(i.scenario.load.rate).toBe(80);
    expect(i.higress).toBe('2.2');
    expect(i.topology.lb.fall).toBe(3);
    expect(i.scenario.timeline[0]!.until).toBe(100_000);
    expect(i.scenarioText.startsWith('# --set load.rate=80\n# --set higress=2.2\n')).toBe(true);
  });

  it('GIVEN bad overrides THEN exit 2 naming each --set with what is valid', () => {
    const problems = (sets: string[]) => {
      try {
        loadRunInputs('scenarios/region-outage.yaml', undefined, parseOverrides(sets));
      } catch (e) {
        expect(e).toBeInstanceOf(BadInputError);
        return (e as BadInputError).problems;
      }
      return [];
    };
    expect(problems(['load.rate=fast', 'load.speed=1']).map((p) => p.file)).toEqual(['--set load.rate=fast (in scenarios/region-outage.yaml)', '--set load.speed=1 (in scenarios/region-outage.yaml)']);
    const topo = problems(['topology.lb.fall=0']);
    expect(topo).toHaveLength(1);
    expect(topo[0]!.file).toMatch(/^--set topology.lb.fall=0 \(in .*clusters\/two-region.yaml\)$/);
    expect(topo[0]!.path).toBe('lb.fall');
  });

  it('setAt copies, creates missing objects, refuses an index past the end', () => {
    const raw = { a: [{ b: 1 }] };
    expect(setAt(raw, ['a', 0, 'c', 'd'], 2, 'x')).toEqual({ a: [{ b: 1, c: { d: 2 } }] });
    expect(raw).toEqual({ a: [{ b: 1 }] });
    expect(() => setAt(raw, ['a', 3, 'b'], 1, 'a[3].b=1')).toThrow(/index 3 is not in the list/);
  });
});
