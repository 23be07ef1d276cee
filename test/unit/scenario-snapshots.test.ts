// Every catalogue scenario's manifests, as each region's gateways load them together
// (platform Gateways, McpBridge, routes, DestinationRules), translated and read back by
// the model: a field the model cannot serve shows here, not as a gateway that will not
// start in the middle of a `compare` run (a DR switching the 5xx detector off did).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../src/gateway/data-plane/model/data-plane.js';
import { profileFor } from '../../src/gateway/profiles.js';
import { loadManifests } from '../../src/gateway/translation/manifests.js';
import { KubeServices } from '../../src/gateway/translation/services.js';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';
import { snapshotOf } from '../support/snapshot-kit.js';

const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

describe('every catalogue scenario on the model data plane', () => {
  it('has scenarios to check', () => expect(scenarios.length).toBeGreaterThan(30));
  for (const file of scenarios) {
    it(`${file}: each region's snapshot is read back by the model without a field it cannot serve`, () => {
      const i = loadRunInputs(`scenarios/${file}`);
      for (const r of i.topology.regions) {
        const paths = [...i.manifests, ...(i.regionManifests[r.name] ?? [])];
        const m = loadManifests(paths.map((p) => ({ file: p, text: readFileSync(p, 'utf8') })), profileFor(i.higress), { services: new KubeServices() });
        const s = snapshotOf(m, { higress: i.higress, locality: r.name });
        expect(() => decodeSnapshot(s), `${file} in ${r.name}`).not.toThrow();
      }
    });
  }
});
