// Public face of `region-lab check`: check a user's own manifests against the chaos suite.
export { runCheck, type CheckOptions, type CheckOutcome } from './run-check.js';
export { readManifests, type ReadManifests } from './read-manifests.js';
export { infer, readPolicy } from './infer.js';
export { policySchema, POLICY_FILE, POLICY_EXAMPLE, type Policy } from './policy.js';
export { generateTopology, CHECK_PORTS } from './topology-gen.js';
export { generateSuite, type GeneratedScenario } from './suite-gen.js';
export type { Inferred } from './inferred.js';
