// Whether the calibration burst would change what the scenario measures. The burst sends
// the load's own requests: where the route they match (Envoy's route matching, the model's
// Router) has a local rate limit (route-limit-rps/rpm), it spends the token buckets the
// scenario then measures, and a bucket refills far slower than a run can wait (rpm 1000 × 5:
// five minutes). So such a run is not calibrated, and says so.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { profileFor } from '../gateway/profiles.js';
import { loadManifests } from '../gateway/translation/manifests.js';
import { Router } from '../gateway/data-plane/model/router/router.js';
import { entriesOf } from '../scenario/schema.js';
import { manifestsOf, type RunInputs } from '../scenario/load-inputs.js';

/** Why the run must not be calibrated, or undefined when a burst changes nothing it measures. */
export function calibrationWouldSpend(inputs: Pick<RunInputs, 'scenario' | 'higress' | 'manifests' | 'regionManifests'>): string | undefined {
  const load = inputs.scenario.load;
  // the plain request and each variation the load sends: each may match another route
  const variants = [{}, ...load.headers.map((h) => ({ [h.name.toLowerCase()]: h.value })), ...load.cookies.map((c) => ({ cookie: `${c.name}=${c.value}` }))];
  const profile = profileFor(inputs.higress);
  for (const region of entriesOf(load)) {
    const files = manifestsOf(inputs, region);
    const router = new Router(loadManifests(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })), profile).routes);
    const limited = variants.map((headers) => router.match(load.host, load.path, headers, { method: 'GET' })).find((r) => r?.policy?.rateLimit);
    if (limited) {
      return `not calibrated: the load's route (${load.host}${load.path}) has a local rate limit (${relative(process.cwd(), limited.source.file)}), and a calibration burst would spend the token buckets the scenario measures; latencies are reported as measured, without the testbed's overhead taken off`;
    }
  }
  return undefined;
}
