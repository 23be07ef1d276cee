// Field path → line and column in the source file, through the yaml CST ranges, so
// a finding points at the key of the offending field (or its nearest existing parent).
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { FieldPath } from '../schemas/index.js';
import type { Manifest } from './types.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export function locate(m: Manifest, path: FieldPath): Position {
  let node = m.doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  const pos = m.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The comment lines directly above a line (1-based), nearest last, without "#". */
export function commentsAbove(m: Manifest, line: number): string[] {
  const out: string[] = [];
  for (let i = line - 2; i >= 0; i--) {
    const t = m.lines[i]?.trim() ?? '';
    if (!t.startsWith('#')) break;
    out.unshift(t.replace(/^#+\s?/, ''));
  }
  return out;
}
