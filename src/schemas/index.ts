// Public face of manifest schema checks: validateManifest(doc) → every problem with
// its field path. Kubernetes and Gateway API kinds use kubernetes-models' validators;
// McpBridge uses the real Higress CRD (schemas/mcpbridge.crd.yaml).
import { validateKubernetes, KUBERNETES_KINDS } from './kubernetes.js';
import { validateMcpBridge } from './mcpbridge.js';
import type { SchemaProblem } from './problem.js';

export { formatFieldPath, type FieldPath, type SchemaProblem, type SchemaProblemCode } from './problem.js';
export { crdToJsonSchema } from './crd-to-json-schema.js';
export { mcpBridgeJsonSchema, MCPBRIDGE_CRD_FILE } from './mcpbridge.js';

const MCPBRIDGE = 'networking.higress.io/v1/McpBridge';

/** Every apiVersion/kind validateManifest knows, as "apiVersion/kind". */
export const KNOWN_KINDS: readonly string[] = [...KUBERNETES_KINDS, MCPBRIDGE];

/** Validates one parsed manifest (a plain object from YAML); [] when it is valid. */
export function validateManifest(doc: unknown): SchemaProblem[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return [{ code: 'wrong-type', path: [], message: 'a manifest must be a mapping with apiVersion, kind and metadata' }];
  }
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  const missing: SchemaProblem[] = [];
  if (typeof apiVersion !== 'string') missing.push({ code: 'missing-field', path: [], message: 'missing required field "apiVersion"' });
  if (typeof kind !== 'string') missing.push({ code: 'missing-field', path: [], message: 'missing required field "kind"' });
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return missing;
  if (`${apiVersion}/${kind}` === MCPBRIDGE) return validateMcpBridge(doc);
  const problems = validateKubernetes(apiVersion, kind, doc);
  if (problems) return problems;
  return [
    {
      code: 'unknown-kind',
      path: ['kind'],
      message: `${apiVersion} ${kind} has no schema here; checked kinds: ${KNOWN_KINDS.join(', ')}`,
    },
  ];
}
