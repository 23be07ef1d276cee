// The scenario suite for an inferred configuration: every kind for each entry region
// (and each routed service where the kind is about a service), plus the quick check (one
// run: load into every region at once, the first region's business cluster lost).
// Each scenario is an ordinary scenario file, checked with the scenario schema here.
import { scenarioSchema } from '../scenario/schema.js';
import type { Inferred, LoadTarget } from './inferred.js';
import { KINDS } from './kinds.js';
import { accounting, failback, failover, outageTimes, proximity, type KindId, type KindInput, type KindScenario } from './scenario-kinds.js';

export interface SuitePaths {
  /** The topology file as scenarios name it (relative to where region-lab runs). */
  readonly topology: string;
  /** Routing manifests every region's gateways load. */
  readonly manifests: readonly string[];
  /** Manifests one region's gateways load after the shared ones. */
  readonly regionManifests: Readonly<Record<string, readonly string[]>>;
}

export interface GeneratedScenario {
  readonly name: string;
  readonly kind: KindId | 'quick';
  /** Entry regions loaded. */
  readonly entries: readonly string[];
  readonly app: string;
  readonly quick: boolean;
  /** The scenario as written to its file. */
  readonly scenario: Record<string, unknown>;
}

const TIMEOUT_S = 10;

function scenarioOf(inf: Inferred, paths: SuitePaths, name: string, entries: readonly string[], target: LoadTarget, k: KindScenario): Record<string, unknown> {
  const rate = inf.rate;
  const scenario = {
    name,
    description: k.description,
    claim: k.claim,
    topology: paths.topology,
    higress: inf.higress.value,
    ...(Object.keys(inf.gatewayPodLabels.labels).length > 0 ? { gatewayPodLabels: inf.gatewayPodLabels.labels } : {}),
    manifests: [...paths.manifests],
    ...(Object.keys(paths.regionManifests).length > 0 ? { regionManifests: paths.regionManifests } : {}),
    load: {
      entry: entries.length === 1 ? entries[0] : [...entries],
      rate,
      duration: `${k.durationS}s`,
      host: target.host,
      path: target.path,
      timeout: `${k.timeoutS ?? TIMEOUT_S}s`,
      // enough VUs that a hang counts as a timeout, not a dropped iteration
      vus: { pre: rate, max: rate * ((k.timeoutS ?? TIMEOUT_S) + 2) },
    },
    timeline: k.timeline,
    expectations: k.expectations,
  };
  const parsed = scenarioSchema.safeParse(scenario);
  if (!parsed.success) throw new Error(`generated scenario ${name} does not parse: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return scenario;
}

/** The quick check: every region loaded at once; the first region's business cluster down hard, then back. */
function quickScenario(inf: Inferred, paths: SuitePaths, target: LoadTarget): GeneratedScenario {
  const entries = inf.regions.map((r) => r.name);
  const first = entries[0]!;
  const inputs: KindInput[] = entries.map((entry) => ({ inf, entry, app: target.app, localName: inf.services.find((s) => s.app === target.app)?.names[entry] }));
  const t = outageTimes(inputs[0]!, 20);
  const fault = `${first}-down`;
  const k: KindScenario = {
    description: `Quick check: load into ${entries.join(' and ')} at once for ${target.app}; after ${t.at} s the ${first} business cluster goes down hard for ${t.until - t.at} s, then recovers.`,
    claim: `Each region serves its own requests, and losing the ${first} business cluster fails over within ${inf.policy.failoverMs.value / 1000} s and fails back within ${inf.policy.failbackMs.value / 1000} s`,
    durationS: t.end,
    timeline: [{ id: fault, at: `${t.at}s`, until: `${t.until}s`, fault: { kind: 'cluster-outage', cluster: `biz-${first}`, mode: 'hard' } }],
    expectations: [
      ...inputs.flatMap((i) => [
        proximity(i, `${i.entry}-proximity`, 5, t.at),
        { ...failover(i, fault), id: `${i.entry}-failover` },
        ...(i.entry === first ? [{ ...failback(i, fault), id: `${i.entry}-failback` }] : []),
      ]),
      accounting(),
    ],
  };
  const name = `${inf.name}-quick`;
  return { name, kind: 'quick', entries, app: target.app, quick: true, scenario: scenarioOf(inf, paths, name, entries, target, k) };
}

export function generateSuite(inf: Inferred, paths: SuitePaths): GeneratedScenario[] {
  const out: GeneratedScenario[] = [];
  if (inf.targets.length === 0) return out;
  out.push(quickScenario(inf, paths, inf.targets[0]!));
  for (const r of inf.regions) {
    for (const kind of KINDS) {
      const targets = kind.perService ? inf.targets : inf.targets.slice(0, 1);
      for (const target of targets) {
        const i: KindInput = { inf, entry: r.name, app: target.app, localName: inf.services.find((s) => s.app === target.app)?.names[r.name] };
        if (!kind.applies(i)) continue;
        const name = kind.perService ? `${inf.name}-${r.name}-${target.app}-${kind.id}` : `${inf.name}-${r.name}-${kind.id}`;
        out.push({ name, kind: kind.id, entries: [r.name], app: target.app, quick: false, scenario: scenarioOf(inf, paths, name, [r.name], target, kind.build(i)) });
      }
    }
  }
  return out;
}
