// CLI habits without starting anything: flags run and check share, the status line under
// the log, the addresses --keep prints, and the command itself (--version, bad flags exit 2).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFlags } from '../../src/cli-flags.js';
import { consoleLogger, setStatusLine } from '../../src/core/log.js';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';
import { topologyAddresses } from '../../src/targets/local/kept.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/region-lab.js', ...args], { encoding: 'utf8' });

describe('run and check flags', () => {
  it('GIVEN repeated --set, = and space forms THEN all are kept in order', () => {
    expect(runFlags(['x.yaml', '--set', 'load.rate=80', '--set=topology.lb.fall=3', '--higress', '2.2', '--data-plane=model', '--keep', '--no-live'])).toEqual({
      higress: '2.2',
      dataPlane: 'model',
      sets: ['load.rate=80', 'topology.lb.fall=3'],
      keep: true,
      quick: false,
      live: false,
    });
    expect(() => runFlags(['--higress', '3.0'])).toThrow(/not a Higress profile/);
    expect(() => runFlags(['--data-plane', 'nginx'])).toThrow(/not a data plane/);
  });
});

describe('status line', () => {
  it('GIVEN a status line on the stream WHEN a log line is written THEN the log goes above it and the line is drawn again', () => {
    let out = '';
    const stream = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    setStatusLine(stream, 't=1s');
    consoleLogger(stream)({ kind: 'info', message: 'hello' });
    setStatusLine(stream, undefined);
    expect(out).toBe('\r\x1b[Kt=1s\r\x1b[K    hello\nt=1s\r\x1b[K');
  });
});

describe('--keep addresses', () => {
  it('GIVEN the two-region topology THEN every entry, gateway, Nacos and the Toxiproxy API, one line each', () => {
    const lines = topologyAddresses(loadRunInputs('scenarios/region-outage.yaml').topology, 'Envoy 1.36.4');
    expect(lines[0]).toBe('south: entry http://127.0.1.1:18080 (load balancer 127.0.1.2:18080)');
    expect(lines).toContain('  gateway 2 (Envoy 1.36.4): http://127.0.2.22:8080, admin http://127.0.2.22:15000/');
    expect(lines).toContain('  nacos: http://127.0.1.10:8848/nacos');
    expect(lines[lines.length - 1]).toBe('toxiproxy API: http://127.0.0.1:18474/proxies');
  });
});

describe('the command', () => {
  it('--version prints the package version', () => {
    const r = cli('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`region-lab ${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}`);
  });
  it('bad flags and a missing directory are exit 2 before anything starts', () => {
    expect(cli('run', 'scenarios/region-outage.yaml', '--data-plane', 'nginx').status).toBe(2);
    expect(cli('run', 'scenarios/region-outage.yaml', '--set', 'load.rate=0').stderr).toMatch(/--set load.rate=0 \(in scenarios\/region-outage.yaml\) at load.rate/);
    const r = cli('check', 'no/such/dir');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no\/such\/dir: cannot read it as a directory of manifests/);
  });
  it('--help after a command prints the help and starts nothing; a flag the command does not take is exit 2 naming it', () => {
    const h = cli('nightly', '--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/^region-lab: does the multi-region Higress runbook hold\?/);
    const typo = cli('nightly', 'scenarios', '--compre');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/nightly does not take --compre; it takes --data-plane, --higress, --set, --compare/);
    expect(cli('compare', 'region-outage', '--data-plane', 'model').stderr).toMatch(/compare does not take --data-plane; it takes --higress, --set/);
    expect(cli('repeat', 'region-outage', '-x').stderr).toMatch(/repeat does not take -x; it takes -n, --data-plane/);
    // --higress and --set on compare, repeat and nightly are checked before anything starts
    expect(cli('compare', 'region-outage', '--higress', '3.0').stderr).toMatch(/"3.0" is not a Higress profile/);
    expect(cli('repeat', 'region-outage', '--set', 'load.rate=0').status).toBe(2);
  });
  it('check on a set with nothing to infer is exit 2 with what to add to region-lab.yaml', () => {
    const r = cli('check', 'test/fixtures/check/nothing-to-infer');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing-to-infer\/region-lab.yaml at regions: cannot tell which regions/);
    expect(r.stderr).toMatch(/hint: add region-lab.yaml next to your manifests/);
  });
});
