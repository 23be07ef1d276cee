// Reading a user's directory: Lists from `kubectl get -o yaml`, server fields, kinds sorted and skipped.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BadInputError } from '../core/errors.js';
import { cleanObject, readManifests } from './read-manifests.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tree(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'rl-check-read-'));
  dirs.push(d);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(d, f, '..'), { recursive: true });
    writeFileSync(join(d, f), text);
  }
  return d;
}

describe('readManifests', () => {
  it('GIVEN the retail export WHEN read THEN the List item is a routing object with status and managedFields removed', () => {
    const r = readManifests('test/fixtures/check/retail-ingress-export');
    expect(r.routing.map((o) => `${o.kind}/${o.name}`)).toEqual(['Ingress/inventory', 'McpBridge/default']);
    const ing = r.routing[0]!;
    expect(ing.changed).toBe(true);
    expect(ing.value.status).toBeUndefined();
    expect((ing.value.metadata as Record<string, unknown>).managedFields).toBeUndefined();
    expect(Object.keys((ing.value.metadata as { annotations: object }).annotations)).toEqual(['higress.io/destination']);
  });

  it('GIVEN nested folders, a Secret, a Deployment and region-lab.yaml THEN each lands where it belongs and the policy file is not a manifest', () => {
    const d = tree({
      'a/route.yml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: r }\nspec: {}\n',
      'b/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\n---\n# only a comment\n',
      'region-lab.yaml': 'name: x\n',
      '.git/ignored.yaml': 'kind: Ingress\n',
    });
    const r = readManifests(d);
    expect(r.files).toEqual(['a/route.yml', 'b/secret.yaml']);
    expect(r.routing.map((o) => o.kind)).toEqual(['HTTPRoute']);
    expect(r.inferenceOnly.map((o) => o.kind)).toEqual(['Deployment']);
    expect(r.skipped).toEqual([{ file: 'b/secret.yaml', kind: 'Secret', name: 's', reason: 'Secrets are never read or copied by check' }]);
  });

  it('GIVEN broken YAML or no directory THEN exit-2 errors naming the file', () => {
    const d = tree({ 'bad.yaml': 'kind: [oops\n' });
    expect(() => readManifests(d)).toThrow(BadInputError);
    expect(() => readManifests(join(d, 'missing'))).toThrow(/cannot read it as a directory/);
  });

  it('cleanObject leaves a hand-written object alone', () => {
    const o = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', annotations: { a: '1' } } };
    expect(cleanObject(o)).toEqual({ value: o, changed: false });
  });
});
