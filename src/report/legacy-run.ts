// RunData for a run that saved no raw/run.json (runs made before it existed): rebuilt
// from its summary.json and the scenario, topology and manifests as they are now, with
// a note in the report saying so, since those files may have changed since the run.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { BadInputError } from '../core/errors.js';
import { loadRunInputs } from '../scenario/load-inputs.js';
import type { RunData } from '../run/run-data.js';
import type { Summary } from './summary.js';
import { topologyView } from '../scenario/topology-view.js';

export function runDataFromSummary(summaryFile: string, root = process.cwd()): RunData {
  const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  const scenarioFile = `scenarios/${s.scenario}.yaml`;
  if (!existsSync(resolve(root, scenarioFile)))
    throw new BadInputError([{ file: summaryFile, path: 'scenario', message: `the run saved no raw/run.json and ${scenarioFile} is gone, so the report cannot be rebuilt` }]);
  const inputs = loadRunInputs(scenarioFile, root);
  const t0 = s.t0 === null ? undefined : Date.parse(s.t0);
  const at = (sec: number | null): number | undefined => (sec === null || t0 === undefined ? undefined : Math.round(t0 + sec * 1000));
  return {
    runId: s.runId,
    scenario: inputs.scenario,
    scenarioFile,
    scenarioText: inputs.scenarioText,
    manifests: inputs.manifests.map((m) => ({ file: relative(root, m), text: readFileSync(m, 'utf8') })),
    target: s.target,
    higress: s.higress,
    registration: s.registration,
    discovery: s.discovery,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    t0,
    faults: s.faults.map((f) => ({ id: f.id, description: f.description, appliedAtMs: at(f.appliedAtS), healedAtMs: at(f.healedAtS) })),
    events: [],
    versions: s.versions,
    interrupted: s.interrupted,
    ended: s.ended,
    failure: s.failure,
    dataPlane: s.dataPlane,
    k6: { exitCode: s.k6.exitCode },
    resources: s.resources,
    topology: topologyView(inputs.topology, inputs.scenario.timeline),
    notes: ['rebuilt from summary.json (the run saved no raw/run.json): the scenario, topology and manifests shown are the files as they are now'],
  };
}
