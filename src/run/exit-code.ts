// The one place exit codes are decided (DESIGN.md "Contracts"): 0 every expectation
// passed, 1 one failed, 2 bad input or a missing prerequisite (nothing left running),
// 3 the testbed itself failed, 130 interrupted. A failure outranks the verdict: a run
// whose topology broke under it says nothing about the runbook.
import { exitCodeOf } from '../core/errors.js';

export const EXIT = { pass: 0, fail: 1, badInput: 2, testbed: 3, interrupted: 130 } as const;

export function exitCodeFor(o: { readonly failure?: unknown; readonly verdict?: 'pass' | 'fail' | undefined }): number {
  if (o.failure !== undefined) return exitCodeOf(o.failure);
  return o.verdict === 'pass' ? EXIT.pass : EXIT.fail;
}
