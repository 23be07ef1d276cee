// Turns ajv errors (from our CRD validator and from kubernetes-models' compiled
// validators, both ajv) into SchemaProblems with a field path and a plain message.
import type { ErrorObject } from 'ajv';
import { formatFieldPath, type FieldPath, type SchemaProblem } from './problem.js';

/** "/spec/registries/0/port" → ["spec", "registries", 0, "port"] (JSON Pointer, RFC 6901). */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function ajvProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    const p = toProblem(e);
    // anyOf/oneOf branches repeat the same complaint; keep one per path and message
    const key = `${formatFieldPath(p.path)}|${p.message}`;
    if (!seen.has(key)) out.push(p), seen.add(key);
  }
  return out;
}

function toProblem(e: ErrorObject): SchemaProblem {
  const at: FieldPath = pointerToPath(e.instancePath);
  const where = formatFieldPath(at) || '(top level)';
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      return {
        code: 'unknown-field',
        path: [...at, field],
        message: `unknown field "${formatFieldPath([...at, field])}": the API server prunes it (kubectl apply refuses it), so it never takes effect`,
      };
    }
    case 'required': {
      const field = String((e.params as { missingProperty: string }).missingProperty);
      return { code: 'missing-field', path: at, message: `missing required field "${formatFieldPath([...at, field])}"` };
    }
    case 'type':
      return { code: 'wrong-type', path: at, message: `${where} must be ${String((e.params as { type: string }).type)}` };
    default:
      return { code: 'invalid-value', path: at, message: `${where} ${e.message ?? 'is invalid'}` };
  }
}
