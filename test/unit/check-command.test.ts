// runCheck with the run stood in for (it records what it was asked to run): what check
// writes to --out, that every generated scenario loads as `region-lab run` loads it, the
// index page with lint's findings beside the scenarios, and the exit codes.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck, type CheckOptions } from '../../src/check/index.js';
import { BadInputError } from '../../src/core/errors.js';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';

const outs: string[] = [];
afterEach(() => outs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function opts(dir: string, over: Partial<CheckOptions> = {}): CheckOptions & { asked: string[]; said: string[] } {
  const out = mkdtempSync(join(tmpdir(), 'rl-check-out-'));
  outs.push(out);
  const asked: string[] = [];
  const said: string[] = [];
  return {
    dir, out, quick: true, log: () => {}, say: (l) => said.push(l), tools: {}, asked, said,
    run: async (file) => {
      asked.push(file);
      return { exitCode: 1, line: `${file}: FAIL (stand-in)` };
    },
    ...over,
  };
}

describe('region-lab check (run stood in)', () => {
  it('GIVEN the shop WHEN checked --quick THEN it writes topology, manifests and 19 scenarios, runs only the quick one, and each scenario loads as run loads it', async () => {
    const o = opts('examples/shop');
    const r = await runCheck(o);
    expect(o.asked.map((f) => f.split('/').pop())).toEqual(['shop-quick.yaml']);
    expect(r.exitCode).toBe(1); // the stand-in said an expectation failed
    const files = readdirSync(join(o.out!, 'scenarios'));
    expect(files).toHaveLength(19);
    expect(readdirSync(join(o.out!, 'manifests')).sort()).toEqual(['east', 'mcpbridge.yaml', 'west']);
    // the per-region Ingress is copied byte for byte (the user's comments stay)
    expect(readFileSync(join(o.out!, 'manifests/east/ingress.yaml'), 'utf8')).toBe(readFileSync('examples/shop/east/ingress.yaml', 'utf8'));
    for (const f of files) {
      const inputs = loadRunInputs(join(o.out!, 'scenarios', f));
      expect(inputs.topology.name).toBe('shop');
      expect(inputs.regionManifests).toEqual({ east: [join(o.out!, 'manifests/east/ingress.yaml')], west: [join(o.out!, 'manifests/west/ingress.yaml')] });
      // the gateways wait for the destination hosts before the load starts
      expect(inputs.routedHosts.east).toEqual(['checkout-east.SHOP-GROUP.shop-prod.nacos', 'checkout-west.SHOP-GROUP.shop-prod.nacos']);
    }
    expect(o.said).toContain('regions east, west — from service names checkout-east / checkout-west');
    const page = readFileSync(r.index, 'utf8');
    expect(page).toContain('shop-quick');
    expect(page).toContain('Not run (18)');
    expect(JSON.parse(readFileSync(join(o.out!, 'check.json'), 'utf8')).scenarios).toHaveLength(19);
  });

  it('GIVEN the payments set on Higress 2.2 THEN lint\'s nacos-backend-unsupported is on top and beside every scenario', async () => {
    const o = opts('test/fixtures/check/payments-httproute-multi', { higress: '2.2', quick: false, run: async () => ({ exitCode: 0, line: 'ok' }) });
    const r = await runCheck(o);
    expect(o.said.some((l) => /^lint error nacos-backend-unsupported: /.test(l))).toBe(true);
    expect(r.results.every((x) => x.findings.some((f) => f.ruleId === 'nacos-backend-unsupported'))).toBe(true);
    const page = readFileSync(r.index, 'utf8');
    const ran = r.results.filter((x) => x.run);
    expect(ran).toHaveLength(16);
    expect(page.match(/lint already knows/g)?.length).toBe(ran.length);
    expect(page).toMatch(/payments-httproute-multi-quick.yaml<\/code> <span class="muted">\(lint: [^)]*nacos-backend-unsupported\)/);
  });

  it('GIVEN an McpBridge Higress ignores and Nacos backends THEN nothing runs, the page says why, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-check-in-'));
    outs.push(dir);
    writeFileSync(join(dir, 'all.yaml'), readFileSync('test/fixtures/check/retail-ingress-export/mcpbridge.yaml', 'utf8').replace('name: default', 'name: retail-bridge') + '---\n' + readFileSync('test/fixtures/check/retail-ingress-export/exported.yaml', 'utf8'));
    const o = opts(dir);
    const r = await runCheck(o);
    expect(o.asked).toEqual([]);
    expect(r.exitCode).toBe(1);
    expect(readFileSync(r.index, 'utf8')).toMatch(/cannot run:<\/strong> Higress watches no Nacos registry/);
    expect(o.said.some((l) => l.startsWith('lint error mcpbridge-ignored'))).toBe(true);
  });

  it('GIVEN --out pointing at a directory check did not write THEN exit 2 and nothing is touched', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rl-check-foreign-'));
    outs.push(out);
    writeFileSync(join(out, 'precious.txt'), 'x');
    await expect(runCheck({ ...opts('examples/shop'), out })).rejects.toThrow(BadInputError);
    expect(readdirSync(out)).toEqual(['precious.txt']);
  });

  it('GIVEN --data-plane envoy where no Envoy is installed THEN exit 2 before anything is written', async () => {
    const o = opts('examples/shop', { dataPlane: 'envoy' });
    await expect(runCheck(o)).rejects.toThrow(/missing prerequisite: Envoy \(the data plane asked for\)/);
    expect(existsSync(join(o.out!, 'topology.yaml'))).toBe(false);
  });

  it('GIVEN Envoy installed WHEN checked with auto THEN every run is asked for on Envoy and the index names it', async () => {
    const dataPlanes: string[] = [];
    const o = opts('examples/shop', { tools: { envoy: { path: '/nonexistent/envoy', version: '1.36.4' } } });
    const r = await runCheck({ ...o, run: async (file, _root, dp) => (dataPlanes.push(dp), { exitCode: 0, line: `${file}: PASS (stand-in)` }) });
    expect(dataPlanes).toEqual(['envoy']);
    expect(o.said.some((l) => l.startsWith('data plane Envoy 1.36.4'))).toBe(true);
    expect(readFileSync(r.index, 'utf8')).toContain('Envoy 1.36.4');
  });
});
