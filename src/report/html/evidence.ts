// The evidence half of report.html: the events on the run's time axis, the scenario
// and manifests as they were read, and the environment (target, tool versions).
import { escapeHtml as h } from '../escape.js';
import type { RunData, RunEventData } from '../run-data.js';

function detailText(d: RunEventData['detail']): string {
  if (d === undefined) return '';
  if (typeof d === 'string') return d;
  return Object.entries(d)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/** Seconds since t0, or the wall clock time when no request was ever made. */
function when(run: RunData, t: number): string {
  return run.t0 === undefined ? new Date(t).toISOString().slice(11, 23) : ((t - run.t0) / 1000).toFixed(2);
}

export function eventsTable(run: RunData): string {
  const faults = run.faults.flatMap((f) => {
    const out: RunEventData[] = [];
    if (f.appliedAtMs === undefined) return out;
    // region-lab already logs these as events; add them only if the caller did not
    const has = (kind: string): boolean => run.events.some((e) => e.kind === kind && typeof e.detail === 'object' && e.detail?.id === f.id);
    if (!has('fault-applied')) out.push({ t: f.appliedAtMs, source: 'region-lab', kind: 'fault-applied', detail: { id: f.id, description: f.description } });
    if (f.healedAtMs !== undefined && !has('fault-healed')) out.push({ t: f.healedAtMs, source: 'region-lab', kind: 'fault-healed', detail: { id: f.id, description: f.description } });
    return out;
  });
  const events = [...run.events, ...faults].sort((a, b) => a.t - b.t);
  const head = run.t0 === undefined ? 'time (UTC)' : 't (s since first request)';
  const rows = events.map(
    (e) => `<tr class="ev-${h(e.kind)}"><td class="num">${h(when(run, e.t))}</td><td>${h(e.source)}</td><td>${h(e.kind)}</td><td>${h(detailText(e.detail))}</td></tr>`,
  );
  const unapplied = run.faults.filter((f) => f.appliedAtMs === undefined).map((f) => `<li>${h(f.id)} (${h(f.description)}) was never applied: the run ended first.</li>`);
  return `<section><h2>Events</h2>${unapplied.length ? `<ul class="warn">${unapplied.join('')}</ul>` : ''}
${events.length === 0 ? '<p>No events were recorded.</p>' : `<table><thead><tr><th>${head}</th><th>source</th><th>event</th><th>detail</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`}</section>`;
}

export function inputsSection(run: RunData): string {
  const manifests = run.manifests.map((m) => `<details><summary>${h(m.file)}</summary><pre>${h(m.text)}</pre></details>`);
  return `<section><h2>Inputs</h2><details open><summary>scenario: ${h(run.scenarioFile)}</summary><pre>${h(run.scenarioText)}</pre></details>
${manifests.join('\n')}</section>`;
}

export function environmentSection(run: RunData): string {
  const rows: [string, string][] = [
    ['target', run.target],
    ['Higress profile', run.higress],
    ['registration', run.registration],
    ['discovery', run.discovery],
    ['run id', run.runId],
    ['started', run.startedAt],
    ['ended', run.endedAt],
    ['first request (t0)', run.t0 === undefined ? 'none' : new Date(run.t0).toISOString()],
    ['k6 exit code', run.k6.exitCode === null ? 'none (killed or never started)' : String(run.k6.exitCode)],
    ['interrupted', run.interrupted ? 'yes' : 'no'],
    ...Object.entries(run.versions).map(([k, v]): [string, string] => [`version: ${k}`, v]),
  ];
  return `<section><h2>Environment</h2><table class="narrow"><tbody>${rows.map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`).join('\n')}</tbody></table></section>`;
}
