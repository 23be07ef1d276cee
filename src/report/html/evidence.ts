// The evidence half of report.html: the events on the run's time axis (frequent ones
// folded per second), the scenario and manifests as they were read, and the
// environment (target, tool versions). Every value is escaped.
import { escapeHtml as h } from '../escape.js';
import { allEvents, eventRows } from '../event-lanes.js';
import type { RunData } from '../../run/run-data.js';
import { endOf } from '../summary.js';

/** Seconds since t0, or the wall clock time when no request was ever made. */
function when(run: RunData, t: number): string {
  return run.t0 === undefined ? new Date(t).toISOString().slice(11, 23) : ((t - run.t0) / 1000).toFixed(2);
}

export function eventsTable(run: RunData): string {
  const events = allEvents(run);
  const rows = eventRows(events);
  const head = run.t0 === undefined ? 'time (UTC)' : 't (s since first request)';
  const body = rows.map(
    (e) => `<tr class="ev-${h(e.kind)}"><td class="num">${h(when(run, e.t))}</td><td>${h(e.source)}</td><td>${h(e.kind)}${e.count > 1 ? ` ×${e.count} in this second` : ''}</td><td>${h(e.detail)}</td></tr>`,
  );
  const unapplied = run.faults.filter((f) => f.appliedAtMs === undefined).map((f) => `<li>${h(f.id)} (${h(f.description)}) was never applied: the run ended first.</li>`);
  const table = `<details${rows.length <= 60 ? ' open' : ''}><summary>${events.length} events in ${rows.length} rows (retries and other frequent events folded per second)</summary>
<table><thead><tr><th>${head}</th><th>source</th><th>event</th><th>detail</th></tr></thead><tbody>${body.join('\n')}</tbody></table></details>`;
  return `<section><h2>Events</h2>${unapplied.length ? `<ul class="warn">${unapplied.join('')}</ul>` : ''}
${events.length === 0 ? '<p>No events were recorded.</p>' : table}</section>`;
}

export function inputsSection(run: RunData): string {
  const manifests = run.manifests.map((m) => `<details><summary>manifest: ${h(m.file)}</summary><pre>${h(m.text)}</pre></details>`);
  return `<section><h2>Inputs</h2><details><summary>scenario: ${h(run.scenarioFile)}</summary><pre>${h(run.scenarioText)}</pre></details>
${manifests.join('\n')}</section>`;
}

export function environmentSection(run: RunData): string {
  const rows: [string, string][] = [
    ['target', run.target],
    ['Higress profile', run.higress],
    ['Data plane', run.dataPlane ?? 'region-lab model'],
    ['registration', run.registration],
    ['discovery', run.discovery],
    ['run id', run.runId],
    ['started', run.startedAt],
    ['ended', run.endedAt],
    ['first request (t0)', run.t0 === undefined ? 'none' : new Date(run.t0).toISOString()],
    ['k6 exit code', run.k6.exitCode === null ? 'none (killed or never started)' : String(run.k6.exitCode)],
    ['interrupted', run.interrupted ? 'yes' : 'no'],
    ['how it ended', endOf(run)],
    ...(run.failure ? [['failure', `${run.failure.code}${run.failure.component ? ` (${run.failure.component})` : ''}`] as [string, string]] : []),
    ...(run.dataPlane ? [['data plane', run.dataPlane] as [string, string]] : []),
    ...(run.resources ? [['peak memory', `${run.resources.peakRssMiB} MiB over ${run.resources.samples} samples`] as [string, string]] : []),
    ...Object.entries(run.dataPlaneCounters ?? {}).map(([gw, c]): [string, string] => [`${gw} (Envoy's counters)`, Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ')]),
    ...Object.entries(run.versions).map(([k, v]): [string, string] => [`version: ${k}`, v]),
    ...(run.notes ?? []).map((n): [string, string] => ['note', n]),
  ];
  return `<section><h2>Environment</h2><table class="narrow"><tbody>${rows.map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`).join('\n')}</tbody></table></section>`;
}
