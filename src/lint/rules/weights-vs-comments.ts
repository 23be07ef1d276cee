// weights-vs-comments: backend weights that do not give the share or the standby role
// the manifest's comments claim (proximity 80/20, "容灾", "备").
import { commentsAbove, locate } from '../locate.js';
import type { Hit, Manifest, Rule } from '../types.js';
import { routeRules, type BackendRef } from './manifest-parts.js';

const PERCENT = /(\d+(?:\.\d+)?)\s*%/;
const STANDBY = /容灾|备|standby|backup|fail-?over|故障/i;

const key = (r: BackendRef) => `${r.group}|${r.kind}|${r.namespace}|${r.name}|${r.port ?? ''}`;

export const weightsVsComments: Rule = {
  id: 'weights-vs-comments',
  severity: 'warning',
  title: 'Weights that do not give the split (or the standby) the comments claim',
  explanation:
    'Envoy picks one weighted cluster per request, in proportion to the weights Higress emits after dropping weight-0 ' +
    'backends and folding duplicates into one cluster. A weight is a permanent share, not a failover order: a backend ' +
    'commented as disaster recovery (容灾/备) takes its share all the time, and when the local backend fails Envoy keeps ' +
    'sending it its share (no outlier detection, no health check by default), so those requests fail until the ' +
    'endpoints disappear from Nacos.',
  source: 'envoy docs http_routing.rst (weighted clusters); higress conversion.go weightSum; facts A1, A5, A7',
  fix: 'Make the comment state the real share, and for failover use endpoint removal in one Nacos service or a DestinationRule with outlierDetection and locality failover instead of weights.',
  checkManifest(m) {
    const hits: Hit[] = [];
    for (const rule of routeRules(m)) {
      if (rule.refs.length < 2) continue;
      const kept = rule.refs.filter((r) => r.ref.weight !== 0);
      const total = kept.reduce((s, r) => s + (r.ref.weight ?? 1), 0);
      const perCluster = new Map<string, number>();
      for (const r of kept) perCluster.set(key(r.ref), (perCluster.get(key(r.ref)) ?? 0) + (r.ref.weight ?? 1));
      const dupes = new Set([...perCluster.keys()].filter((k) => kept.filter((r) => key(r.ref) === k).length > 1));
      for (const { ref, path } of rule.refs) {
        const comment = commentsAbove(m, locate(m, path).line).join(' ');
        const share = total === 0 ? 0 : (100 * (ref.weight === 0 ? 0 : (perCluster.get(key(ref)) ?? 0))) / total;
        const claimed = PERCENT.exec(comment);
        if (claimed && Math.abs(Number(claimed[1]) - share) > 1) {
          hits.push({ path: [...path, 'weight'], message: `comment claims ${claimed[1]}% for ${ref.name}, but its cluster gets ${fmt(share)}% of requests${dupes.has(key(ref)) ? ' (duplicates are one cluster)' : ''}` });
        } else if (STANDBY.test(comment) && ref.weight !== 0 && !dupes.has(key(ref)) && total > 0) {
          hits.push({ path: [...path, 'weight'], message: standby(m, ref, share) });
        }
      }
    }
    return hits;
  },
};

function standby(_m: Manifest, ref: BackendRef, share: number): string {
  return `${ref.name} is commented as the standby/disaster-recovery target, but weight ${ref.weight ?? 1} sends it ${fmt(share)}% of requests at all times, and when the other backend fails it still gets only ${fmt(share)}%: the rest keep failing while it is down, since Higress keeps an emptied Nacos service's last endpoints (nacos-sdk-go drops empty pushes; region-outage measures it)`;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
