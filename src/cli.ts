// The region-lab command line: run, list, down, report, index, help. Exit codes per DESIGN.md:
// 0 every expectation passed, 1 one failed, 2 bad input or missing prerequisite,
// 3 the testbed itself failed, 130 interrupted.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseArgs } from './cli-args.js';
import { RUN_VALUED, runFlags } from './cli-flags.js';
import { formatList, listScenarios } from './run/list.js';
import { exitCodeOf, formatError } from './core/errors.js';
import { consoleLogger } from './core/log.js';
import { rebuildReport, verdictLine, writeReportsIndex } from './report/index.js';
import { runLintCommand } from './lint/index.js';
import { runNightly } from './run/nightly.js';
import { formatSpread, repeatScenario } from './run/repeat.js';
import { runScenario } from './run/run-scenario.js';
import { sweepLeftovers } from './run/sweep.js';

const HELP = `region-lab: does the multi-region Higress runbook hold?

usage: region-lab <command> [options]

commands:
  run <scenario.yaml> [--target local]   bring the topology up, run the scenario, write
                                         reports/<scenario>/<run-id>/, tear down
      [--higress 2.1|2.2]                judge on this Higress profile
      [--data-plane auto|model|envoy]    what forwards requests in the gateways (only the model today)
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
  nightly [dir]                          every scenario, one after the other, and reports/index.html;
                                         exits 1 when an outcome differs from its scenario's declaration
  repeat <name> [-n 5]                   run a scenario n times; the spread of every measured figure
  down [--target kind]                   stop whatever a killed run or run --keep left behind
  lint PATH... [--format text|json|sarif] [--higress 2.1|2.2]
                                         check manifests against what Higress really does
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
  try {
    switch (cmd) {
      case 'run': {
        const { positional, options } = parseArgs(rest, ['target', ...RUN_VALUED]);
        const file = positional[0];
        const target = options.target ?? 'local';
        if (!file) return usage('run needs a scenario file, e.g. region-lab run scenarios/region-outage.yaml');
        if (target === 'kind') return await kindCommand('run', file, rest, log);
        if (target !== 'local') return usage(`target "${target}" is not available; use --target local or --target kind`);
        const f = runFlags(rest);
        const overrides = [...(f.higress ? [`higress=${f.higress}`] : []), ...f.sets];
        const out = await runScenario({ scenarioFile: file, target: 'local', log, distDir, version, overrides, keep: f.keep, live: f.live, ...(f.dataPlane ? { dataPlane: f.dataPlane } : {}) });
        process.stdout.write(`${out.line}\n`);
        if (out.reportDir) process.stdout.write(`report: ${join(out.reportDir, 'report.html')}\n`);
        for (const l of out.kept ?? []) process.stdout.write(`${l}\n`);
        return out.exitCode;
      }
      case 'check': {
        const { positional, options } = parseArgs(rest, ['out', ...RUN_VALUED]);
        const dir = positional[0];
        if (!dir) return usage('check needs the directory of your manifests, e.g. region-lab check examples/shop --quick');
        const f = runFlags(rest);
        const { runCheck } = await import('./check/index.js');
        const r = await runCheck({
          dir, quick: f.quick, dryRun: rest.includes('--dry-run'), log, distDir, version, live: f.live, say: (l) => process.stdout.write(`${l}\n`),
          ...(options.out ? { out: options.out } : {}), ...(f.higress ? { higress: f.higress } : {}), ...(f.dataPlane ? { dataPlane: f.dataPlane } : {}),
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
        const { positional, options } = parseArgs(rest, ['format', 'higress']);
        return runLintCommand({ paths: positional, format: options.format, higress: options.higress, version, write: (t) => process.stdout.write(t) });
      }
      case 'list':
        process.stdout.write(`${formatList(listScenarios(parseArgs(rest, []).positional[0] ?? 'scenarios'))}\n`);
        return 0;
      case 'up': {
        const { positional, options } = parseArgs(rest, ['target']);
        if (options.target !== 'kind' || !positional[0]) return usage('up needs --target kind and a scenario file, e.g. region-lab up scenarios/region-outage.yaml --target kind');
        return await kindCommand('up', positional[0], rest, log);
      }
      case 'down': {
        if (parseArgs(rest, ['target']).options.target === 'kind') return await kindCommand('down', '', rest, log);
        const r = await sweepLeftovers(undefined, rest.includes('--force'));
        for (const k of r.killed) process.stdout.write(`stopped ${k.name} (pid ${k.pid})\n`);
        for (const d of r.skippedLive) process.stdout.write(`left ${d}: its run is still going (use --force to stop it too)\n`);
        process.stdout.write(`${r.dirs.length === 0 ? 'nothing left behind' : `swept ${r.dirs.length} run director${r.dirs.length === 1 ? 'y' : 'ies'}`}\n`);
        return 0;
      }
      case 'report': {
        const dir = parseArgs(rest, []).positional[0];
        if (!dir) return usage('report needs a run directory, e.g. region-lab report reports/region-outage/latest');
        const r = await rebuildReport(dir);
        process.stdout.write(`${verdictLine(r.run, r.judgement)}\nreport: ${r.written.html} (rebuilt from ${r.from})\n`);
        return 0;
      }
      case 'nightly': {
        const r = await runNightly({ dir: parseArgs(rest, []).positional[0] ?? 'scenarios', log, distDir, version });
        const idx = await writeReportsIndex('reports');
        for (const e of r.entries) process.stdout.write(`${e.asExpected ? 'expected  ' : 'UNEXPECTED'} ${e.line.split('\n')[0]} (${e.seconds} s)\n`);
        process.stdout.write(`nightly: ${r.entries.length} scenarios, ${r.entries.filter((e) => e.asExpected !== true).length} unexpected; index: ${idx.file}\n`);
        return r.exitCode;
      }
      case 'repeat': {
        const { positional, options } = parseArgs(rest, ['n']);
        const name = positional[0];
        const n = Number(options.n ?? 5);
        if (!name || !Number.isInteger(n) || n < 1) return usage('repeat needs a scenario and a count, e.g. region-lab repeat region-outage -n 5');
        const file = name.endsWith('.yaml') ? name : `scenarios/${name}.yaml`;
        const result = await repeatScenario(n, () => runScenario({ scenarioFile: file, target: 'local', log, distDir, version }), (i, out) =>
          process.stdout.write(`run ${i}/${n}: ${out.line.split('\n')[0]}\n`),
        );
        process.stdout.write(`${formatSpread(result)}\n`);
        return result.sameVerdict ? 0 : 1;
      }
      case 'index': {
        const r = await writeReportsIndex(parseArgs(rest, []).positional[0] ?? 'reports');
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
    return exitCodeOf(e);
  }
}

/** The kind target, loaded only when asked for (it pulls in execa). */
async function kindCommand(what: 'run' | 'up' | 'down', file: string, flags: readonly string[], log: ReturnType<typeof consoleLogger>): Promise<number> {
  const kind = await import('./targets/kind/index.js');
  if (what === 'down') {
    const gone = await kind.downKind(kind.createToolRunner(), log);
    process.stdout.write(gone.length === 0 ? 'no region-lab kind clusters\n' : `deleted ${gone.join(', ')}\n`);
    return 0;
  }
  if (what === 'run' && flags.includes('--dry-run')) {
    process.stdout.write(kind.kindDryRun(file, version, flags.includes('--keep')));
    return 0;
  }
  const out = await kind.runKind({ scenarioFile: file, version, log, keep: flags.includes('--keep'), upOnly: what === 'up' });
  process.stdout.write(`${out.line}\n`);
  return out.exitCode;
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
