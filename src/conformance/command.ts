// `region-lab conformance [PATH…] [--higress 2.1|2.2] [--data-plane envoy|model]
// [--format text|json|junit] [--verbose]`: exit 0 when every case holds (known
// failures allowed), 1 when a case failed or a known failure now passes, 2 on a
// malformed case file or option, or a data plane that is not available.
import { BadInputError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { watchInterrupts } from '../run/signals.js';
import type { DataPlaneRegistry } from './case-gateway.js';
import { formatJson } from './format/json.js';
import { formatJunit } from './format/junit.js';
import { formatText } from './format/text.js';
import { runSuite } from './runner.js';
import { DATA_PLANES, HIGRESS_VERSIONS, type DataPlane, type HigressVersion } from './schema.js';
import { runFailed } from './types.js';

export const CONFORMANCE_USAGE = 'region-lab conformance [PATH…] [--higress 2.1|2.2] [--data-plane envoy|model] [--format text|json|junit]';

export interface ConformanceCommandOptions {
  readonly paths: readonly string[];
  readonly higress?: string;
  readonly dataPlane?: string;
  readonly format?: string;
  readonly verbose?: boolean;
  readonly log: Logger;
  readonly write: (text: string) => void;
  /** @default the model only */
  readonly dataPlanes?: DataPlaneRegistry;
  /** Installs Ctrl-C handling (the CLI); tests leave it off. @default false */
  readonly handleSignals?: boolean;
}

export async function runConformanceCommand(o: ConformanceCommandOptions): Promise<number> {
  const format = o.format ?? 'text';
  const dataPlane = o.dataPlane ?? 'model';
  const bad: string[] = [];
  if (!['text', 'json', 'junit'].includes(format)) bad.push(`--format "${format}" is not text, json or junit`);
  if (o.higress !== undefined && !(HIGRESS_VERSIONS as readonly string[]).includes(o.higress)) bad.push(`--higress "${o.higress}" is not 2.1 or 2.2`);
  if (!(DATA_PLANES as readonly string[]).includes(dataPlane)) bad.push(`--data-plane "${dataPlane}" is not model or envoy`);
  if (bad.length > 0) throw new BadInputError(bad.map((message) => ({ file: 'conformance', path: '', message })), `usage: ${CONFORMANCE_USAGE}`);
  const interrupts = o.handleSignals ? watchInterrupts(() => process.exit(130)) : undefined;
  try {
    const result = await runSuite({
      ...(o.paths.length > 0 ? { paths: o.paths } : {}),
      ...(o.higress ? { higress: o.higress as HigressVersion } : {}),
      dataPlane: dataPlane as DataPlane,
      log: o.log,
      ...(o.dataPlanes ? { dataPlanes: o.dataPlanes } : {}),
      ...(interrupts ? { signal: interrupts.signal } : {}),
    });
    if (format === 'json') o.write(formatJson(result));
    else if (format === 'junit') o.write(formatJunit(result));
    else o.write(formatText(result, o.verbose ?? false));
    return result.runs.some(runFailed) ? 1 : 0;
  } finally {
    interrupts?.dispose();
  }
}
