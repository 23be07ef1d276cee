// Where one gateway instance's Envoy keeps its files: the bootstrap and xDS files in
// the run's state dir (removed at teardown), its log and event files in the run's log
// dir (kept with the report). The translation needs the access log and health-check
// event paths to write them into the HCM and the clusters, so this is its own module.
import { join } from 'node:path';

export interface EnvoyInstanceFiles {
  readonly bootstrap: string;
  readonly xdsDir: string;
  /** Envoy's own log (--log-path): config updates, rejections with their reasons. */
  readonly log: string;
  /** The process's stdout/stderr (normally empty: Envoy logs to `log`). */
  readonly stdio: string;
  /** The JSON access log (access-log.ts): one line per request. */
  readonly accessLog: string;
  /** cluster_manager.outlier_detection.event_log_path: EJECT / UNEJECT lines. */
  readonly outlierEvents: string;
  /** The health-check event sink's file. */
  readonly healthCheckEvents: string;
}

export function envoyInstanceFiles(dirs: { readonly stateDir: string; readonly logDir: string }, name: string): EnvoyInstanceFiles {
  const state = join(dirs.stateDir, name);
  return {
    bootstrap: join(state, 'bootstrap.json'),
    xdsDir: join(state, 'xds'),
    log: join(dirs.logDir, `${name}.log`),
    stdio: join(dirs.logDir, `${name}.stdio.log`),
    accessLog: join(dirs.logDir, `${name}.access.jsonl`),
    outlierEvents: join(dirs.logDir, `${name}.outlier.jsonl`),
    healthCheckEvents: join(dirs.logDir, `${name}.health-check.jsonl`),
  };
}
