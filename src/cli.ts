// The region-lab command line: run, list, down, help. Exit codes per DESIGN.md:
// 0 every expectation passed, 1 one failed, 2 bad input or missing prerequisite,
// 3 the testbed itself failed, 130 interrupted.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { exitCodeOf, formatError } from './core/errors.js';
import { consoleLogger } from './core/log.js';
import { runScenario } from './run/run-scenario.js';
import { sweepLeftovers } from './run/sweep.js';

const HELP = `region-lab: does the multi-region Higress runbook hold?

usage: region-lab <command> [options]

commands:
  run <scenario.yaml> [--target local]   bring the topology up, run the scenario, write
                                         reports/<scenario>/<run-id>/, tear down
  list                                   the scenarios in scenarios/
  down                                   stop whatever a killed run left behind
  help                                   this text

options:
  --verbose    stack traces on errors

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
        const { positional, options } = parseArgs(rest, ['target']);
        const file = positional[0];
        const target = options.target ?? 'local';
        if (!file) return usage('run needs a scenario file, e.g. region-lab run scenarios/region-outage.yaml');
        if (target !== 'local') return usage(`target "${target}" is not available yet; the local target is: --target local`);
        const out = await runScenario({ scenarioFile: file, target: 'local', log, distDir, version });
        process.stdout.write(`${out.line}\n`);
        if (out.reportDir) process.stdout.write(`report: ${join(out.reportDir, 'report.html')}\n`);
        return out.exitCode;
      }
      case 'list':
        for (const f of readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort()) process.stdout.write(`${f.replace(/\.yaml$/, '')}\n`);
        return 0;
      case 'down': {
        const r = await sweepLeftovers(undefined, rest.includes('--force'));
        for (const k of r.killed) process.stdout.write(`stopped ${k.name} (pid ${k.pid})\n`);
        for (const d of r.skippedLive) process.stdout.write(`left ${d}: its run is still going (use --force to stop it too)\n`);
        process.stdout.write(`${r.dirs.length === 0 ? 'nothing left behind' : `swept ${r.dirs.length} run director${r.dirs.length === 1 ? 'y' : 'ies'}`}\n`);
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

/** Splits `--name value` options (of the given names) from positional arguments. */
export function parseArgs(args: readonly string[], valued: readonly string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.startsWith('--') ? a.slice(2).split('=')[0]! : undefined;
    if (name && valued.includes(name)) {
      options[name] = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[++i] ?? '');
    } else if (!a.startsWith('--')) positional.push(a);
  }
  return { positional, options };
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
