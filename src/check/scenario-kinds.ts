// The questions an SRE asks of a multi-region gateway, one scenario kind each: steady
// proximity, a business-cluster outage (hard, black hole), one instance killed, a
// middleware ↔ business partition, slow cross-region links, the registry down, the
// registry sync cut, a gateway instance lost. Each builds its timeline and expectations
// from the policy, and every expectation says which policy number it checks.
import type { Inferred } from './inferred.js';

export type KindId = 'steady' | 'outage-hard' | 'outage-black-hole' | 'instance-kill' | 'partition' | 'cross-region-latency' | 'registry-down' | 'sync-cut' | 'gateway-loss';

/** What a kind needs to build one scenario. */
export interface KindInput {
  readonly inf: Inferred;
  readonly entry: string;
  /** The service whose route is loaded (and whose instances a service fault hits). */
  readonly app: string;
  /** Its name in the entry region, when it runs there. */
  readonly localName: string | undefined;
}

/** A scenario's parts that differ by kind (the rest is filled in by suite-gen). */
export interface KindScenario {
  readonly description: string;
  readonly claim: string;
  readonly durationS: number;
  readonly timeoutS?: number;
  readonly timeline: readonly Record<string, unknown>[];
  readonly expectations: readonly Record<string, unknown>[];
}

export interface KindSpec {
  readonly id: KindId;
  /** Per routed service (else once per entry region, loading the first service). */
  readonly perService: boolean;
  applies(i: KindInput): boolean;
  build(i: KindInput): KindScenario;
}

const s = (ms: number) => `${Math.round(ms / 1000)}s`;
const pct = (v: number) => `${+(v * 100).toFixed(1)}%`;
/** Failover needs a rate threshold above 0: "below 0%" can never hold. */
const threshold = (i: KindInput) => Math.max(0.001, i.inf.policy.errorBudget.value);
const others = (i: KindInput) => i.inf.regions.map((r) => r.name).filter((r) => r !== i.entry);

export function accounting(): Record<string, unknown> {
  return { id: 'accounting', kind: 'request-accounting', source: 'testbed: every request k6 sent is in exactly one outcome' };
}

export function proximity(i: KindInput, id: string, fromS: number, toS: number): Record<string, unknown> {
  const p = i.inf.policy.minLocalShare;
  return { id, kind: 'proximity', entry: i.entry, window: { from: `${fromS}s`, to: `${toS}s` }, expected: { min: p.value }, source: p.source };
}

export function errorRate(i: KindInput, id: string, fromS: number, toS: number): Record<string, unknown> {
  const b = i.inf.policy.errorBudget;
  return { id, kind: 'error-rate', entry: i.entry, window: { from: `${fromS}s`, to: `${toS}s` }, expected: { max: b.value }, source: b.source };
}

export function failover(i: KindInput, fault: string, maxMs = i.inf.policy.failoverMs.value, source = i.inf.policy.failoverMs.source): Record<string, unknown> {
  return { id: 'failover', kind: 'failover-time', entry: i.entry, fault, errorRateBelow: threshold(i), expected: { max: s(maxMs) }, source: `${source}; failed over once each window's error rate stays below ${pct(threshold(i))}, the error budget` };
}

export function failback(i: KindInput, fault: string): Record<string, unknown> {
  const at = Math.round(i.inf.policy.minLocalShare.value * 0.75 * 100) / 100;
  return {
    id: 'failback',
    kind: 'failback-time',
    entry: i.entry,
    fault,
    localShareAtLeast: at,
    expected: { max: s(i.inf.policy.failbackMs.value) },
    source: `${i.inf.policy.failbackMs.source}; back once every second's local share stays ≥ ${pct(at)} (¾ of the local share the policy asks for: one second holds few requests)`,
  };
}

/** An outage's timing: long enough for the policy's failover to be measured, then failback. */
export function outageTimes(i: KindInput, startS: number): { at: number; until: number; end: number } {
  const until = startS + Math.max(40, Math.ceil(i.inf.policy.failoverMs.value / 1000) + 15);
  return { at: startS, until, end: until + Math.max(35, Math.ceil(i.inf.policy.failbackMs.value / 1000) + 10) };
}

/**
 * One instance of the service killed hard: SIGKILL, no deregistration, connections to
 * it refused (a crashed pod); Nacos drops it as its registration mode does.
 */
export function instanceKillFault(i: KindInput, service: string): Record<string, unknown> {
  return { kind: 'instance-kill', cluster: `biz-${i.entry}`, service, instance: 1, mode: 'hard' };
}

export { others, s, threshold };
