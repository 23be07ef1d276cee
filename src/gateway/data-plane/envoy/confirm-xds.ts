// The rejection check after every xDS write: waits (bounded) until the Envoy has
// applied each file written, telling "applied" by the version_text it reports in
// /stats, and turns a rejection into XdsRejectedError with Envoy's own reason from
// its log. A function of (admin address, log file, what was written) only, so a
// controller that writes the files of several gateways can check each of them.
import { readFileSync } from 'node:fs';
import { ReadinessTimeoutError, XdsRejectedError } from '../../../core/errors.js';
import { realClock, type Clock } from '../../../core/ready.js';
import type { WrittenXdsFile, XdsWrite } from '../../xds/write.js';
import { readStats, statName, type EnvoyAdmin, type EnvoyStats } from './admin.js';
import { configRejections, parseEnvoyLog, type ConfigRejection } from './envoy-log.js';

export interface XdsCheckTarget {
  /** The instance's name, for messages. */
  readonly gateway: string;
  readonly admin: EnvoyAdmin;
  /** Envoy's --log-path. */
  readonly logFile: string;
}

export interface ConfirmOptions {
  /** @default 10000 (changes apply in 2-8 ms on an idle machine) */
  readonly timeoutMs?: number;
  /** @default 25 */
  readonly intervalMs?: number;
  /** After a rejection shows, how long other files may still take to apply before they count as not applied. @default 250 */
  readonly settleMs?: number;
  readonly clock?: Clock;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** version_text stats naming one written file's resources (RDS: one per HCM stat prefix using it). */
function versionTexts(f: WrittenXdsFile, stats: EnvoyStats): (number | string | undefined)[] {
  switch (f.kind) {
    case 'lds':
      return [stats.get('listener_manager.lds.version_text')];
    case 'cds':
      return [stats.get('cluster_manager.cds.version_text')];
    case 'eds':
      return [stats.get(`cluster.${statName(f.names[0]!)}.version_text`)];
    case 'rds': {
      const re = new RegExp(`^http\\..*\\.rds\\.${escapeRe(statName(f.names[0]!))}\\.version_text$`);
      const found = [...stats].filter(([k]) => re.test(k)).map(([, v]) => v);
      return found.length > 0 ? found : [undefined];
    }
  }
}

/** The written files Envoy has not applied yet, judged from one /stats read. */
export function pendingFiles(written: readonly WrittenXdsFile[], stats: EnvoyStats): WrittenXdsFile[] {
  return written.filter((f) => !versionTexts(f, stats).every((v) => v === f.version));
}

export async function confirmXdsApplied(target: XdsCheckTarget, write: Pick<XdsWrite, 'written' | 'startedAtMs'>, opts: ConfirmOptions = {}): Promise<void> {
  if (write.written.length === 0) return;
  const clock = opts.clock ?? realClock;
  const deadline = clock.now() + (opts.timeoutMs ?? 10_000);
  let rejectedSeenAt: number | undefined;
  let pending: WrittenXdsFile[] = [...write.written];
  let lastProblem = '';
  // Envoy applies a file in a few ms: look again soon, then back off to intervalMs
  let sleepMs = 2;
  for (;;) {
    try {
      pending = pendingFiles(pending, await readStats(target.admin, 'version_text$'));
      lastProblem = '';
    } catch (e) {
      lastProblem = (e as Error).message;
    }
    if (pending.length === 0) return;
    const rejections = readRejections(target.logFile, write.startedAtMs);
    if (rejections.length > 0) {
      rejectedSeenAt ??= clock.now();
      if (clock.now() - rejectedSeenAt >= (opts.settleMs ?? 250)) throw rejectedError(target, pending, rejections);
    }
    if (clock.now() >= deadline) {
      const what = pending.map((f) => `${f.kind} ${f.names.join(', ')} version ${f.version}`).join('; ');
      throw new ReadinessTimeoutError(`Envoy ${target.gateway} applying ${what}`, opts.timeoutMs ?? 10_000, lastProblem || 'its /stats still show the older version_text, and its log shows no rejection', target.logFile);
    }
    await clock.sleep(sleepMs);
    sleepMs = Math.min(sleepMs * 2, opts.intervalMs ?? 25);
  }
}

function readRejections(logFile: string, sinceMs: number): ConfigRejection[] {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  return configRejections(parseEnvoyLog(text), sinceMs);
}

function rejectedError(target: XdsCheckTarget, pending: readonly WrittenXdsFile[], rejections: readonly ConfigRejection[]): XdsRejectedError {
  const reasons = rejections.map((r) => `${r.path ? `${r.path}: ` : ''}${r.subject ? `(${r.subject}) ` : ''}${r.reason}`);
  return new XdsRejectedError(target.gateway, pending.map((f) => ({ kind: f.kind, path: f.path, names: f.names, version: f.version })), reasons, target.logFile);
}
