// Loads and cross-checks a scenario, its topology and its manifests before anything
// starts, reporting every problem at once (file, field, what is valid): exit 2.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkFault } from '../chaos/check.js';
import { BadInputError, type InputProblem } from '../core/errors.js';
import { loadYamlFile, parseYamlDocuments, readYamlText } from '../core/input.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';
import { topologySchema, type Topology } from '../topology/schema.js';

export interface RunInputs {
  readonly scenarioFile: string;
  readonly scenarioText: string;
  readonly scenario: Scenario;
  readonly topologyFile: string;
  readonly topology: Topology;
  readonly higress: '2.1' | '2.2';
  /** Absolute paths: the topology's McpBridge first, then the scenario's routes. */
  readonly manifests: readonly string[];
  /** Service hosts the routes' backendRefs name. */
  readonly routedHosts: readonly string[];
}

/** Paths inside a scenario are relative to the project root (where `make` runs). */
export function loadRunInputs(scenarioFile: string, root = process.cwd()): RunInputs {
  const scenario = loadYamlFile(scenarioFile, scenarioSchema);
  const problems: InputProblem[] = [];
  const topologyFile = resolve(root, scenario.topology);
  let topology: Topology | undefined;
  if (!existsSync(topologyFile)) problems.push({ file: scenarioFile, path: 'topology', message: `${scenario.topology} does not exist (paths are relative to ${root})` });
  else {
    try {
      topology = loadYamlFile(topologyFile, topologySchema);
    } catch (e) {
      if (e instanceof BadInputError) problems.push(...e.problems);
      else throw e;
    }
  }
  const manifests: string[] = [];
  if (topology) manifests.push(resolve(root, topology.discovery.mcpbridge));
  scenario.manifests.forEach((m, i) => {
    const abs = resolve(root, m);
    if (!existsSync(abs)) problems.push({ file: scenarioFile, path: `manifests[${i}]`, message: `${m} does not exist` });
    manifests.push(abs);
  });
  if (topology) {
    const regions = new Set(topology.regions.map((r) => r.name));
    const known = [...regions].join(', ');
    if (!regions.has(scenario.load.entry)) problems.push({ file: scenarioFile, path: 'load.entry', message: `no region "${scenario.load.entry}" in ${scenario.topology}; known: ${known}` });
    scenario.expectations.forEach((e, i) => {
      if ('entry' in e && !regions.has(e.entry)) problems.push({ file: scenarioFile, path: `expectations[${i}].entry`, message: `no region "${e.entry}"; known: ${known}` });
    });
    scenario.timeline.forEach((t, i) => {
      for (const p of checkFault(t.fault, topology!)) problems.push({ file: scenarioFile, path: `timeline[${i}].fault.${p.path}`, message: p.message });
    });
  }
  const routedHosts = new Set<string>();
  for (const m of manifests.filter(existsSync)) {
    try {
      for (const doc of parseYamlDocuments(m, readYamlText(m))) for (const h of backendHosts(doc)) routedHosts.add(h);
    } catch (e) {
      if (e instanceof BadInputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length > 0 || !topology) throw new BadInputError(problems);
  return { scenarioFile, scenarioText: readYamlText(scenarioFile), scenario, topologyFile, topology, higress: scenario.higress ?? topology.higress, manifests, routedHosts: [...routedHosts] };
}

/** Registry hosts an HTTPRoute sends to (backendRefs in group networking.higress.io). */
function backendHosts(doc: unknown): string[] {
  const d = doc as { kind?: string; spec?: { rules?: { backendRefs?: { group?: string; name?: string }[] }[] } };
  if (d?.kind !== 'HTTPRoute') return [];
  return (d.spec?.rules ?? []).flatMap((r) => (r.backendRefs ?? []).filter((b) => b.group === 'networking.higress.io' && b.name).map((b) => b.name!));
}

