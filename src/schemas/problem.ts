// One schema problem in a manifest: the field path (keys and list indexes, as a
// YAML path), a code a linter can map to a rule, and a message that says what is valid.

export type SchemaProblemCode = 'unknown-field' | 'wrong-type' | 'missing-field' | 'invalid-value' | 'unknown-kind';

export type FieldPath = readonly (string | number)[];

export interface SchemaProblem {
  readonly code: SchemaProblemCode;
  /** Path to the offending field; for a missing field, its parent. */
  readonly path: FieldPath;
  readonly message: string;
}

/** `spec.rules[0].backendRefs[1].weight`, the way kubectl prints field paths. */
export function formatFieldPath(path: FieldPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');
}
