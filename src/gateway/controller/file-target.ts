// Where the controller's snapshots for one gateway instance go: its xDS files,
// written in Istio's push order; for real Envoy, each write is then checked against
// what Envoy applied, and a rejection is the testbed's failure with Envoy's reason.
// While that Envoy is not up (starting, or killed by a fault) the files are written
// unchecked: Envoy reads the latest ones when it starts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessLogConfig } from '../data-plane/envoy/access-log.js';
import { isLive } from '../data-plane/envoy/admin.js';
import { healthCheckEventLogger } from '../data-plane/envoy/bootstrap.js';
import { confirmXdsApplied } from '../data-plane/envoy/confirm-xds.js';
import { pathConfigSource, xdsFiles } from '../xds/files.js';
import type { XdsSnapshot } from '../xds/snapshot.js';
import { writeXdsSnapshot } from '../xds/write.js';
import type { ControllerGateway } from './config.js';
import type { ProxyTarget } from './controller.js';

/** A file SDS subscriptions can name for secrets istiod cannot serve: it never holds any. */
export const NO_SECRETS_FILE = 'sds-none.json';

export function fileTarget(g: ControllerGateway, dialFor: (address: string) => string): ProxyTarget {
  const files = xdsFiles(g.xdsDir);
  mkdirSync(files.dir, { recursive: true });
  const noSecrets = join(files.dir, NO_SECRETS_FILE);
  writeFileSync(noSecrets, '{ "version_info": "0", "resources": [] }\n');
  let previous: XdsSnapshot | undefined;
  const envoy = g.envoy;
  return {
    name: g.name,
    identity: { labels: g.podLabels, locality: g.locality },
    listen: `${g.listen.host}:${g.listen.port}`,
    ...(g.listenHttps ? { listenHttps: `${g.listenHttps.host}:${g.listenHttps.port}` } : {}),
    dialFor,
    sources: { rds: (n) => pathConfigSource(files.rds(n)), eds: (c) => pathConfigSource(files.eds(c)), sds: () => pathConfigSource(noSecrets) },
    ...(envoy ? { accessLog: [accessLogConfig(envoy.accessLog)], healthCheckEventLogger: [healthCheckEventLogger(envoy.healthCheckEvents)], compensate127: true } : {}),
    async push(snapshot) {
      const write = writeXdsSnapshot(files.dir, snapshot, previous);
      previous = snapshot;
      if (!envoy) return;
      const admin = { address: envoy.admin.host, port: envoy.admin.port };
      if (!(await isLive(admin).catch(() => false))) return;
      await confirmXdsApplied({ gateway: g.name, admin, logFile: envoy.logFile }, write);
    },
  };
}
