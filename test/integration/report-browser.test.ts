// GIVEN a real run's raw data (reports/region-outage/latest, copied to a temp dir; a
// synthetic run in the same format when no run was ever made here) and a run whose
// names, events, headers and log lines are hostile, each rebuilt with `region-lab
// report` WHEN headless Chromium opens the report.html THEN every chart is drawn with
// data, the console stays clean, nothing is fetched, and nothing hostile executes.
// Needs Debian's chromium (scripts/install-test-tools.sh) and a built dist/ (make build).
/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRun } from '../../src/report/synthetic-run.js';

const root = new URL('../../', import.meta.url).pathname;
const CHROMIUM = process.env.REGION_LAB_CHROMIUM ?? '/usr/bin/chromium';
// facts/tools.md §5: without the background-networking flags the closed network refuses Chromium
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAYLOAD = '</script><script>alert(1)</script><!--"><img src=x onerror=alert(1)>';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`report browser tests skipped: ${CHROMIUM} is missing; run scripts/install-test-tools.sh (needs root and apt) or set REGION_LAB_CHROMIUM`);

const tmp = mkdtempSync(join(tmpdir(), 'rl-report-browser-'));
let context: BrowserContext;

/** `region-lab report <dir>` as a user runs it. */
function reportCommand(dir: string): string {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `make build` first (make test does)');
  return execFileSync(process.execPath, [join(root, 'bin', 'region-lab.js'), 'report', dir], { cwd: root, encoding: 'utf8' });
}

/** The real run's raw data, or a synthetic one in the same format; returns where it came from. */
async function runDirWithRawData(dir: string): Promise<string> {
  const real = join(root, 'reports', 'region-outage', 'latest');
  if ((existsSync(join(real, 'raw', 'requests.tsv')) || existsSync(join(real, 'raw', 'k6-points.jsonl'))) && existsSync(join(real, 'summary.json'))) {
    cpSync(join(real, 'raw'), join(dir, 'raw'), { recursive: true });
    cpSync(join(real, 'summary.json'), join(dir, 'summary.json'));
    mkdirSync(join(dir, 'logs'));
    for (const f of readdirSync(join(real, 'logs')).filter((f) => f.endsWith('.events.jsonl'))) cpSync(join(real, 'logs', f), join(dir, 'logs', f));
    return `the real run ${real}`;
  }
  await writeSyntheticRun(dir, { seconds: 150, rate: 40, root });
  return 'a synthetic run (no real run under reports/region-outage/latest)';
}

interface Opened {
  readonly page: Page;
  readonly errors: string[];
  readonly dialogs: string[];
  readonly fetched: string[];
}

async function open(file: string): Promise<Opened> {
  const page = await context.newPage();
  const o: Opened = { page, errors: [], dialogs: [], fetched: [] };
  page.on('console', (m) => (m.type() === 'error' ? o.errors.push(m.text()) : undefined));
  page.on('pageerror', (e) => o.errors.push(e.message));
  page.on('dialog', (d) => {
    o.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => (r.url().startsWith('file:') ? undefined : o.fetched.push(r.url())));
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.body.hasAttribute('data-charts-drawn'), null, { timeout: 20_000 });
  return o;
}

/** Data points per chart, helper series (fault shading) left out. */
function pointsPerChart(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    document.querySelectorAll<HTMLElement>('[data-chart]').forEach((el, i) => {
      const opt = (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): { getOption(): { series: { name: string; data: unknown[] }[] } } } }).echarts.getInstanceByDom(el).getOption();
      const n = opt.series.filter((s) => s.name !== 'fault windows').reduce((a, s) => a + s.data.filter((d) => Array.isArray(d) && d[1] !== '-').length, 0);
      out[`${el.dataset.chart}-${i}`] = n;
    });
    return out;
  });
}

describe.skipIf(!hasChromium)('report.html in Chromium', () => {
  beforeAll(async () => {
    context = await chromium.launchPersistentContext(join(tmp, 'chrome-profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await context?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("renders a real run's report, rebuilt from its raw data: every chart has data, the console is clean", async () => {
    const dir = join(tmp, 'real');
    mkdirSync(dir);
    const from = await runDirWithRawData(dir);
    console.info(`report rebuilt from ${from}`);
    expect(reportCommand(dir)).toMatch(/^region-outage: (PASS|FAIL) on Higress/);
    const { page, errors, dialogs, fetched } = await open(join(dir, 'report.html'));
    expect(await page.locator('h1').textContent()).toMatch(/^region-outage: (PASS|FAIL) on Higress \d/);
    const points = await pointsPerChart(page);
    expect(Object.keys(points).length).toBeGreaterThanOrEqual(5);
    for (const [chart, n] of Object.entries(points)) expect(n, `${chart} has no data points`).toBeGreaterThan(0);
    expect(await page.locator('svg.topology .link.hit').count()).toBeGreaterThan(0);
    expect([errors, dialogs, fetched]).toEqual([[], [], []]);
    mkdirSync(join(root, 'test-output'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-output', 'report-region-outage.png'), fullPage: true });
    expect(readFileSync(join(dir, 'report.html')).length).toBeLessThan(5 * 1024 * 1024);
  });

  it('shows hostile scenario names, event details, header values and log lines as text; nothing executes', async () => {
    const dir = join(tmp, 'hostile');
    await writeSyntheticRun(dir, { seconds: 40, rate: 20, outage: [10, 25], hostile: PAYLOAD, root });
    // a scenario name cannot be hostile in a YAML file (the schema refuses it), but run.json is just JSON
    const runJson = join(dir, 'raw', 'run.json');
    const run = JSON.parse(readFileSync(runJson, 'utf8'));
    run.scenario.name = `evil${PAYLOAD}`;
    run.runId = `run${PAYLOAD}`;
    writeFileSync(runJson, JSON.stringify(run));
    reportCommand(dir);
    const { page, errors, dialogs, fetched } = await open(join(dir, 'report.html'));
    // exercise a tooltip that carries a hostile event detail
    await page.evaluate(() => {
      const el = document.getElementById('chart-events')!;
      const chart = (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): { getOption(): { series: { type: string }[] }; dispatchAction(a: object): void } } }).echarts.getInstanceByDom(el);
      const i = chart.getOption().series.findIndex((s) => s.type === 'scatter');
      chart.dispatchAction({ type: 'showTip', seriesIndex: i, dataIndex: 0 });
    });
    const found = await page.evaluate(() => ({
      scripts: document.scripts.length,
      imgs: document.querySelectorAll('img').length,
      text: document.body.innerText,
      title: document.title,
    }));
    expect(found.scripts).toBe(3);
    expect(found.imgs).toBe(0);
    expect(found.title).toContain(PAYLOAD.slice(0, 20));
    expect(found.text).toContain('"><img src=x onerror=alert(1)>');
    expect(Number(await page.getAttribute('body', 'data-charts-drawn'))).toBeGreaterThanOrEqual(5);
    expect([errors, dialogs, fetched]).toEqual([[], [], []]);
  });
});
