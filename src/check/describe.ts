// What `check` prints before it runs anything: every inferred fact and what it was
// inferred from, the objects it skipped, and the warnings that change what the suite
// can show. Plain lines, so a CI log reads the same as a terminal.
import type { Inferred } from './inferred.js';
import type { ReadManifests } from './read-manifests.js';

export function describeRead(read: ReadManifests): string[] {
  const lines = [`read ${read.files.length} file${read.files.length === 1 ? '' : 's'} under ${read.dir}: ${read.routing.length} routing object${read.routing.length === 1 ? '' : 's'} (${countBy(read.routing.map((o) => o.kind))})`];
  if (read.inferenceOnly.length > 0) lines.push(`  read for labels only (not loaded): ${read.inferenceOnly.map((o) => `${o.kind} ${o.namespace}/${o.name}`).join(', ')}`);
  for (const s of read.skipped) lines.push(`  skipped ${s.kind}${s.name ? ` ${s.name}` : ''} (${s.file}): ${s.reason}`);
  return lines;
}

function countBy(kinds: readonly string[]): string {
  const m = new Map<string, number>();
  for (const k of kinds) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
}

export function describeInferred(i: Inferred): string[] {
  const lines: string[] = [];
  lines.push(`regions ${i.regions.map((r) => r.name).join(', ')} — ${i.regionsFrom}`);
  for (const s of i.services) {
    const names = Object.entries(s.names).map(([r, n]) => `${n} in ${r}`).join(', ');
    const where = s.kind === 'nacos' ? `Nacos namespace ${s.namespaceId}, group ${s.group}` : `Kubernetes Service in namespace ${s.k8sNamespace}, port ${s.port}`;
    lines.push(`service ${s.app}: ${names} (${where}; ${i.instances} instance${i.instances === 1 ? '' : 's'} each) — ${s.from}`);
  }
  for (const r of i.registries) lines.push(`registry ${r.name} (${r.domain}:${r.port}) → ${r.region === 'each' ? "each region's own Nacos" : `the ${r.region} Nacos`} — ${r.from}`);
  lines.push(`discovery ${i.discovery.mode} — ${i.discovery.from}`);
  lines.push(`registration ${i.registration.mode} — ${i.registration.from}`);
  lines.push(`judged on Higress ${i.higress.value} — ${i.higress.from}`);
  const pods = Object.entries(i.gatewayPodLabels.labels).map(([k, v]) => `${k}=${v}`).join(', ');
  lines.push(`gateway pod labels ${pods || 'none'} — ${i.gatewayPodLabels.from}`);
  for (const r of i.routes) {
    const where = r.regions === 'all' ? 'every region' : `${r.regions.join(', ')} only`;
    lines.push(`route ${r.host} ${r.path} → ${r.backends.join(', ')} (${where}; ${r.name} in ${r.file})`);
  }
  for (const t of i.targets) lines.push(`load ${t.app}: ${t.host}${t.path} — from ${t.from}`);
  const p = i.policy;
  for (const v of [p.failoverMs, p.failbackMs, p.minLocalShare, p.errorBudget, p.gatewayFailoverMs, p.localP99Ms]) lines.push(`policy: ${v.source}`);
  for (const w of i.warnings) lines.push(`warning: ${w}`);
  if (i.blocked) lines.push(`cannot run: ${i.blocked}`);
  return lines;
}
