// GIVEN a scenario's load WHEN the k6 command is built THEN it carries the offline
// flags and the RL_LOAD JSON the script reads, with durations in seconds.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../scenario/schema.js';
import { defaultScriptPath, k6Invocation, k6LoadConfig } from './invocation.js';

const spec = loadSchema.parse({ entry: 'south', rate: 40, duration: '150s', path: '/api/users', timeout: '10s', vus: { pre: 40, max: 500 } });

describe('k6Invocation', () => {
  const inv = k6Invocation({ k6Path: '/bin/k6', spec, entryUrl: () => 'http://127.0.1.10:8080/', requestsFile: '/r/requests.tsv', summaryFile: '/r/k6-summary.json' }, { PATH: '/usr/bin' });

  it('runs the script with its lines in the console output, summary export, no --out and no REST API', () => {
    expect(inv.command).toBe('/bin/k6');
    expect(inv.args[0]).toBe('run');
    expect(inv.args.join(' ')).toContain('--console-output /r/requests.tsv --log-format raw');
    expect(inv.args).not.toContain('--out');
    expect(inv.args.join(' ')).toContain('--summary-export /r/k6-summary.json');
    expect(inv.args).toContain('--no-usage-report');
    const a = inv.args.indexOf('--address');
    expect(inv.args[a + 1]).toBe('');
    expect(inv.args[inv.args.length - 1]).toBe(defaultScriptPath());
  });

  it('passes the load in RL_LOAD and turns off usage reports and extension resolution', () => {
    expect(inv.env.K6_NO_USAGE_REPORT).toBe('true');
    expect(inv.env.K6_AUTO_EXTENSION_RESOLUTION).toBe('false');
    expect(inv.env.PATH).toBe('/usr/bin');
    expect(JSON.parse(inv.env.RL_LOAD!)).toEqual({
      targets: [{ entry: 'south', url: 'http://127.0.1.10:8080' }],
      host: 'api.example.com',
      path: '/api/users',
      rate: 40,
      durationS: 150,
      timeoutS: 10,
      preVUs: 40,
      maxVUs: 500,
      stages: [],
      variations: [],
    });
  });

  it('GIVEN headers and cookies WHEN the config is built THEN values of one name are grouped as alternatives (header names case-folded)', () => {
    const varied = loadSchema.parse({
      entry: 'south', rate: 10, duration: '10s', vus: { pre: 1, max: 10 },
      headers: [{ name: 'X-AB-Group', value: 'A', share: 0.4 }, { name: 'x-ab-group', value: 'B', share: 0.4 }, { name: 'X-Canary', value: 'always', share: 0.1 }],
      cookies: [{ name: 'canary_user', value: 'always', share: 0.3 }],
    });
    expect(k6LoadConfig(varied, () => 'http://127.0.41.1:18080').variations).toEqual([
      { kind: 'header', name: 'x-ab-group', values: [{ value: 'A', share: 0.4 }, { value: 'B', share: 0.4 }] },
      { kind: 'header', name: 'x-canary', values: [{ value: 'always', share: 0.1 }] },
      { kind: 'cookie', name: 'canary_user', values: [{ value: 'always', share: 0.3 }] },
    ]);
  });

  it('finds the script in the repository', () => {
    expect(existsSync(defaultScriptPath())).toBe(true);
  });
});

describe('ramping load', () => {
  it('GIVEN stages THEN k6 gets them in seconds with the start rate, and the stages must fill the duration', () => {
    const ramp = loadSchema.parse({ entry: 'south', rate: 10, duration: '60s', stages: [{ duration: '30s', target: 100 }, { duration: '30s', target: 10 }], vus: { pre: 10, max: 500 } });
    expect(k6LoadConfig(ramp, () => 'http://127.0.1.1:18080')).toMatchObject({ rate: 10, stages: [{ durationS: 30, target: 100 }, { durationS: 30, target: 10 }] });
  });

  it('GIVEN two entry regions WHEN the config is built THEN each gets its own target, in the order given, at the same rate', () => {
    const both = loadSchema.parse({ entry: ['south', 'north'], rate: 20, duration: '10s', vus: { pre: 5, max: 50 } });
    const urls: Record<string, string> = { south: 'http://127.0.1.1:18080/', north: 'http://127.0.2.1:18080' };
    expect(k6LoadConfig(both, (r) => urls[r]!)).toMatchObject({
      rate: 20,
      targets: [
        { entry: 'south', url: 'http://127.0.1.1:18080' },
        { entry: 'north', url: 'http://127.0.2.1:18080' },
      ],
    });
  });
});
