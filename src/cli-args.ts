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
