// `region-lab check <dir>`: reads the user's manifests, lints them, infers the topology,
// writes the topology and a scenario suite to --out, runs the suite (or its quick check)
// one scenario after the other through the ordinary run, and writes one index report.
// Bad input (unreadable manifests, nothing inferable, a bad region-lab.yaml) is exit 2
// before anything starts.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { BadInputError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { HigressProfileName } from '../gateway/profiles.js';
import type { ScenarioRun } from '../run/scenario-run.js';
import { resolveDataPlane } from '../targets/local/data-plane.js';
import { loadTools, toolsInstalled, type Tools } from '../targets/tools.js';
import type { DataPlaneChoice } from '../topology/schema.js';
import { writeWhole } from '../report/write.js';
import { describeInferred, describeRead } from './describe.js';
import { findingsFor, lintCopies } from './findings.js';
import { infer, readPolicy } from './infer.js';
import { readManifests } from './read-manifests.js';
import { checkPageHtml } from './report-page.js';
import { readSummary, suiteExitCode, type ScenarioResult } from './results.js';
import { generateSuite } from './suite-gen.js';
import { generateTopology, type AddressPlan } from './topology-gen.js';
import { projectPath, writeManifests, writeYaml } from './write-suite.js';

export interface CheckOptions {
  readonly dir: string;
  /** @default reports/check/<name> */
  readonly out?: string;
  readonly higress?: HigressProfileName;
  readonly dataPlane?: DataPlaneChoice;
  readonly quick: boolean;
  /** Write and lint the suite, run nothing. @default false */
  readonly dryRun?: boolean;
  readonly log: Logger;
  /** Lines for the user (what was inferred, progress, verdicts). */
  readonly say: (line: string) => void;
  /** @default 127.0.90.0/24 up */
  readonly addresses?: AddressPlan;
  /** Runs one scenario file, its run directory under reportsRoot, on the data plane resolved here (the CLI: the ordinary run; tests stand in). */
  readonly run: (file: string, reportsRoot: string, dataPlane: 'envoy' | 'model') => Promise<ScenarioRun>;
  /** Where Envoy is (the data plane's resolution). @default loadTools(): the install cache */
  readonly tools?: Pick<Tools, 'envoy'>;
}

export interface CheckOutcome {
  readonly exitCode: number;
  readonly outDir: string;
  readonly index: string;
  readonly results: readonly ScenarioResult[];
}

const MARKER = 'check.json';

/** A suite name from a directory name: lower-case, [a-z0-9-]. */
function nameOf(dir: string): string {
  const n = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(n) ? n : `config-${n || 'check'}`;
}

/** Refuses to write into a directory that holds something other than an earlier check's output. */
function prepareOut(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MARKER))) {
    throw new BadInputError([{ file: '--out', path: '', message: `${out} exists and is not an earlier check's output (no ${MARKER})` }], 'give an empty or new directory, or one an earlier check wrote');
  }
  for (const d of ['scenarios', 'manifests']) rmSync(join(out, d), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
}

/**
 * The install cache's tools, or none yet (a fresh clone before `make install`): auto then
 * means the model. A tools.json that cannot be read is exit 2, not a silent switch to the model.
 */
function toolsOrNone(): Pick<Tools, 'envoy'> {
  return toolsInstalled() ? loadTools(process.env, []) : {};
}

export async function runCheck(o: CheckOptions): Promise<CheckOutcome> {
  const startedAt = new Date();
  const policy = readPolicy(o.dir);
  const name = policy?.policy.name ?? nameOf(o.dir);
  const outDir = resolve(o.out ?? join('reports', 'check', name));
  const read = readManifests(o.dir, [outDir]);
  const inf = infer(read, policy, { ...(o.higress ? { higress: o.higress } : {}), defaultName: name });
  // said before anything is written: every verdict is "on Higress X, data plane Y"
  const resolved = resolveDataPlane(o.dataPlane ?? 'auto', o.tools ?? toolsOrNone());
  const dataPlane = resolved.label;
  const inferred = [...describeRead(read), ...describeInferred(inf), `data plane ${dataPlane} — ${o.dataPlane ? `--data-plane ${o.dataPlane}` : resolved.fellBack ? `auto: ${resolved.fellBack}` : 'auto: Envoy is installed'}`];
  for (const l of inferred) o.say(l);

  prepareOut(outDir);
  const written = writeManifests(read, outDir);
  const topologyFile = join(outDir, 'topology.yaml');
  const topo = generateTopology(inf, projectPath(written.mcpbridge), o.addresses);
  writeYaml(topologyFile, `The ${inf.name} configuration (${o.dir}) as region-lab inferred it (region-lab check; see inferred.txt).\nEdit it and re-run any scenario with: region-lab run <scenario file>`, topo.topology);
  writeFileSync(join(outDir, 'inferred.txt'), `${inferred.join('\n')}\n`);
  const shared = [...written.copies].filter(([src]) => inf.manifestRegions[src] === 'all').map(([, f]) => projectPath(f));
  const regionManifests = Object.fromEntries(
    inf.regions.map((r) => [r.name, [...written.copies].filter(([src]) => (inf.manifestRegions[src] ?? 'all') !== 'all' && inf.manifestRegions[src]!.includes(r.name)).map(([, f]) => projectPath(f))] as const).filter(([, l]) => l.length > 0),
  );
  const suite = generateSuite(inf, { topology: projectPath(topologyFile), manifests: shared, regionManifests });
  const findings = lintCopies(written.copies, written.mcpbridge, inf.higress.value);
  const results: ScenarioResult[] = suite.map((sc) => {
    const file = join(outDir, 'scenarios', `${sc.name}.yaml`);
    writeYaml(file, `${sc.quick ? 'The quick check' : `Scenario ${sc.kind}`} for ${inf.name}, generated by region-lab check from ${o.dir}.`, sc.scenario);
    return { scenario: sc, file: projectPath(file), findings: findingsFor(sc, findings, inf.manifestRegions) };
  });
  o.say(`wrote ${projectPath(topologyFile)} and ${suite.length} scenarios under ${projectPath(join(outDir, 'scenarios'))}`);
  for (const f of findings.filter((x) => x.severity !== 'info')) o.say(`lint ${f.severity} ${f.ruleId}: ${f.message} (${f.source})`);

  const toRun = inf.blocked || o.dryRun ? [] : results.filter((r) => r.scenario.quick === o.quick);
  if (o.dryRun) o.say(`dry run: nothing started; run any scenario with region-lab run <file>, e.g. region-lab run ${results[0]?.file ?? ''}`);
  const done = new Map<string, ScenarioResult>();
  for (const [n, r] of toRun.entries()) {
    o.say(`check ${n + 1}/${toRun.length}: ${r.scenario.name}`);
    const began = Date.now();
    const out = await o.run(r.file, join(outDir, 'runs'), resolved.name);
    const seconds = Math.round((Date.now() - began) / 1000);
    const summary = readSummary(out.reportDir);
    done.set(r.scenario.name, { ...r, run: { exitCode: out.exitCode, line: out.line, seconds, ...(out.reportDir ? { reportDir: out.reportDir } : {}), ...(summary ? { summary } : {}) } });
    o.say(`${out.line.split('\n')[0]} (${seconds} s)`);
    // interrupted, or input the next run would refuse too (a busy port): stop here
    if (out.exitCode === 130 || out.exitCode === 2) break;
  }
  const final = results.map((r) => done.get(r.scenario.name) ?? r);
  const index = join(outDir, 'index.html');
  const page = { name: inf.name, dir: o.dir, outDir, quick: o.quick, higress: inf.higress.value, dataPlane, inferred, findings, results: final, generatedAt: new Date().toISOString(), ...(inf.blocked ? { blocked: inf.blocked } : {}) };
  await writeWhole(index, checkPageHtml(page));
  const exitCode = inf.blocked && !o.dryRun ? 1 : suiteExitCode(final);
  await writeWhole(
    join(outDir, MARKER),
    JSON.stringify(
      {
        name: inf.name, dir: o.dir, quick: o.quick, higress: inf.higress.value, dataPlane, startedAt: startedAt.toISOString(), durationS: Math.round((Date.now() - startedAt.getTime()) / 1000), exitCode,
        ...(inf.blocked ? { blocked: inf.blocked } : {}),
        inferred, findings,
        scenarios: final.map((r) => ({ name: r.scenario.name, kind: r.scenario.kind, file: r.file, entries: r.scenario.entries, app: r.scenario.app, findings: r.findings.map((f) => f.ruleId), ...(r.run ? { exitCode: r.run.exitCode, seconds: r.run.seconds, verdict: r.run.summary?.verdict ?? null, reportDir: r.run.reportDir ?? null } : { ran: false }) })),
      },
      null,
      2,
    ),
  );
  return { exitCode, outDir, index, results: final };
}
