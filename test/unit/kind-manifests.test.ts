// Every object the kind target applies, checked against the real schemas through
// src/schemas (kubernetes-models, the Gateway API models, and the Higress McpBridge
// CRD converted by ajv), and every Helm value it sets against the chart's values.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFieldPath, validateManifest } from '../../src/schemas/index.js';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';
import { buildKindPlan } from '../../src/targets/kind/build-plan.js';
import { loadKindConfig } from '../../src/targets/kind/kind-config.js';
import { chartValues, effectiveValue, helmInstallProblems, helmValueKeys, unknownHelmValues } from '../../src/targets/kind/helm-values.js';
import type { ApplyStep, CommandStep, KindPlan } from '../../src/targets/kind/plan.js';

const plans: [string, KindPlan][] = [
  ['region-outage (synced)', buildKindPlan({ inputs: loadRunInputs('scenarios/region-outage.yaml'), version: '0.0.0-test' })],
  ['multi-registry-steady', buildKindPlan({ inputs: loadRunInputs('test/fixtures/multi-registry-steady.yaml'), version: '0.0.0-test' })],
];
const applies = (p: KindPlan) => p.steps.filter((s): s is ApplyStep => s.kind === 'apply');
const helms = (p: KindPlan) => p.steps.filter((s): s is CommandStep => s.kind === 'command' && s.tool === 'helm' && s.args[0] === 'upgrade');

describe.each(plans)('kind plan for %s', (_name, plan) => {
  it('GIVEN every applied object WHEN validated against the real schemas THEN none has a problem', () => {
    const problems = applies(plan).flatMap((s) =>
      s.docs.flatMap((d) => validateManifest(d).map((p) => `${s.cluster} ${s.source} ${d.kind}/${d.metadata.name} ${formatFieldPath(p.path)}: ${p.message}`)),
    );
    expect(problems).toEqual([]);
    expect(applies(plan).flatMap((s) => s.docs).length).toBeGreaterThan(20);
  });

  it('GIVEN the helm installs THEN every value they set exists in the chart of the plan\'s version (and replicas is the real name)', () => {
    expect(helms(plan)).toHaveLength(2);
    for (const h of helms(plan)) {
      const keys = helmValueKeys(h.args, (f) => readFileSync(f, 'utf8'));
      expect(keys).toEqual(expect.arrayContaining(['global.local', 'global.enableGatewayAPI', 'higress-core.gateway.replicas', 'higress-core.clusterName']));
      expect(unknownHelmValues(keys, chartValues(plan.higress))).toEqual([]);
    }
  });

  it('GIVEN the routing THEN the McpBridge applied is named default in higress-system (the only one Higress reads)', () => {
    const bridges = applies(plan).flatMap((s) => s.docs).filter((d) => d.kind === 'McpBridge');
    expect(bridges.length).toBe(2);
    for (const b of bridges) expect([b.metadata.name, b.metadata.namespace]).toEqual(['default', 'higress-system']);
  });
});

describe('Helm values per Higress profile', () => {
  const readFile = (f: string) => readFileSync(f, 'utf8');
  const args = (values: string) => ['upgrade', '--install', 'higress', 'higress.io/higress', '-f', values, '--set', 'higress-core.clusterName=mw-south'];

  it('GIVEN the shipped values files THEN each is checked against its own chart version and Gateway API ends up on', () => {
    for (const v of ['2.1', '2.2'] as const) {
      expect(helmInstallProblems(args(`clusters/kind/values/higress-${v}.yaml`), v, true, readFile), v).toEqual([]);
      expect(effectiveValue('global.enableGatewayAPI', args(`clusters/kind/values/higress-${v}.yaml`), readFile, chartValues(v)), v).toBe(true);
    }
  });

  it('GIVEN HTTPRoutes and a values file that does not turn Gateway API on THEN 2.1.9 (default false) is refused and 2.2.4 (default true) is not', () => {
    const values = 'test/fixtures/helm-values-no-gateway-api.yaml';
    expect(chartValues('2.1')).toMatchObject({ global: { enableGatewayAPI: false } });
    expect(helmInstallProblems(args(values), '2.1', true, readFile)).toEqual([expect.stringMatching(/^global\.enableGatewayAPI: the routes are HTTPRoutes .* Higress 2\.1 leaves Gateway API off \(default false\)/)]);
    expect(helmInstallProblems(args(values), '2.1', false, readFile)).toEqual([]);
    expect(helmInstallProblems(args(values), '2.2', true, readFile)).toEqual([]);
    expect(helmInstallProblems([...args(values), '--set', 'global.enableGatewayAPI=true'], '2.1', true, readFile)).toEqual([]);
  });

  it('GIVEN a key only the other version has THEN the profile\'s own chart decides', () => {
    const only22 = leafDiff(chartValues('2.2'), chartValues('2.1'));
    expect(only22.length).toBeGreaterThan(0);
    const key = only22[0]!.startsWith('global.') ? only22[0]! : `higress-core.${only22[0]}`;
    expect(unknownHelmValues([key], chartValues('2.2'))).toEqual([]);
    expect(unknownHelmValues([key], chartValues('2.1'))).toHaveLength(1);
  });
});

/** Dotted leaf keys of a that b does not have (maps only). */
function leafDiff(a: unknown, b: unknown, prefix = ''): string[] {
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return [];
  return Object.entries(a as Record<string, unknown>).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    const other = b !== null && typeof b === 'object' ? (b as Record<string, unknown>)[k] : undefined;
    if (other === undefined) return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 ? [] : [key];
    return leafDiff(v, other, key);
  });
}

describe('the validation is real', () => {
  it('GIVEN the runbook\'s McpBridge healthCheck field THEN the CRD schema rejects it', () => {
    const doc = { apiVersion: 'networking.higress.io/v1', kind: 'McpBridge', metadata: { name: 'default', namespace: 'higress-system' }, spec: { registries: [{ name: 'x', type: 'nacos2', domain: 'a', port: 8848, healthCheck: { interval: 5 } }] } };
    expect(validateManifest(doc).length).toBeGreaterThan(0);
  });

  it('GIVEN the runbook\'s value names THEN the chart does not have them', () => {
    expect(unknownHelmValues(['higress-core.gateway.replicaCount', 'global.localClusterName', 'gateway.replicas'])).toHaveLength(3);
  });
});

describe('clusters/kind configs', () => {
  it('GIVEN the six configs (three regions) THEN API ports, subnets and host ports are distinct and bound to 127.0.0.1', () => {
    const cs = ['mw-south', 'mw-north', 'mw-central', 'biz-south', 'biz-north', 'biz-central'].map((c) => loadKindConfig(c));
    const ports = cs.flatMap((c) => [c.apiServerPort, ...c.hostPorts.values()]);
    expect(new Set(ports).size).toBe(ports.length);
    expect(new Set(cs.map((c) => c.podSubnet)).size).toBe(6);
    expect(cs[0]!.hostPorts.get(18080)).toBe(18081);
  });
});
