// GIVEN a judged synthetic run whose inputs, events and versions carry hostile text
// WHEN the reports are written THEN they are well-formed, add up, stay self-contained
// and show every hostile string as text, never as markup.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioSchema } from '../scenario/schema.js';
import { judge } from '../verdict/judge.js';
import { syntheticLog } from '../verdict/synthetic.js';
import { escapeHtml, escapeXml } from './escape.js';
import type { RunData } from '../run/run-data.js';
import { buildSummary } from './summary.js';
import { verdictLine } from './verdict-line.js';
import { writeRunReports } from './write.js';

const XSS = '<script>alert(1)</script>';
const ATTR = '"><img src=x onerror=alert(2)>';
const scenarioText = readFileSync(new URL('../../scenarios/region-outage.yaml', import.meta.url), 'utf8');
const scenario = scenarioSchema.parse(parse(scenarioText));
const t0 = 1_795_000_000_000;
const at = (s: number) => t0 + s * 1000;

function fixture(overrides: Partial<RunData> = {}) {
  const log = syntheticLog({
    t0,
    rate: 10,
    seconds: 150,
    outcome: (s, i) => (s >= 50 && s < 110 ? (i < 8 ? 'error' : 'served-remote') : i < 8 ? 'served-local' : 'served-remote'),
  });
  const run: RunData = {
    runId: '20261124-235900-ab12',
    scenario,
    scenarioFile: 'scenarios/region-outage.yaml',
    scenarioText: `${scenarioText}\n# ${XSS}`,
    manifests: [{ file: `clusters/routes/${ATTR}.yaml`, text: `name: ${XSS} & more` }],
    target: 'local',
    higress: '2.1',
    dataPlane: 'Envoy 1.36.4',
    registration: 'http-v1',
    discovery: 'synced',
    startedAt: new Date(t0 - 30_000).toISOString(),
    endedAt: new Date(at(160)).toISOString(),
    t0,
    faults: [{ id: 'south-down', description: 'cluster-outage biz-south', appliedAtMs: at(50), healedAtMs: at(110) }],
    events: [
      { t: at(50), source: 'region-lab', kind: 'fault-applied', detail: { id: 'south-down', description: 'cluster-outage biz-south' } },
      { t: at(53.2), source: `gw-${XSS}`, kind: 'endpoint-removed', detail: { instance: ATTR } },
      { t: at(54), source: 'nacos-sync', kind: 'note', detail: `${XSS}\u0001` },
    ],
    versions: { k6: 'k6 v1.8.1', evil: ATTR },
    interrupted: false,
    k6: { exitCode: 0 },
    ...overrides,
  };
  return { run, log, judgement: judge({ scenario, t0: run.t0, faults: run.faults, log }) };
}

const dir = mkdtempSync(join(tmpdir(), 'rl-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('escaping', () => {
  it('turns hostile names into text for HTML', () => {
    expect(escapeHtml(XSS)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(ATTR)).toBe('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(escapeHtml("it's & <b>")).toBe('it&#39;s &amp; &lt;b&gt;');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('keeps XML parseable: entities escaped, forbidden control characters replaced', () => {
    expect(escapeXml(`a\u0000b\u0007c\td'"<>&`)).toBe('a\uFFFDb\uFFFDc\td&apos;&quot;&lt;&gt;&amp;');
    expect(escapeXml('\uD800x')).toBe('\uFFFDx');
    expect(escapeXml('😀')).toBe('😀');
  });
});

describe('writeRunReports', async () => {
  const { run, judgement, log } = fixture();
  const out = await writeRunReports(join(dir, 'run'), run, judgement, log);
  const html = readFileSync(out.html, 'utf8');
  const xml = readFileSync(out.junit, 'utf8');
  const summary = JSON.parse(readFileSync(out.summary, 'utf8'));

  it('writes summary.json with the contract fields and counts that add up', () => {
    expect(summary).toMatchObject({ scenario: 'region-outage', target: 'local', verdict: 'fail', profile: 'on Higress 2.1, data plane Envoy 1.36.4', dataPlane: 'Envoy 1.36.4', registration: 'http-v1', discovery: 'synced', interrupted: false, durationS: 190 });
    const r = summary.requests;
    const errors = Object.values(r.error as Record<string, number>).reduce((a, n) => a + n, 0);
    expect(r['served-local'] + r['served-remote'] + r.fallback + r.timeout + errors).toBe(r.total);
    expect(r.total).toBe(1500);
    expect(summary.expectations.map((e: { id: string; pass: boolean }) => [e.id, e.pass])).toEqual([
      ['proximity-steady', true],
      ['failover', false],
      ['failback', true],
      ['accounting', true],
    ]);
    expect(summary.expectations[1]).toMatchObject({ kind: 'failover-time', expected: '≤ 18.0 s', measured: 'never' });
    expect(summary.faults).toEqual([{ id: 'south-down', description: 'cluster-outage biz-south', appliedAtS: 50, healedAtS: 110 }]);
    expect(summary.versions.k6).toBe('k6 v1.8.1');
  });

  it('writes junit.xml with one testcase per expectation and the failure explained', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('<testsuite name="region-outage on Higress 2.1, data plane Envoy 1.36.4 (local)" tests="4" failures="1"');
    expect(xml).toMatch(/<failure type="failover-time" message="never \(expected ≤ 18.0 s\): the error rate stayed at 80%/);
    expect(xml).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(xml).not.toContain('<img');
    // every tag opened is closed: a cheap well-formedness check without an XML parser
    expect(xml.match(/<testcase /g)!.length).toBe(xml.match(/<\/testcase>/g)!.length);
  });

  it('puts the verdict on top and every expectation in the page', () => {
    expect(html).toContain('<h1>region-outage: FAIL on Higress 2.1, data plane Envoy 1.36.4 — target local</h1>');
    expect(html.indexOf('<h1>')).toBeLessThan(html.indexOf('Expectations'));
    for (const e of judgement.expectations) expect(html).toContain(escapeHtml(e.sentence));
    expect(html).toContain('south → north');
  });
  it('embeds the chart data as JSON aggregated per second, with the fault window', () => {
    const data = JSON.parse(html.match(/<script type="application\/json" id="report-data">([^<]*)<\/script>/)![1]!);
    expect(data.faults).toEqual([{ id: 'south-down', description: 'cluster-outage biz-south', fromS: 50, toS: 110, healed: true }]);
    expect(data.series.fromS).toBe(0);
    expect(data.series.latency[0].p99).toHaveLength(150);
    expect(data.series.outcomes.map((o: { key: string }) => o.key)).toEqual(['served local', 'served remote', 'fallback', '429', '5xx', 'timeout']);
    expect(data.histograms.map((x: { path: string }) => x.path)).toEqual(['south → south', 'south → north']);
    expect(data.events.lanes[0]).toBe('region-lab');
  });
  it('is self-contained: inline scripts only, allowed by hash, no external resource', () => {
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
    expect(markup.match(/<script/g)).toHaveLength(3);
    expect(markup).not.toMatch(/<[^>]*\s(src|href)=/i);
    expect(markup).not.toMatch(/<img|<link|<iframe/i);
    expect(markup).not.toMatch(/@import|url\(/i);
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+'"/);
  });
  it('shows hostile names from files, headers and logs as text', () => {
    expect(html).toContain('gw-&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('instance=&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('name: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).toContain('<td class="num">53.20</td>');
    // the JSON block holds the hostile strings too, but no "<" that could end it
    const block = html.slice(html.indexOf('id="report-data">'), html.indexOf('</script>', html.indexOf('id="report-data">')));
    expect(block).toContain('\\u003c/script>');
    expect(block).not.toMatch(/<\/script|<!--|<script/i);
  });
});

describe('reports of runs that went wrong', () => {
  it('writes a readable report when no request was made', async () => {
    const { run } = fixture({ t0: undefined, interrupted: true, faults: [{ id: 'south-down', description: 'cluster-outage biz-south' }], events: [], k6: { exitCode: null } });
    const judgement = judge({ scenario, t0: undefined, faults: run.faults, log: { records: [], httpReqs: 0, droppedIterations: 0 } });
    const out = await writeRunReports(join(dir, 'empty'), run, judgement);
    const html = readFileSync(out.html, 'utf8');
    expect(html).toContain('No request was made, so there is nothing to draw.');
    expect(html).toContain('south-down (cluster-outage biz-south) was never applied: the run ended first.');
    expect(buildSummary(run, judgement)).toMatchObject({ t0: null, interrupted: true, requests: { total: 0 } });
    expect(verdictLine(run, judgement)).toMatch(/^region-outage: FAIL on Higress 2\.1, data plane Envoy 1\.36\.4 \(local\) \[run interrupted\]: proximity-steady — not measured \(expected 0\.72–0\.88\): not measured: k6 made no request/);
  });
});

describe('verdictLine', () => {
  it('names the first failed expectation with its evidence', () => {
    const { run, judgement } = fixture();
    expect(verdictLine(run, judgement)).toBe(
      'region-outage: FAIL on Higress 2.1, data plane Envoy 1.36.4 (local): failover — never (expected ≤ 18.0 s): the error rate stayed at 80% for the whole of the 60 s outage (50.0–110.0 s): 480 of 600 requests entering south failed and no window of 101 consecutive requests fell below 1%: traffic never failed over [failback 0.0 s]',
    );
  });

  it('says all expectations held on a pass', () => {
    const { run, judgement } = fixture();
    const passed = { ...judgement, verdict: 'pass' as const, expectations: judgement.expectations.map((e) => ({ ...e, pass: true })) };
    expect(verdictLine(run, passed)).toBe('region-outage: PASS on Higress 2.1, data plane Envoy 1.36.4 (local): all 4 expectations held (failover never, failback 0.0 s)');
  });
});
