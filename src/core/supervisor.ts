// Knows which of a run's processes may die: a process a fault is about to kill is
// marked first (expectExit), teardown closes the supervisor, and any other exit is a
// component dying on its own, reported at once with its last log lines so the run can
// stop (exit 3, naming it) instead of measuring a topology that is no longer there.
import type { StartedProcess } from './process.js';
import { tailOf } from './process.js';

export interface Death {
  readonly component: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly logFile: string;
  /** The last lines of its log. */
  readonly logTail: string;
}

export class Supervisor {
  private readonly current = new Map<string, StartedProcess>();
  private readonly expected = new Set<string>();
  private closed = false;

  constructor(private readonly onDeath: (d: Death) => void) {}

  /** Watches a process under its component name; a restarted component replaces the old one. */
  watch(name: string, p: StartedProcess): void {
    this.current.set(name, p);
    this.expected.delete(name);
    void p.exited.then((exit) => {
      // an old process of a restarted component, a fault's kill, or teardown
      if (this.closed || this.current.get(name) !== p || this.expected.has(name)) return;
      this.onDeath({ component: name, code: exit.code, signal: exit.signal, logFile: p.logFile, logTail: tailOf(p.logFile, 12) });
    });
  }

  /** The next exit of this component is asked for (a fault kills it). */
  expectExit(name: string): void {
    this.expected.add(name);
  }

  /** Teardown begins: every exit from now on is expected. */
  close(): void {
    this.closed = true;
  }
}
