// Command-line argument splitting for the region-lab CLI: valued options (`--name value`,
// `--name=value`, `-n value`) and positional arguments; flags stay in the raw list.
/** Splits `--name value` / `-n value` options (of the given names) from positional arguments. */
export function parseArgs(args: readonly string[], valued: readonly string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.startsWith('--') ? a.slice(2).split('=')[0]! : /^-[a-z]$/.test(a) ? a.slice(1) : undefined;
    if (name && valued.includes(name)) {
      options[name] = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[++i] ?? '');
    } else if (!a.startsWith('--')) positional.push(a);
  }
  return { positional, options };
}

/** The flags each command takes: a typo (`--compre`) or `--help` after a command must not start a run. */
export const COMMAND_FLAGS: Readonly<Record<string, { valued: readonly string[]; flags: readonly string[] }>> = {
  run: { valued: ['target', 'higress', 'data-plane', 'set'], flags: ['keep', 'no-live', 'dry-run'] },
  check: { valued: ['out', 'higress', 'data-plane', 'set'], flags: ['quick', 'dry-run', 'no-live'] },
  up: { valued: ['target'], flags: [] },
  down: { valued: ['target'], flags: ['force'] },
  list: { valued: [], flags: [] },
  nightly: { valued: ['data-plane', 'higress', 'set'], flags: ['compare'] },
  repeat: { valued: ['n', 'data-plane', 'higress', 'set'], flags: [] },
  compare: { valued: ['higress', 'set'], flags: [] },
  lint: { valued: ['format', 'higress'], flags: [] },
  conformance: { valued: ['format', 'higress', 'data-plane'], flags: [] },
  report: { valued: [], flags: [] },
  index: { valued: [], flags: [] },
};

/**
 * What is wrong with a command's flags: 'help' when --help/-h is among them, a message naming
 * the first flag the command does not take, or undefined when all are known.
 */
export function flagProblem(cmd: string, args: readonly string[]): 'help' | string | undefined {
  const known = COMMAND_FLAGS[cmd];
  if (!known) return undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') return 'help';
    const name = a.startsWith('--') ? a.slice(2).split('=')[0]! : /^-[a-z]$/.test(a) ? a.slice(1) : undefined;
    if (name === undefined) continue;
    if (known.valued.includes(name)) {
      if (!a.includes('=')) i++;
      continue;
    }
    if (!known.flags.includes(name)) {
      const takes = [...known.valued.map((v) => (v.length === 1 ? `-${v}` : `--${v}`)), ...known.flags.map((f) => `--${f}`)];
      return `${cmd} does not take ${a}${takes.length ? `; it takes ${takes.join(', ')}` : '; it takes no options'} (region-lab help lists them)`;
    }
  }
  return undefined;
}
