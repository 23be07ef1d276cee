#!/usr/bin/env node
// The `region-lab` command (`npx region-lab` from a clone): runs the compiled CLI, and
// compiles it first when a fresh clone has only been through `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  if (!existsSync(tsc)) {
    process.stderr.write('error: region-lab is not built yet and TypeScript is not installed\nhint: run `npm ci` then `make build` (or `npm run build`)\n');
    process.exit(2);
  }
  process.stderr.write('==> building region-lab (first run: tsc -p tsconfig.json)\n');
  const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0 || !existsSync(cli)) {
    process.stderr.write('error: the build failed (above)\nhint: run `make build` to see it again\n');
    process.exit(2);
  }
}
await import(cli);
