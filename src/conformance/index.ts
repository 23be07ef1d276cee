// Public face of the conformance suite runner: Higress's own test cases restated as
// case files, run against one gateway per case on a chosen data plane.
export { runConformanceCommand, CONFORMANCE_USAGE, type ConformanceCommandOptions } from './command.js';
export { runSuite, planRuns, DEFAULT_DATA_PLANES, type SuiteOptions } from './runner.js';
export { loadCases, SUITE_DIR, type LoadedCase } from './load.js';
export { gatewayStarter, type CaseGateway, type CaseGatewayOptions, type DataPlaneRegistry, type StartCaseGateway } from './case-gateway.js';
export { startModelCaseGateway } from './model-gateway.js';
export { SUITE_NACOS } from './nacos-registrations.js';
export type { CaseRun, Outcome, RequestResult, SuiteResult, SuiteTotals } from './types.js';
