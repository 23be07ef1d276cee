// The region-lab command line: run, list, down, report, index, help. Exit codes per DESIGN.md:
// 0 every expectation passed, 1 one failed, 2 bad input or missing prerequisite,
// 3 the testbed itself failed, 130 interrupted.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { COMMAND_FLAGS, flagProblem, parseArgs } from './cli-args.js';
import { outcomeLine, runOne, scenarioRunner } from './cli-run.js';
import { runFlags } from './cli-flags.js';
import { formatList, listScenarios } from './run/list.js';
import { formatError } from './core/errors.js';
import { consoleLogger } from './core/log.js';
import { rebuildReport, verdictLine, writeReportsIndex } from './report/index.js';
import { runLintCommand } from './lint/index.js';
import { runConformanceCommand } from './conformance/index.js';
import { exitCodeFor } from './run/exit-code.js';
import { runNightly, scenarioFilesIn } from './run/nightly.js';
import { compareScenario, formatComparison } from './run/compare.js';
import { formatSpread, repeatExitCode, repeatScenario } from './run/repeat.js';
import { sweepLeftovers } from './run/sweep.js';
import { sweepNftTables } from './targets/local/nft-sweep.js';
import { loadRunInputs } from './scenario/load-inputs.js';
import { parseOverrides } from './scenario/overrides.js';

const HELP = `region-lab: does the multi-region Higress runbook hold?

usage: region-lab <command> [options]

commands:
  run <scenario.yaml> [--target local]   bring the topology up, run the scenario, write
                                         reports/<scenario>/<run-id>/, tear down
      [--higress 2.1|2.2]                judge on this Higress profile
      [--data-plane auto|envoy|model]    what forwards requests in the gateways: real Envoy, or
                                         region-lab's model; auto: Envoy where installed
      [--set <path>=<value>]...          change any scenario field (load.rate=80) or topology
                                         field (topology.lb.fall=3) for this run, schema-checked
      [--keep]                           leave the topology up and print its addresses;
                                         region-lab down ends it
      [--no-live]                        no live line (elapsed, req/s, errors, local share, fault)
  check <dir> [--out DIR] [--quick] [--higress 2.1|2.2] [--data-plane auto|model|envoy] [--dry-run]
                                         your own manifests: lint them, infer the topology,
                                         write and run a chaos suite for it, one index report
                                         (region-lab.yaml next to them overrides; docs/own-config.md);
                                         --quick: one short run; --dry-run: write the suite, run nothing
  run <scenario.yaml> --target kind [--dry-run] [--keep]
                                         the same on four kind clusters (docs/kind.md);
                                         --dry-run prints the plan, needs no Docker
  up <scenario.yaml> --target kind       bring the kind clusters up and keep them
  list [dir]                             each scenario's claim and its last verdict
  nightly [dir] [--compare] [--data-plane envoy|model] [--higress 2.1|2.2] [--set …]
                                         every scenario, one after the other, and reports/index.html;
                                         exits 1 when an outcome differs from its scenario's declaration;
                                         --compare runs each on real Envoy and on the model
  repeat <name> [-n 5] [--data-plane envoy|model] [--higress 2.1|2.2] [--set …]
                                         run a scenario n times; the spread of every measured figure
  compare <name> [--higress 2.1|2.2] [--set …]
                                         run a scenario on real Envoy and on the model; per
                                         expectation both measurements and whether they agree
  down [--target kind] [--force]         stop whatever a killed run or run --keep left behind
                                         (processes, temp state, nftables tables region-lab-*);
                                         --force: live runs' too
  lint PATH... [--format text|json|sarif] [--higress 2.1|2.2]
                                         check manifests against what Higress really does
  conformance [PATH...] [--higress 2.1|2.2] [--data-plane auto|envoy|model] [--format text|json|junit]
                                         run Higress's own test cases (conformance/) against one
                                         gateway per case; exit 1 when a case fails (docs/conformance.md)
  report <run-dir>                       rebuild a run's report.html, summary.json and junit.xml
                                         from its raw/ and logs/, without running it again
  index [reports-dir]                    write reports/index.html: every scenario's latest
                                         verdict and its key figures over the runs
  help                                   this text

options:
  --verbose    stack traces on errors
  --version    the region-lab version

exit codes: 0 pass, 1 an expectation failed, 2 bad input or missing prerequisite,
            3 the testbed failed, 130 interrupted`;

const distDir = dirname(fileURLToPath(import.meta.url));
const version = (JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')) as { version: string }).version;

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const args = argv.filter((a) => a !== '--verbose');
  const [cmd, ...rest] = args;
  const log = consoleLogger();
  const problem = cmd === undefined ? undefined : flagProblem(cmd, rest);
  if (problem === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (problem) return usage(problem);
  // every command's valued options come from its entry in COMMAND_FLAGS, the table flagProblem checked
  const { positional, options } = parseArgs(rest, cmd === undefined ? [] : (COMMAND_FLAGS[cmd]?.valued ?? []));
  try {
    switch (cmd) {
      case 'run': {
        const file = positional[0];
        const target = options.target ?? 'local';
        if (!file) return usage('run needs a scenario file, e.g. region-lab run scenarios/region-outage.yaml');
        if (target !== 'local' && target !== 'kind') return usage(`target "${target}" is not available; use --target local or --target kind`);
        if (target === 'kind' && rest.includes('--dry-run')) return await kindCommand('dry-run', file, rest, log);
        const f = runFlags(rest);
        if (f.dataPlane && target === 'kind') return usage("--data-plane chooses the local target's data plane; the kind target runs Higress's own gateway image");
        const overrides = [...(f.higress ? [`higress=${f.higress}`] : []), ...f.sets];
        const out = await runOne(file, { target, log, distDir, version, keep: f.keep, live: f.live, overrides, ...(f.dataPlane ? { dataPlane: f.dataPlane } : {}) });
        process.stdout.write(`${outcomeLine(out)}\nreport: ${join(out.reportDir, 'report.html')}\n`);
        for (const l of out.kept ?? []) process.stdout.write(`${l}\n`);
        return out.exitCode;
      }
      case 'check': {
        const dir = positional[0];
        if (!dir) return usage('check needs the directory of your manifests, e.g. region-lab check examples/shop --quick');
        const f = runFlags(rest);
        const { runCheck } = await import('./check/index.js');
        const r = await runCheck({
          dir,
          quick: f.quick,
          dryRun: rest.includes('--dry-run'),
          log,
          say: (l) => process.stdout.write(`${l}\n`),
          run: async (file, reportsRoot, dataPlane) => {
            const out = await runOne(file, { target: 'local', log, distDir, version, live: f.live, reportsRoot, dataPlane });
            return { exitCode: out.exitCode, reportDir: out.reportDir, line: outcomeLine(out) };
          },
          ...(options.out ? { out: options.out } : {}),
          ...(f.higress ? { higress: f.higress } : {}),
          ...(f.dataPlane ? { dataPlane: f.dataPlane } : {}),
        });
        const ran = r.results.filter((x) => x.run);
        const passed = ran.filter((x) => x.run?.summary?.verdict === 'pass').length;
        process.stdout.write(`check: ${ran.length} scenario${ran.length === 1 ? '' : 's'} run, ${passed} passed, ${ran.length - passed} did not; exit ${r.exitCode}\nreport: ${r.index}\n`);
        return r.exitCode;
      }
      case '--version':
      case '-V':
      case 'version':
        process.stdout.write(`region-lab ${version}\n`);
        return 0;
      case 'lint': {
        return runLintCommand({ paths: positional, format: options.format, higress: options.higress, version, write: (t) => process.stdout.write(t) });
      }
      case 'conformance': {
        return await runConformanceCommand({
          paths: positional,
          ...(options.higress !== undefined ? { higress: options.higress } : {}),
          ...(options['data-plane'] !== undefined ? { dataPlane: options['data-plane'] } : {}),
          ...(options.format !== undefined ? { format: options.format } : {}),
          verbose,
          log,
          write: (t) => process.stdout.write(t),
          handleSignals: true,
        });
      }
      case 'list':
        process.stdout.write(`${formatList(listScenarios(positional[0] ?? 'scenarios'))}\n`);
        return 0;
      case 'up': {
        if (options.target !== 'kind' || !positional[0]) return usage('up needs --target kind and a scenario file, e.g. region-lab up scenarios/region-outage.yaml --target kind');
        return await kindCommand('up', positional[0], rest, log);
      }
      case 'down': {
        if (options.target === 'kind') return await kindCommand('down', '', rest, log);
        const r = await sweepLeftovers({ includeLive: rest.includes('--force') });
        for (const k of r.killed) process.stdout.write(`stopped ${k.name} (pid ${k.pid}, run ${k.runId})\n`);
        for (const k of r.spared) process.stdout.write(`left pid ${k.pid} alone (recorded as ${k.name} of run ${k.runId}): ${k.why}\n`);
        for (const d of r.skippedLive) process.stdout.write(`left ${d}: its run is still going (use --force to stop it too)\n`);
        for (const d of r.dirs) process.stdout.write(`removed ${d}\n`);
        // after the processes: a black hole's drop rules go with the run that added them
        const nft = await sweepNftTables(rest.includes('--force'));
        for (const t of nft.deleted) process.stdout.write(`deleted nftables table inet ${t}\n`);
        for (const t of nft.skippedLive) process.stdout.write(`left nftables table inet ${t}: its run is still going (use --force to delete it too)\n`);
        const swept = r.dirs.length + nft.deleted.length;
        process.stdout.write(
          `${swept === 0 ? 'nothing left behind' : `swept ${r.dirs.length} run director${r.dirs.length === 1 ? 'y' : 'ies'} and ${nft.deleted.length} nftables table${nft.deleted.length === 1 ? '' : 's'}`}\n`,
        );
        return 0;
      }
      case 'report': {
        const dir = positional[0];
        if (!dir) return usage('report needs a run directory, e.g. region-lab report reports/region-outage/latest');
        const r = await rebuildReport(dir);
        process.stdout.write(`${verdictLine(r.run, r.judgement)}\nreport: ${r.written.html} (rebuilt from ${r.from})\n`);
        return 0;
      }
      case 'nightly': {
        const dataPlane = dataPlaneOption(options['data-plane']);
        if (dataPlane === null) return usage(`--data-plane is envoy, model or auto, not "${options['data-plane']}"`);
        const dir = positional[0] ?? 'scenarios';
        const overrides = overridesOf(rest);
        checkOverrides(scenarioFilesIn(dir), overrides);
        const r = await runNightly({ dir, log, compare: rest.includes('--compare'), variant: overrides, run: scenarioRunner({ target: 'local', log, distDir, version, dataPlane, overrides }) });
        const idx = await writeReportsIndex('reports');
        for (const e of r.entries) process.stdout.write(`${e.asExpected ? 'expected  ' : 'UNEXPECTED'} ${e.line.split('\n')[0]} (${e.seconds} s)\n`);
        process.stdout.write(`nightly: ${r.entries.length} scenarios, ${r.entries.filter((e) => e.asExpected !== true).length} unexpected; index: ${idx.file}\n`);
        return r.exitCode;
      }
      case 'repeat': {
        const name = positional[0];
        const n = Number(options.n ?? 5);
        if (!name || !Number.isInteger(n) || n < 1) return usage('repeat needs a scenario and a count, e.g. region-lab repeat region-outage -n 5');
        const dataPlane = dataPlaneOption(options['data-plane']);
        if (dataPlane === null) return usage(`--data-plane is envoy, model or auto, not "${options['data-plane']}"`);
        const file = name.endsWith('.yaml') ? name : `scenarios/${name}.yaml`;
        const overrides = overridesOf(rest);
        checkOverrides([file], overrides);
        const run = scenarioRunner({ target: 'local', log, distDir, version, dataPlane, overrides });
        const result = await repeatScenario(
          n,
          () => run(file),
          (i, out) => process.stdout.write(`run ${i}/${n}: ${out.line.split('\n')[0]}\n`),
        );
        process.stdout.write(`${formatSpread(result)}\n`);
        return repeatExitCode(result);
      }
      case 'compare': {
        const name = positional[0];
        if (!name) return usage('compare needs a scenario, e.g. region-lab compare region-outage');
        const file = name.endsWith('.yaml') ? name : `scenarios/${name}.yaml`;
        const overrides = overridesOf(rest);
        checkOverrides([file], overrides);
        const run = scenarioRunner({ target: 'local', log, distDir, version, overrides });
        const c = await compareScenario({ scenarioFile: file, log, run: (dataPlane) => run(file, dataPlane), variant: overrides });
        process.stdout.write(`${formatComparison(c)}\n`);
        return c.rows.length === 0 ? (c.envoy.exitCode === 130 ? 130 : 3) : c.agree ? 0 : 1;
      }
      case 'index': {
        const r = await writeReportsIndex(positional[0] ?? 'reports');
        process.stdout.write(`index: ${r.file} (${r.scenarios} scenarios, ${r.failing} failing)\n`);
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${HELP}\n`);
        return 0;
      default:
        return usage(`unknown command "${cmd}"`);
    }
  } catch (e) {
    process.stderr.write(`${formatError(e, verbose)}\n`);
    return exitCodeFor({ failure: e });
  }
}

/** The kind target's own commands, loaded only when asked for (it pulls in execa). */
async function kindCommand(what: 'dry-run' | 'up' | 'down', file: string, flags: readonly string[], log: ReturnType<typeof consoleLogger>): Promise<number> {
  const kind = await import('./targets/kind/index.js');
  if (what === 'down') {
    const gone = await kind.downKind(kind.createToolRunner(), log);
    process.stdout.write(gone.length === 0 ? 'no region-lab kind clusters\n' : gone.map((g) => `deleted ${g.name}${g.runId ? ` (run ${g.runId})` : ''}\n`).join(''));
    return 0;
  }
  if (what === 'dry-run') {
    process.stdout.write(kind.kindDryRun(file, version, flags.includes('--keep')));
    return 0;
  }
  process.stdout.write(`${await kind.kindUp({ scenarioFile: file, version, log })}\n`);
  return 0;
}

/** --higress and every --set, checked, as the overrides a run applies (exit 2 on a bad one). */
function overridesOf(args: readonly string[]): string[] {
  const f = runFlags(args);
  return [...(f.higress ? [`higress=${f.higress}`] : []), ...f.sets];
}

/**
 * Reads every scenario with the overrides before the first run starts: a bad --set is exit 2
 * naming the file and field, not one failed run after another (nightly, repeat, compare).
 */
function checkOverrides(files: readonly string[], overrides: readonly string[]): void {
  if (overrides.length === 0) return;
  const parsed = parseOverrides(overrides);
  for (const f of files) loadRunInputs(f, undefined, parsed);
}

/** --data-plane: undefined when not given, null when not one of the three. */
function dataPlaneOption(v: string | undefined): 'auto' | 'envoy' | 'model' | undefined | null {
  if (v === undefined) return undefined;
  return v === 'auto' || v === 'envoy' || v === 'model' ? v : null;
}

function usage(message: string): number {
  process.stderr.write(`error: ${message}\n\n${HELP}\n`);
  return 2;
}

// A bug that escapes every handler still exits through process.exit, whose hooks
// kill the run's process groups and remove its temp state.
process.on('unhandledRejection', (e) => {
  process.stderr.write(`${formatError(e, true)}\n`);
  process.exit(3);
});
process.exitCode = await main(process.argv.slice(2));
