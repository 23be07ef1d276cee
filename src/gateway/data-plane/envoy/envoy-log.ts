// Reads Envoy's own log (--log-path) for what /stats cannot say: the reason Envoy
// gave when it rejected an xDS file. Entries are multi-line (a rejected resource is
// dumped as text proto before the reason), so lines are grouped by their header.

/** Envoy's default format with an ISO time and zone, so another process can compare times. */
export const ENVOY_LOG_FORMAT = '[%Y-%m-%dT%T.%e%z][%t][%l][%n] [%g:%#] %v';

export interface EnvoyLogEntry {
  /** Epoch ms. */
  readonly t: number;
  readonly level: string;
  readonly logger: string;
  /** The whole message, continuation lines included. */
  readonly message: string;
}

// ISO (ours) or Envoy's default local "2026-12-03 08:11:18.041"
const HEADER = /^\[(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\.\d{3}(?:[+-]\d\d:?\d\d|Z)?)\]\[\d+\]\[(\w+)\]\[([\w-]+)\] (?:\[[^\]]*\] )?(.*)$/;

export function parseEnvoyLog(text: string): EnvoyLogEntry[] {
  const out: { t: number; level: string; logger: string; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const m = HEADER.exec(line);
    if (m) {
      out.push({ t: Date.parse(m[1]!.replace(' ', 'T')), level: m[2]!, logger: m[3]!, lines: [m[4]!] });
    } else if (out.length > 0 && line !== '') {
      out[out.length - 1]!.lines.push(line);
    }
  }
  return out.map((e) => ({ t: e.t, level: e.level, logger: e.logger, message: e.lines.join('\n') }));
}

export interface ConfigRejection {
  readonly t: number;
  /** Envoy's reason, shortened to what a person reads. */
  readonly reason: string;
  /** The file, when Envoy named it (parse failures do). */
  readonly path?: string;
  /** The first line of the rejected resource's dump (e.g. `cluster_name: "x"`), when there is one. */
  readonly subject?: string;
}

const REJECTED = /(?:config update rejected|config update failure|config for \S+ rejected): ([\s\S]*)$/;
const MAX_REASON = 600;

/** xDS rejections and failures logged at or after sinceMs, oldest first. */
export function configRejections(entries: readonly EnvoyLogEntry[], sinceMs: number): ConfigRejection[] {
  const out: ConfigRejection[] = [];
  for (const e of entries) {
    if (e.t < sinceMs) continue;
    const m = REJECTED.exec(e.message);
    if (m) out.push(explain(e.t, m[1]!));
  }
  return out;
}

function explain(t: number, body: string): ConfigRejection {
  const cut = (s: string) => (s.length > MAX_REASON ? `${s.slice(0, MAX_REASON)}…` : s);
  // "in /path, Unable to parse JSON as proto (INVALID_ARGUMENT: ...): <the file>"
  const failure = /^in (\/[^,\n]+), ([\s\S]*)$/.exec(body);
  if (failure) {
    const rest = failure[2]!;
    const paren = /^([^\n]*?\))\s*:\s*[{[]/.exec(rest);
    return { t, path: failure[1]!, reason: cut(paren ? paren[1]! : rest.split('\n')[0]!) };
  }
  // a text-proto dump of the resource, then "\n: <reason>"
  const dump = body.lastIndexOf('\n: ');
  if (dump >= 0) return { t, subject: body.split('\n')[0]!.trim(), reason: cut(body.slice(dump + 3).trim()) };
  return { t, reason: cut(body.split('\n')[0]!.trim()) };
}
