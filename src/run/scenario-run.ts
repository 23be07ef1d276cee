// What one scenario run tells the catalogue (nightly, compare): its exit code, where
// it wrote, its verdict line. The CLI makes these from runScenario on a target.
export interface ScenarioRun {
  readonly exitCode: number;
  readonly reportDir?: string | undefined;
  readonly line: string;
}

/** Runs a scenario file, on the data plane asked for (the topology's when not given). */
export type RunScenarioFile = (file: string, dataPlane?: 'envoy' | 'model') => Promise<ScenarioRun>;
