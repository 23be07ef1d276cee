// Builds the k6 command line for one scenario's load: the script, where its per-request
// lines go (k6's console output, raw/requests.tsv) and k6's summary, and the offline
// hygiene flags (facts/tools.md §1). No --out: k6's JSON output is ~3.5 KB per request and
// costs k6 CPU on the machine being measured. The caller writes the file's header line
// (requestsFileHeader) and spawns k6 with core/process.ts startProcess.
import { fileURLToPath } from 'node:url';
import { entriesOf, type LoadSpec } from '../scenario/schema.js';

/** The JSON the k6 script reads from RL_LOAD (load/region-lab.k6.ts LoadConfig). */
export interface K6LoadConfig {
  /** One k6 scenario per entry region, each at `rate`: the entry's name and its load balancer's URL. */
  readonly targets: readonly { readonly entry: string; readonly url: string }[];
  readonly host: string;
  readonly path: string;
  readonly rate: number;
  readonly durationS: number;
  readonly timeoutS: number;
  readonly preVUs: number;
  readonly maxVUs: number;
  /** Ramping stages (requests/s targets); empty for a constant rate. */
  readonly stages: readonly { readonly durationS: number; readonly target: number }[];
  /** One draw per entry and request: the value sent, or none when the draw lands past the shares. */
  readonly variations: readonly K6Variation[];
}

/** Every value of one header or cookie name, with its share; shares add up to at most 1. */
export interface K6Variation {
  readonly kind: 'header' | 'cookie';
  readonly name: string;
  readonly values: readonly { readonly value: string; readonly share: number }[];
}

export interface K6InvocationProps {
  readonly k6Path: string;
  /** @default defaultScriptPath() */
  readonly scriptPath?: string;
  readonly spec: LoadSpec;
  /** Base URL of an entry region's load balancer, e.g. http://127.0.1.10:8080 (no path). */
  readonly entryUrl: (region: string) => string;
  /** Per-request lines (--console-output; raw/requests.tsv), appended after its header line. */
  readonly requestsFile: string;
  /** k6's end-of-test summary (--summary-export). */
  readonly summaryFile: string;
}

export interface K6Invocation {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** load/region-lab.k6.ts, found from src/load or dist/load alike. */
export function defaultScriptPath(): string {
  return fileURLToPath(new URL('../../load/region-lab.k6.ts', import.meta.url));
}

export function k6LoadConfig(spec: LoadSpec, entryUrl: (region: string) => string): K6LoadConfig {
  return {
    targets: entriesOf(spec).map((entry) => ({ entry, url: entryUrl(entry).replace(/\/+$/, '') })),
    host: spec.host,
    path: spec.path,
    rate: spec.rate,
    durationS: spec.duration / 1000,
    timeoutS: spec.timeout / 1000,
    preVUs: spec.vus.pre,
    maxVUs: spec.vus.max,
    stages: (spec.stages ?? []).map((st) => ({ durationS: st.duration / 1000, target: st.target })),
    variations: [...group('header', spec.headers), ...group('cookie', spec.cookies)],
  };
}

/** Values of one name are alternatives (the schema keeps their shares ≤ 1): one draw decides which, if any. */
function group(kind: K6Variation['kind'], list: LoadSpec['headers']): K6Variation[] {
  const byName = new Map<string, { value: string; share: number }[]>();
  for (const v of list) {
    // header names are case-insensitive; cookie names are not
    const key = kind === 'header' ? v.name.toLowerCase() : v.name;
    byName.set(key, [...(byName.get(key) ?? []), { value: v.value, share: v.share }]);
  }
  return [...byName].map(([name, values]) => ({ kind, name, values }));
}

export function k6Invocation(props: K6InvocationProps, baseEnv: NodeJS.ProcessEnv = process.env): K6Invocation {
  const args = [
    'run',
    // the script console.logs one line per request; raw keeps it exactly that line
    '--console-output', props.requestsFile,
    '--log-format', 'raw',
    '--summary-export', props.summaryFile,
    '--no-usage-report',
    // k6 v1 opens a REST API on localhost:6565 unless told not to; two runs would collide.
    '--address', '',
    // The log goes to a file: no colour codes, no progress bar redrawn every second.
    '--no-color',
    '--quiet',
    props.scriptPath ?? defaultScriptPath(),
  ];
  return {
    command: props.k6Path,
    args,
    env: {
      ...baseEnv,
      K6_NO_USAGE_REPORT: 'true',
      K6_AUTO_EXTENSION_RESOLUTION: 'false',
      RL_LOAD: JSON.stringify(k6LoadConfig(props.spec, props.entryUrl)),
    },
  };
}
