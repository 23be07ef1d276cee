// No import cycle in src/, type-only imports included (ESLint's import-x/no-cycle, run
// by `make lint`, skips those since TypeScript erases them). src/gateway is exempt
// until its split into translation/discovery/data-plane lands, as in eslint.config.js.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const EXEMPT = 'gateway/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [resolve(p)] : [];
  });
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) out.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('the import graph of src/', () => {
  const files = sourceFiles('src');
  const graph = new Map(
    files.map((f) => [
      f,
      [...readFileSync(f, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => resolve(dirname(f), m[1]!).replace(/\.js$/, '.ts')).filter((d) => files.includes(d)),
    ]),
  );

  it('GIVEN every import, type-only ones too THEN no file outside src/gateway is on a cycle', () => {
    const found = cycles(graph).map((c) => c.map((f) => relative('src', f)).sort());
    expect(found.filter((c) => !c.every((f) => f.startsWith(EXEMPT)))).toEqual([]);
  });

  it('GIVEN a cycle of three files beside a tree THEN the search finds exactly that cycle', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    expect(cycles(g).map((c) => c.sort())).toEqual([['a', 'b', 'c']]);
  });
});
