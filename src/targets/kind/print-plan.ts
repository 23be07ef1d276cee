// The dry-run: the whole ordered plan (every cluster, chart, manifest, image, fault
// and teardown step) as text, from the same data the executor runs. Needs no Docker.
import type { PreflightLimits } from './preflight.js';
import { waitText, type ActionStep, type KindPlan, type Step } from './plan.js';
import { HIGRESS_CHART } from './names.js';
import { renderApply, renderCommand, renderHttp } from './render.js';

function line(s: Step | ActionStep): string {
  switch (s.kind) {
    case 'command':
    case 'teardown':
      return renderCommand(s.tool, s.args);
    case 'cluster':
      return `${renderCommand('kind', ['create', 'cluster', '--name', s.name, '--config', s.config])}   (skipped if it exists)`;
    case 'capture':
      return `$(${s.variable}) = ${renderCommand(s.tool, s.args)}`;
    case 'apply':
      return renderApply(s);
    case 'http':
      return `${renderHttp(s)}${s.retryForMs ? `   (until it answers 2xx, at most ${s.retryForMs / 1000} s)` : ''}`;
    case 'wait':
      return `wait (Kubernetes API): ${waitText(s.until)}, at most ${s.timeoutMs / 1000} s`;
    case 'load':
      return `k6 run (host) → ${Object.values(s.entryUrls).join(' + ')}: ${s.rate} requests/s ${Object.keys(s.entryUrls).length > 1 ? 'into each ' : ''}for ${s.durationMs / 1000} s`;
    case 'fault':
      return `t=${s.atMs / 1000}s ${s.action} ${s.id}: ${s.description}`;
  }
}

export function formatPlan(plan: KindPlan, limits: PreflightLimits): string {
  const out: string[] = [
    `region-lab kind plan: ${plan.scenario} on Higress ${plan.higress} (chart ${HIGRESS_CHART[plan.higress]}), clusters ${plan.clusters.join(', ')}`,
    `preflight: docker daemon reachable; kind, kubectl, helm on PATH; ≥ ${limits.minMemoryGiB} GiB free memory; ≥ ${limits.minCpus} CPUs; ` +
      `fs.inotify.max_user_watches ≥ ${limits.minInotifyWatches}, max_user_instances ≥ ${limits.minInotifyInstances}; 127.0.0.1 ports free: ${plan.hostPorts.flatMap((h) => h.ports).join(', ')}`,
    '$(node-ip X) is read from the node container once cluster X exists, $(run-id) is the run\'s id; every created cluster is deleted however the run ends' + (plan.keep ? ' (except: --keep)' : ''),
  ];
  let phase = '';
  let i = 0;
  for (const s of plan.steps) {
    if (s.phase !== phase) {
      phase = s.phase;
      out.push('', `[${phase}]`);
    }
    const where = s.cluster ? `[${s.cluster}] ` : '';
    out.push(`${String(++i).padStart(3)}. ${where}${line(s)}`);
    if (s.kind !== 'fault' && s.kind !== 'capture') out.push(`       # ${s.title}`);
    if (s.kind === 'fault') s.steps.forEach((a, j) => out.push(`       ${String.fromCharCode(97 + j)}. ${a.cluster ? `[${a.cluster}] ` : ''}${line(a)}`));
  }
  if (plan.keep) out.push('', '[teardown]', '  none: --keep leaves the clusters up; `region-lab down --target kind` removes them');
  return `${out.join('\n')}\n`;
}
