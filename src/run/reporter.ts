// The run's typed events and the reporters subscribed to them (vitest's reporter
// idea): a reporter is a set of optional hooks; the files every run leaves
// (summary.json, junit.xml, report.html, raw/run.json) are reporters in report/, so
// every target writes the same files. A reporter that throws is logged, never fatal
// to the others.
import type { RequestLog } from '../load/request-record.js';
import type { Judgement } from '../verdict/types.js';
import type { RunData } from './run-data.js';

export type RunEvent =
  | { readonly kind: 'run-started'; readonly runId: string; readonly scenario: string; readonly target: string; readonly dir: string }
  | { readonly kind: 'provisioned'; readonly at: number }
  | { readonly kind: 'load-started'; readonly t0: number }
  | { readonly kind: 'fault-applied' | 'fault-healed'; readonly id: string; readonly description: string; readonly at: number }
  | { readonly kind: 'run-failed'; readonly code: string; readonly component?: string | undefined; readonly message: string; readonly at: number };

export interface RunFinished {
  /** reports/<scenario>/<run-id>/ */
  readonly dir: string;
  readonly run: RunData;
  readonly judgement: Judgement;
  /** The requests the judgement came from (the report's charts). */
  readonly log: RequestLog;
}

export interface Reporter {
  readonly name: string;
  onEvent?(e: RunEvent): void;
  onRunFinished?(f: RunFinished): Promise<void> | void;
}

export interface ReporterFailure {
  readonly reporter: string;
  readonly error: unknown;
}

/** Fans events out to every reporter; collects, never throws, their failures. */
export class ReporterSet {
  readonly failures: ReporterFailure[] = [];
  constructor(private readonly reporters: readonly Reporter[]) {}

  emit(e: RunEvent): void {
    for (const r of this.reporters) {
      try {
        r.onEvent?.(e);
      } catch (error) {
        this.failures.push({ reporter: r.name, error });
      }
    }
  }

  async finish(f: RunFinished): Promise<ReporterFailure[]> {
    const results = await Promise.allSettled(this.reporters.map(async (r) => r.onRunFinished?.(f)));
    results.forEach((res, i) => res.status === 'rejected' && this.failures.push({ reporter: this.reporters[i]!.name, error: res.reason }));
    return this.failures;
  }
}
