// Which data plane forwards requests in the gateways: `--data-plane` on the command
// line, else the topology's `dataPlane`. Only region-lab's Higress model runs today;
// asking for the real Envoy data plane stops before anything starts (exit 2).
import { BadInputError, MissingPrerequisiteError } from '../core/errors.js';

export const DATA_PLANES = ['auto', 'model', 'envoy'] as const;
export type DataPlaneChoice = (typeof DATA_PLANES)[number];
/** What actually runs. */
export type DataPlane = 'model';

/** A --data-plane value, checked: exit 2 naming the flag when it is not one of the choices. */
export function parseDataPlane(value: string | undefined): DataPlaneChoice | undefined {
  if (value === undefined) return undefined;
  if ((DATA_PLANES as readonly string[]).includes(value)) return value as DataPlaneChoice;
  throw new BadInputError([{ file: '--data-plane', path: '', message: `"${value}" is not a data plane; use ${DATA_PLANES.join(', ')}` }]);
}

/** The flag wins over the topology; auto is the model until the Envoy data plane lands. */
export function resolveDataPlane(flag: DataPlaneChoice | undefined, topology: DataPlaneChoice, topologyFile: string): DataPlane {
  const chosen = flag ?? topology;
  if (chosen === 'envoy') {
    throw new MissingPrerequisiteError(
      `the Envoy data plane (asked for by ${flag ? '--data-plane envoy' : `dataPlane: envoy in ${topologyFile}`})`,
      'this build of region-lab runs only its Higress behaviour model as the data plane; use --data-plane model (or auto), or a build with the real Envoy data plane',
    );
  }
  return 'model';
}
