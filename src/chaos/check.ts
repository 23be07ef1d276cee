// Checks a fault against the topology before anything starts: the cluster, region,
// gateway instance and service it names exist, and a link selector matches at
// least one link. Each problem says what would be valid.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { planLinks, selectLinks } from '../topology/links.js';
import { bizCluster } from '../topology/names.js';
import type { Topology } from '../topology/schema.js';
import type { Fault } from './fault.js';

export interface FaultProblem {
  /** Field path below the fault, e.g. "cluster" or "links". */
  readonly path: string;
  readonly message: string;
}

export function checkFault(f: Fault, t: Topology): FaultProblem[] {
  const regions = t.regions.map((r) => r.name);
  const clusters = regions.map(bizCluster);
  const problems: FaultProblem[] = [];
  if ('cluster' in f && !clusters.includes(f.cluster)) problems.push({ path: 'cluster', message: `no cluster ${f.cluster}; known: ${clusters.join(', ')}` });
  if ('region' in f && !regions.includes(f.region)) problems.push({ path: 'region', message: `no region "${f.region}"; known: ${regions.join(', ')}` });
  if (f.kind === 'gateway-crash') {
    const n = t.regions.find((r) => r.name === f.region)?.middleware.gateways.length ?? 0;
    if (n > 0 && f.instance > n) problems.push({ path: 'instance', message: `${f.region} has ${n} gateway instance${n === 1 ? '' : 's'}; use 1–${n}` });
  }
  if (f.kind === 'instance-kill') {
    const services = t.regions.find((r) => `biz-${r.name}` === f.cluster)?.business.services ?? [];
    const s = services.find((x) => x.nacosService === f.service);
    if (services.length > 0 && !s) problems.push({ path: 'service', message: `no service ${f.service} in ${f.cluster}; known: ${services.map((x) => x.nacosService).join(', ')}` });
    if (s && f.instance > s.instances.length) problems.push({ path: 'instance', message: `${f.service} has ${s.instances.length} instance${s.instances.length === 1 ? '' : 's'} in ${f.cluster}; use 1–${s.instances.length}` });
  }
  if ((f.kind === 'instance-errors' || f.kind === 'overload') && f.service !== undefined) {
    const services = t.regions.find((r) => bizCluster(r.name) === f.cluster)?.business.services.map((s) => s.nacosService) ?? [];
    if (services.length > 0 && !services.includes(f.service)) problems.push({ path: 'service', message: `no service ${f.service} in ${f.cluster}; known: ${services.join(', ')}` });
  }
  if (f.kind === 'apply-manifest') {
    for (const [field, list] of [['apply', f.apply], ['delete', f.delete]] as const)
      list.forEach((m, i) => existsSync(resolve(m)) || problems.push({ path: `${field}.${i}`, message: `${m} does not exist (paths are relative to ${process.cwd()})` }));
  }
  if (f.kind === 'sync-cut' && (t.discovery.mode !== 'synced' || t.regions.length < 2)) problems.push({ path: 'kind', message: `the topology's discovery mode is ${t.discovery.mode}: there is no registry sync to cut` });
  if ('links' in f) {
    const links = planLinks(t);
    if (selectLinks(links, f.links).length === 0) {
      const ends = [...new Set(links.flatMap((l) => [l.from, l.to]))].sort().join(', ');
      problems.push({ path: 'links', message: `matches no link of ${t.name}; link ends are ${ends}; roles are entry, data, registration, discovery, sync` });
    }
  }
  return problems;
}
