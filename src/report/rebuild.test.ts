// GIVEN a run directory in the real on-disk format (k6 points, events logs, run.json)
// WHEN `region-lab report` rebuilds it, and the nightly index is written over runs
// THEN the reports match the run, an older run without run.json rebuilds from its
// summary.json, and the index shows each scenario's latest verdict and trend.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexHtml, writeReportsIndex } from './index-page.js';
import { readHistory } from './index-data.js';
import { rebuildReport } from './rebuild.js';
import { readRunJson } from './run-json.js';
import { writeSyntheticRun } from './synthetic-run.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rl-rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rebuildReport', async () => {
  const runDir = join(dir, 'reports', 'region-outage', 'r2');
  const made = await writeSyntheticRun(runDir, { seconds: 60, rate: 20, root });
  const rebuilt = await rebuildReport(runDir, root);
  it('reads raw/run.json back as the RunData written, with the logged events merged in', () => {
    const back = readRunJson(join(runDir, 'raw', 'run.json'));
    expect(back.scenario).toEqual(made.scenario);
    expect(back.events.every((e) => e.source === 'region-lab')).toBe(true);
    expect(rebuilt.from).toBe('run.json');
    expect(rebuilt.run.events.map((e) => e.source)).toEqual(expect.arrayContaining(['region-lab', 'gw-south-1', 'nacos-sync']));
  });
  it('judges the requests again and writes all three reports', () => {
    const summary = JSON.parse(readFileSync(rebuilt.written.summary, 'utf8'));
    expect(summary.requests.total).toBe(1200);
    expect(summary.expectations.map((e: { id: string }) => e.id)).toEqual(['proximity-steady', 'failover', 'failback', 'accounting']);
    const html = readFileSync(rebuilt.written.html, 'utf8');
    expect(html).toContain('id="report-data"');
    expect(html).toContain('Topology: two-region');
    const xml = readFileSync(rebuilt.written.junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
  });
  it("rebuilds an older run that saved no run.json from its summary.json", async () => {
    const old = join(dir, 'reports', 'region-outage', 'r1');
    cpSync(runDir, old, { recursive: true });
    unlinkSync(join(old, 'raw', 'run.json'));
    const r = await rebuildReport(old, root);
    expect(r.from).toBe('summary.json');
    expect(r.run.t0).toBe(made.t0);
    expect(r.run.faults).toEqual(made.faults.map(({ id, description, appliedAtMs, healedAtMs }) => ({ id, description, appliedAtMs, healedAtMs })));
    expect(readFileSync(r.written.html, 'utf8')).toContain('rebuilt from summary.json');
  });
  it('refuses a directory that is not a run, saying what it expected', async () => {
    await expect(rebuildReport(dir, root)).rejects.toThrow(/no raw\/run.json and no summary.json/);
  });
});

describe('nightly index', () => {
  it('shows every scenario with its latest verdict, each run and a trend per key figure', async () => {
    const reports = join(dir, 'reports');
    symlinkSync('r2', join(reports, 'region-outage', 'latest'));
    const h = readHistory(reports);
    expect(h.map((s) => [s.scenario, s.runs.length, s.latest.dir])).toEqual([['region-outage', 2, 'r2']]);
    const out = await writeReportsIndex(reports);
    const html = readFileSync(out.file, 'utf8');
    expect(html).toContain('href="region-outage/r2/report.html"');
    expect(html.match(/<svg class="spark"/g)).toHaveLength(3); // proximity, failback, failed share: "never" and accounting have no line
    expect(html).not.toMatch(/<script/i);
  });
  it('escapes names that come from directories and summaries', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const h = readHistory(join(dir, 'reports'));
    const s = h[0]!;
    const html = indexHtml([{ ...s, scenario: evil, latest: { ...s.latest, dir: evil } }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/report.html');
  });
});
