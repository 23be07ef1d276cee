// schema-*: the structural checks of src/schemas as lint rules, one per problem code,
// so each has its own id and severity.
import { validateManifest, type SchemaProblem, type SchemaProblemCode } from '../../schemas/index.js';
import type { Manifest, Rule, Severity } from '../types.js';

const cache = new WeakMap<Manifest, SchemaProblem[]>();

function problems(m: Manifest): SchemaProblem[] {
  let p = cache.get(m);
  if (!p) cache.set(m, (p = validateManifest(m.value)));
  return p;
}

const SOURCE = 'kubernetes-models 4.5.0 and @kubernetes-models/gateway-api 0.5.1 (upstream OpenAPI/CRD schemas); schemas/mcpbridge.crd.yaml (Higress v2.2.4)';

function schemaRule(code: SchemaProblemCode, severity: Severity, title: string, explanation: string, fix: string): Rule {
  return {
    id: `schema-${code}`,
    severity,
    title,
    explanation,
    source: SOURCE,
    fix,
    checkManifest: (m) => problems(m).filter((p) => p.code === code).map((p) => ({ path: p.path, message: p.message })),
  };
}

export const schemaRules: readonly Rule[] = [
  schemaRule('unknown-field', 'error', 'A field the API does not have',
    'The API server prunes fields a structural schema does not declare (fieldValidation Warn) and kubectl apply refuses them (strict validation since Kubernetes 1.27), so the setting never reaches Higress. Checked for McpBridge (the CRD is closed); the kubernetes-models validators do not reject unknown fields.',
    'Remove the field or move it to where the API defines it.'),
  schemaRule('wrong-type', 'error', 'A field of the wrong type',
    'The API server rejects the object (e.g. a port written as a string where an integer is required).',
    'Write the value with the type the message names (unquote numbers).'),
  schemaRule('missing-field', 'error', 'A required field is missing',
    'The API server rejects the object without its required fields.',
    'Add the field named in the message.'),
  schemaRule('invalid-value', 'error', 'A value outside what the schema allows',
    'The API server rejects the object (enum, pattern, range or length).',
    'Use a value the message allows.'),
  schemaRule('unknown-kind', 'info', 'A kind region-lab has no schema for',
    'Only its semantic rules (if any) are checked.',
    'Nothing to fix; add the model to src/schemas/kubernetes.ts to check it.'),
];
