// Loads and cross-checks a scenario, its topology and its manifests before anything
// starts, reporting every problem at once (file, field, what is valid): exit 2.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkFault } from '../chaos/check.js';
import { BadInputError, type InputProblem } from '../core/errors.js';
import { parseYamlDocuments, readYamlText } from '../core/input.js';
import { entriesOf, scenarioSchema, type Scenario } from './schema.js';
import { topologySchema, type Topology } from '../topology/schema.js';
import { loadWithOverrides, type Override } from './overrides.js';

export interface RunInputs {
  readonly scenarioFile: string;
  readonly scenarioText: string;
  readonly scenario: Scenario;
  readonly topologyFile: string;
  readonly topology: Topology;
  readonly higress: '2.1' | '2.2';
  /** Absolute paths every gateway loads: the topology's McpBridge first, then the scenario's routes. */
  readonly manifests: readonly string[];
  /** Absolute paths only one region's gateways load after `manifests`, by region. */
  readonly regionManifests: Readonly<Record<string, readonly string[]>>;
  /** Service hosts the routes' backendRefs name, by region (its gateways wait for their endpoints). */
  readonly routedHosts: Readonly<Record<string, readonly string[]>>;
}

/** Every manifest a region's gateways load, in load order. */
export function manifestsOf(inputs: Pick<RunInputs, 'manifests' | 'regionManifests'>, region: string): string[] {
  return [...inputs.manifests, ...(inputs.regionManifests[region] ?? [])];
}

/** Every manifest file of the run, each once (reports, plans). */
export function allManifests(inputs: Pick<RunInputs, 'manifests' | 'regionManifests'>): string[] {
  return [...new Set([...inputs.manifests, ...Object.values(inputs.regionManifests).flat()])];
}

/** Paths inside a scenario are relative to the project root (where `make` runs); `--set` overrides apply before the schemas. */
export function loadRunInputs(scenarioFile: string, root = process.cwd(), overrides: readonly Override[] = []): RunInputs {
  const scenario = loadWithOverrides(scenarioFile, scenarioSchema, overrides.filter((o) => o.target === 'scenario'));
  const problems: InputProblem[] = [];
  const topologyFile = resolve(root, scenario.topology);
  let topology: Topology | undefined;
  if (!existsSync(topologyFile)) problems.push({ file: scenarioFile, path: 'topology', message: `${scenario.topology} does not exist (paths are relative to ${root})` });
  else {
    try {
      topology = loadWithOverrides(topologyFile, topologySchema, overrides.filter((o) => o.target === 'topology'));
    } catch (e) {
      if (e instanceof BadInputError) problems.push(...e.problems);
      else throw e;
    }
  }
  const manifests: string[] = [];
  if (topology) {
    manifests.push(resolve(root, topology.discovery.mcpbridge));
    topology.platformManifests.forEach((m, i) => {
      const abs = resolve(root, m);
      if (!existsSync(abs)) problems.push({ file: topologyFile, path: `platformManifests[${i}]`, message: `${m} does not exist (paths are relative to ${root})` });
      manifests.push(abs);
    });
  }
  const existing = (m: string, path: string) => {
    const abs = resolve(root, m);
    if (!existsSync(abs)) problems.push({ file: scenarioFile, path, message: `${m} does not exist` });
    return abs;
  };
  scenario.manifests.forEach((m, i) => manifests.push(existing(m, `manifests[${i}]`)));
  const regionManifests = Object.fromEntries(Object.entries(scenario.regionManifests).map(([region, list]) => [region, list.map((m, i) => existing(m, `regionManifests.${region}[${i}]`))]));
  if (topology) {
    const regions = new Set(topology.regions.map((r) => r.name));
    const known = [...regions].join(', ');
    const entries = entriesOf(scenario.load);
    entries.forEach((entry, i) => {
      if (!regions.has(entry)) problems.push({ file: scenarioFile, path: typeof scenario.load.entry === 'string' ? 'load.entry' : `load.entry[${i}]`, message: `no region "${entry}" in ${scenario.topology}; known: ${known}` });
    });
    for (const region of Object.keys(regionManifests)) {
      if (!regions.has(region)) problems.push({ file: scenarioFile, path: `regionManifests.${region}`, message: `no region "${region}" in ${scenario.topology}; known: ${known}` });
    }
    scenario.expectations.forEach((e, i) => {
      if ('entry' in e && !regions.has(e.entry)) problems.push({ file: scenarioFile, path: `expectations[${i}].entry`, message: `no region "${e.entry}"; known: ${known}` });
    });
    scenario.timeline.forEach((t, i) => {
      for (const p of checkFault(t.fault, topology!)) problems.push({ file: scenarioFile, path: `timeline[${i}].fault.${p.path}`, message: p.message });
    });
  }
  const hostsOf = new Map<string, string[]>();
  for (const m of allManifests({ manifests, regionManifests }).filter(existsSync)) {
    try {
      hostsOf.set(m, parseYamlDocuments(m, readYamlText(m)).flatMap(backendHosts));
    } catch (e) {
      if (e instanceof BadInputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length > 0 || !topology) throw new BadInputError(problems);
  const routedHosts = Object.fromEntries(
    topology.regions.map((r) => [r.name, [...new Set(manifestsOf({ manifests, regionManifests }, r.name).flatMap((m) => hostsOf.get(m) ?? []))]]),
  );
  const set = overrides.map((o) => `# --set ${o.arg}\n`).join('');
  return { scenarioFile, scenarioText: set + readYamlText(scenarioFile), scenario, topologyFile, topology, higress: scenario.higress ?? topology.higress, manifests, regionManifests, routedHosts };
}

/** Registry hosts a route sends to: HTTPRoute backendRefs in group networking.higress.io, Ingress higress.io/destination lines. */
function backendHosts(doc: unknown): string[] {
  const d = doc as { kind?: string; metadata?: { annotations?: Record<string, unknown> }; spec?: { rules?: { backendRefs?: { group?: string; name?: string }[] }[] } };
  const dest = d?.kind === 'Ingress' ? d.metadata?.annotations?.['higress.io/destination'] : undefined;
  // "[w%] host[:port]" per line: the gateways must have discovered these before the load starts
  if (typeof dest === 'string') return dest.split('\n').map((l) => l.trim().split(/\s+/)).map((p) => (p[0]?.endsWith('%') ? p[1] : p[0])).map((h) => h?.split(':')[0]).flatMap((h) => (h?.endsWith('.nacos') ? [h] : []));
  if (d?.kind !== 'HTTPRoute') return [];
  return (d.spec?.rules ?? []).flatMap((r) => (r.backendRefs ?? []).filter((b) => b.group === 'networking.higress.io' && b.name).map((b) => b.name!));
}

