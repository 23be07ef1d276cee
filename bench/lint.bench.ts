// Lint benchmark: 1,000 manifests (the seed runbook's 42 YAML manifests and its helm
// block, cycled) linted in one call, goal under 2 s. Run: make bench-lint.
import { readdirSync, readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { lintSources } from '../src/lint/index.js';
import type { SourceText } from '../src/lint/load.js';

const SEED = 'clusters/seed';
const TOTAL = 1000;
const seed: SourceText[] = readdirSync(SEED)
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.sh'))
  .map((f) => ({ file: f, text: readFileSync(`${SEED}/${f}`, 'utf8') }));
const sources: SourceText[] = Array.from({ length: TOTAL }, (_, i) => {
  const s = seed[i % seed.length]!;
  return { file: `${String(i).padStart(4, '0')}-${s.file}`, text: s.text };
});

// One cold run first (ajv compiles the McpBridge schema once), printed as the headline figure.
const t0 = performance.now();
const findings = lintSources(sources);
const ms = performance.now() - t0;
process.stdout.write(`lint: ${TOTAL} manifests in ${ms.toFixed(0)} ms (cold, ${findings.length} findings; goal < 2000 ms)\n`);

describe('region-lab lint', () => {
  bench(`${TOTAL} manifests`, () => {
    lintSources(sources);
  }, { iterations: 5, warmupIterations: 1 });
});
