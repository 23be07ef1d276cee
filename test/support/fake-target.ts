// Test helper: a target that starts nothing and records every call with the time it
// came (ms since the load's first request once known), so tests of runScenario see
// what the pipeline asked, when, and in which order. It can be told to fail its
// check, or to have a component die at a given time (as the supervisor reports it).
import type { Fault } from '../../src/chaos/fault.js';
import { ComponentDiedError, type RegionLabError } from '../../src/core/errors.js';
import type { Target, TargetContext, TargetFacts, TargetKind } from '../../src/targets/target.js';
import type { FakeClock } from './fake-clock.js';

export interface FakeTargetProps {
  readonly clock: FakeClock;
  /** @default 'local' */
  readonly kind?: TargetKind;
  /** check() throws this. */
  readonly checkFails?: RegionLabError;
  /** A component dies this many ms after provision, unasked. */
  readonly death?: { readonly component: string; readonly afterMs: number };
}

export class FakeTarget implements Target {
  readonly kind: TargetKind;
  /** "check", "provision", "apply south-down @50000", "heal …", "collect", "teardown". */
  readonly calls: string[] = [];
  private ctx: TargetContext | undefined;
  private zero: number | undefined;

  constructor(private readonly p: FakeTargetProps) {
    this.kind = p.kind ?? 'local';
  }

  private at(): string {
    return this.zero === undefined ? '' : ` @${this.p.clock.now() - this.zero}`;
  }

  async check(): Promise<void> {
    this.calls.push('check');
    if (this.p.checkFails) throw this.p.checkFails;
  }

  async provision(ctx: TargetContext): Promise<void> {
    this.ctx = ctx;
    this.calls.push('provision');
    // the load starts right after provision: its first request is the zero of the timeline
    this.zero = this.p.clock.now();
    const d = this.p.death;
    if (d)
      void this.p.clock.sleep(d.afterMs, ctx.signal).then(() => !ctx.signal.aborted && ctx.fail(new ComponentDiedError(d.component, { code: null, signal: 'SIGKILL' }, `${d.component}: last words`)));
  }

  entryUrl(region: string): string {
    return `http://127.0.100.1:18080/${region}`;
  }

  async applyFault(id: string, f: Fault): Promise<string> {
    this.calls.push(`apply ${id}${this.at()}`);
    return `${f.kind} applied`;
  }

  async healFault(id: string, f: Fault): Promise<string> {
    this.calls.push(`heal ${id}${this.at()}`);
    return `${f.kind} healed`;
  }

  async collect(): Promise<TargetFacts> {
    this.calls.push('collect');
    return { versions: { fake: '1' }, dataPlane: 'fake data plane' };
  }

  async teardown() {
    this.calls.push('teardown');
    return [];
  }

  /** The context the run gave it. */
  get context(): TargetContext | undefined {
    return this.ctx;
  }
}
