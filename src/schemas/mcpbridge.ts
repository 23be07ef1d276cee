// McpBridge (networking.higress.io/v1) validation against the real CRD, read from
// schemas/mcpbridge.crd.yaml (Higress v2.2.4 helm/core/crds) and converted at load
// time, so a newer CRD drops in without editing code.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { ajvProblems } from './ajv-problems.js';
import { crdToJsonSchema } from './crd-to-json-schema.js';
import type { SchemaProblem } from './problem.js';

/** Two levels up from src/schemas/ or dist/schemas/ is the repository root. */
export const MCPBRIDGE_CRD_FILE = new URL('../../schemas/mcpbridge.crd.yaml', import.meta.url);

let validator: ValidateFunction | undefined;

/** The JSON Schema of McpBridge v1, from the CRD file. */
export function mcpBridgeJsonSchema(crdText = readFileSync(MCPBRIDGE_CRD_FILE, 'utf8')): Record<string, unknown> {
  const crd = parse(crdText) as { spec?: { versions?: { name: string; schema?: { openAPIV3Schema?: Record<string, unknown> } }[] } };
  const v1 = crd.spec?.versions?.find((v) => v.name === 'v1')?.schema?.openAPIV3Schema;
  if (!v1) throw new Error(`${MCPBRIDGE_CRD_FILE.pathname}: no v1 openAPIV3Schema`);
  return crdToJsonSchema(v1);
}

export function validateMcpBridge(doc: unknown): SchemaProblem[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(mcpBridgeJsonSchema());
  return validator(doc) ? [] : ajvProblems(validator.errors);
}
