// GIVEN every seed manifest and every catalogue route file, translated for each Higress
// profile WHEN real Envoy 1.36.4 validates the config THEN it accepts every one: the
// translation writes Envoy's own v3 config, not a look-alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTools } from '../../src/targets/tools.js';
import { envoyValidate } from '../support/envoy-validate.js';
import { loadable, manifestFiles, snapshotOf } from '../support/snapshot-kit.js';

const envoy = loadTools().envoy?.path;
const dir = mkdtempSync(join(tmpdir(), 'region-lab-xds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!envoy)('real Envoy accepts what the translation writes', () => {
  for (const higress of ['2.1', '2.2'] as const) {
    it(`every seed and catalogue manifest on Higress ${higress}`, () => {
      const files = [...manifestFiles('clusters/seed'), ...manifestFiles('clusters/routes')];
      const refused: string[] = [];
      let checked = 0;
      for (const { file, manifests } of loadable(files, higress)) {
        const s = snapshotOf(manifests, { higress, dir, listenHttps: '127.0.0.9:8443', compensate127Hosts: higress === '2.1' ? () => 2 : undefined });
        const r = envoyValidate(envoy!, s, [join(dir, 'sds-none.json')]);
        checked++;
        if (!r.ok) refused.push(`${file.file}: ${r.message}`);
      }
      expect(refused).toEqual([]);
      expect(checked).toBeGreaterThan(40);
    });
  }
});
