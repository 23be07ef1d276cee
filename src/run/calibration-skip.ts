// Whether the calibration burst would change what the scenario measures. The burst goes
// through the gateways on the load's own host: where a route of that host has a local rate
// limit (route-limit-rps/rpm), it spends the token buckets the scenario then measures, and
// a bucket refills far slower than a run can wait (rpm 1000 × 5: five minutes). So such a
// run is not calibrated, and says so.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { profileFor } from '../gateway/profiles.js';
import { loadManifests } from '../gateway/translation/manifests.js';
import { entriesOf } from '../scenario/schema.js';
import { manifestsOf, type RunInputs } from '../scenario/load-inputs.js';

/** Why the run must not be calibrated, or undefined when a burst changes nothing it measures. */
export function calibrationWouldSpend(inputs: Pick<RunInputs, 'scenario' | 'higress' | 'manifests' | 'regionManifests'>): string | undefined {
  const host = inputs.scenario.load.host.toLowerCase();
  const profile = profileFor(inputs.higress);
  for (const region of entriesOf(inputs.scenario.load)) {
    const files = manifestsOf(inputs, region);
    const loaded = loadManifests(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })), profile);
    const limited = loaded.routes.find((r) => r.policy?.rateLimit && (r.hostnames.length === 0 || r.hostnames.some((h) => h === host || (h.startsWith('*.') && host.endsWith(h.slice(1))))));
    if (limited) {
      return `not calibrated: ${host} has a local rate limit (${relative(process.cwd(), limited.source.file)}), and a calibration burst would spend the token buckets the scenario measures; latencies are reported as measured, without the testbed's overhead taken off`;
    }
  }
  return undefined;
}
