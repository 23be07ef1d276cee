// Test helper: runs the region-lab CLI as a user does (node bin/region-lab.js …) and
// reads the summary of the run it wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

export interface Summary {
  scenario: string;
  runId: string;
  target: string;
  verdict: string;
  higress: string;
  interrupted: boolean;
  ended?: 'completed' | 'interrupted' | 'failed';
  failure?: { code: string; component?: string; message: string };
  t0: string | null;
  requests: { total: number } & Record<string, number | Record<string, number>>;
  expectations: { id: string; pass: boolean; measured: string; sentence: string }[];
  resources?: { peakRssMiB: number; byComponent: Record<string, number> };
}

export function runCli(args: string[], onStderr?: (all: string, child: ChildProcess) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/region-lab.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr, child);
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export function latestRun(scenario: string): { dir: string; summary: Summary } {
  const dir = realpathSync(`reports/${scenario}/latest`);
  return { dir, summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary };
}

/** Sum of every outcome count in a summary's requests (errors are per status). */
export function outcomeTotal(s: Summary): number {
  let n = 0;
  for (const [k, v] of Object.entries(s.requests)) {
    if (k === 'total') continue;
    n += typeof v === 'number' ? v : Object.values(v).reduce((a, b) => a + b, 0);
  }
  return n;
}
