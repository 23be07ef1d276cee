// runScenario with a fake target and a fake load on a clock the test controls: the
// faults come at t0 + at and t0 + until, teardown comes once and last, a load that
// ends early cancels the rest of the timeline, a component that dies unasked ends
// the run with exit 3 naming it (not "interrupted"), Ctrl-C with 130, and bad input
// or a failed preflight with 2 before anything exists. Every run that started leaves
// the same four files, and its summary.json conforms to docs/summary.schema.json.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadInputError, MissingPrerequisiteError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/log.js';
import type { Interrupts } from '../../src/core/signals.js';
import { fileReporters } from '../../src/report/reporters.js';
import { exitCodeFor } from '../../src/run/exit-code.js';
import type { Reporter, RunEvent } from '../../src/run/reporter.js';
import { runScenario, type RunOptions } from '../../src/run/run-scenario.js';
import { FakeClock } from '../support/fake-clock.js';
import { fakeLoad, type FakeLoadProps } from '../support/fake-load.js';
import { FakeTarget, type FakeTargetProps } from '../support/fake-target.js';
import { summaryValidator } from '../support/summary-schema.js';

const SCENARIO = 'test/fixtures/short-outage.yaml'; // 60 s of load, south-down at 15 s, healed at 45 s
let root: string;
beforeEach(() => void (root = mkdtempSync(join(tmpdir(), 'rl-run-scenario-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function manualInterrupts(): { make: (force: () => void) => Interrupts; press: () => void } {
  const ctrl = new AbortController();
  return {
    make: () => ({ signal: ctrl.signal, received: () => (ctrl.signal.aborted ? 'SIGINT' : undefined), dispose: () => {} }),
    press: () => ctrl.abort(),
  };
}

async function run(o: { target?: Partial<FakeTargetProps>; load?: Partial<FakeLoadProps>; scenario?: string; interrupts?: ReturnType<typeof manualInterrupts> } = {}) {
  const clock = new FakeClock(1_800_000_000_000, true);
  const target = new FakeTarget({ clock, ...o.target });
  const load = fakeLoad({ clock, ...o.load });
  const events: RunEvent[] = [];
  const spy: Reporter = { name: 'spy', onEvent: (e) => void events.push(e) };
  const opts: RunOptions = {
    scenarioFile: o.scenario ?? SCENARIO,
    target,
    load: () => load,
    reporters: [spy, ...fileReporters()],
    log: silentLogger,
    version: '0.0.0-test',
    reportsRoot: root,
    clock,
    interrupts: (o.interrupts ?? manualInterrupts()).make,
  };
  const out = await runScenario(opts);
  const summary = JSON.parse(readFileSync(join(out.reportDir, 'summary.json'), 'utf8')) as Record<string, unknown>;
  return { out, target, load, events, summary, clock };
}

describe('runScenario with a fake target and load', () => {
  it('GIVEN a run that goes all the way THEN faults come at t0+at and t0+until, teardown once after collect, and the four files exist', async () => {
    const { out, target, events, summary } = await run();
    expect(target.calls).toEqual(['check', 'provision', 'apply south-down @15000', 'heal south-down @45000', 'collect', 'teardown']);
    expect(events.map((e) => e.kind)).toEqual(['run-started', 'provisioned', 'load-started', 'fault-applied', 'fault-healed']);
    for (const f of ['summary.json', 'junit.xml', 'report.html', 'raw/run.json']) expect(existsSync(join(out.reportDir, f)), f).toBe(true);
    expect(summary).toMatchObject({ ended: 'completed', interrupted: false, dataPlane: 'fake data plane', target: 'local' });
    expect(summary.faults).toEqual([{ id: 'south-down', description: 'cluster-outage applied', appliedAtS: 15, healedAtS: 45 }]);
    // every request served locally: proximity 1.0 is above the fixture's band, so the verdict is a fail (exit 1)
    expect(out.judgement.verdict).toBe('fail');
    expect(out.exitCode).toBe(1);
    expect(summaryValidator()(summary), JSON.stringify(summaryValidator().errors)).toBe(true);
  });

  it('GIVEN k6 dying at 10 s (exit 107) THEN the timeline never starts its 15 s fault, the run ends 3 naming k6, and what was measured is written', async () => {
    const { out, target, summary } = await run({ load: { dieAt: { ms: 10_000, code: 107 } } });
    expect(target.calls).toEqual(['check', 'provision', 'collect', 'teardown']);
    expect(out.exitCode).toBe(3);
    expect(summary).toMatchObject({ ended: 'failed', interrupted: false, failure: { code: 'COMPONENT_DIED', component: 'k6' } });
    expect((summary.requests as { total: number }).total).toBe(200); // 10 s at 20/s
  });

  it('GIVEN a load that ends normally before a heal is due THEN the heal is not played after the load (teardown does it)', async () => {
    const file = join(root, 'late-heal.yaml');
    writeFileSync(file, readFileSync(SCENARIO, 'utf8').replace('name: short-outage', 'name: late-heal').replace('until: 45s', 'until: 90s'));
    const { out, target } = await run({ scenario: file });
    expect(target.calls).toEqual(['check', 'provision', 'apply south-down @15000', 'collect', 'teardown']);
    expect(out.run.faults[0]!.healedAtMs).toBeUndefined();
  });

  it('GIVEN Nacos dying unasked at 20 s THEN the load is stopped, the heal never runs, and the run ends 3 naming nacos-south, not as interrupted', async () => {
    const { out, target, load, summary, events } = await run({ target: { death: { component: 'nacos-south', afterMs: 20_000 } } });
    expect(target.calls).toEqual(['check', 'provision', 'apply south-down @15000', 'collect', 'teardown']);
    expect(load.asked).toContain('interrupt at 20s');
    expect(out.exitCode).toBe(3);
    expect(summary).toMatchObject({ ended: 'failed', interrupted: false, failure: { component: 'nacos-south', code: 'COMPONENT_DIED' } });
    expect((summary.failure as { message: string }).message).toContain('nacos-south: last words');
    expect(events.at(-1)).toMatchObject({ kind: 'run-failed', component: 'nacos-south' });
    expect(readFileSync(join(out.reportDir, 'report.html'), 'utf8')).toContain('the testbed failed: nacos-south died');
    expect((summary.requests as { total: number }).total).toBe(400);
  });

  it('GIVEN Ctrl-C at 30 s THEN the run ends 130 as interrupted, with what it measured', async () => {
    const keys = manualInterrupts();
    const clock = new FakeClock(1_800_000_000_000, true);
    const target = new FakeTarget({ clock });
    void clock.sleep(30_000).then(keys.press);
    const out = await runScenario({
      scenarioFile: SCENARIO,
      target,
      load: () => fakeLoad({ clock }),
      reporters: fileReporters(),
      log: silentLogger,
      version: 't',
      reportsRoot: root,
      clock,
      interrupts: keys.make,
    });
    expect(out.exitCode).toBe(130);
    expect(out.run.ended).toBe('interrupted');
    expect(out.run.interrupted).toBe(true);
    expect(target.calls.at(-1)).toBe('teardown');
  });

  it('GIVEN a YAML alias bomb as the scenario THEN it is bad input (exit 2) naming the file, and no run directory exists', async () => {
    const bomb = join(root, 'bomb.yaml');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    writeFileSync(bomb, `${levels.join('\n')}\nname: bomb\n`);
    const e = await run({ scenario: bomb }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(BadInputError);
    expect(exitCodeFor({ failure: e })).toBe(2);
    expect((e as BadInputError).problems[0]!.file).toBe(bomb);
    expect((e as Error).message).toMatch(/alias/i);
    expect(readdirSync(root)).toEqual(['bomb.yaml']);
  });

  it('GIVEN a preflight that fails THEN exit 2, nothing provisioned, no run directory', async () => {
    const clock = new FakeClock();
    const target = new FakeTarget({ clock, checkFails: new MissingPrerequisiteError('docker', 'start Docker') });
    const e = await runScenario({ scenarioFile: SCENARIO, target, load: () => fakeLoad({ clock }), reporters: fileReporters(), log: silentLogger, version: 't', reportsRoot: root, clock }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(exitCodeFor({ failure: e })).toBe(2);
    expect(target.calls).toEqual(['check']);
    expect(readdirSync(root)).toEqual([]);
  });
});
