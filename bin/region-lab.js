#!/usr/bin/env node
// The `region-lab` command: runs the compiled CLI (make build, or npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('error: region-lab is not built yet\nhint: run `make build` (or `npm run build`) first\n');
  process.exit(2);
}
await import(cli);
