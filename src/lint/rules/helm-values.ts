// helm-value-unknown: `--set` keys the Higress chart does not have (checked against
// the higress-core values file), which Helm accepts silently.
import type { Hit, Rule } from '../types.js';
import { helmSets, higressCoreValues, lookup } from './helm-set.js';

const ALIASES: Readonly<Record<string, string>> = { replicaCount: 'replicas' };
/** Keys people reach for that the chart spells differently (facts E). */
const HINTS: Readonly<Record<string, string>> = {
  'global.localClusterName': 'higress-core.clusterName (the gateway\'s cluster id) or global.multiCluster.clusterName (the controller\'s)',
};

export const helmValueUnknown: Rule = {
  id: 'helm-value-unknown',
  severity: 'error',
  title: 'A Helm value the Higress chart does not have',
  explanation:
    'Helm accepts any --set key and the chart simply never reads an unknown one (the chart ships no values.schema.json), ' +
    'so the setting silently does not happen. Through the umbrella chart higress.io/higress only global.* and ' +
    'higress-core.* / higress-console.* reach the subcharts; core values need the higress-core. prefix. The gateway ' +
    'replica count is gateway.replicas (default 2), not replicaCount.',
  source: 'schemas/higress-core-values-2.2.4.yaml (helm/core/values.yaml at v2.2.4); higress.cn ops/deploy-by-helm.md; facts E',
  fix: 'Use a key from the chart values, e.g. --set higress-core.gateway.replicas=3 with the umbrella chart (gateway.replicas with higress-core).',
  checkShell(s) {
    const hits: Hit[] = [];
    const values = higressCoreValues();
    for (const set of helmSets(s)) {
      const umbrella = /(^|\/)higress$/.test(set.chart);
      if (!umbrella && !/(^|\/)higress-core$/.test(set.chart)) continue;
      let key = set.key;
      if (umbrella) {
        if (key.startsWith('higress-console.')) continue; // console chart values are not in the repo
        if (key.startsWith('higress-core.')) key = key.slice('higress-core.'.length);
        else if (!key.startsWith('global.')) {
          const inCore = lookup(values, key).found;
          hits.push({
            line: set.line,
            message: `${set.key} goes nowhere with the umbrella chart ${set.chart}: only global.* and higress-core.* reach the gateway chart${inCore ? `; write higress-core.${key}` : suggestion(values, key)}`,
          });
          continue;
        }
      }
      const r = lookup(values, key);
      if (!r.found) hits.push({ line: set.line, message: `${set.key} is not a value of the Higress chart (no "${r.missing}" there)${suggestion(values, key, umbrella ? "higress-core." : "")}` });
    }
    return hits;
  },
};

function suggestion(values: Record<string, unknown>, key: string, prefix = "higress-core."): string {
  const hint = HINTS[key];
  if (hint) return `; the chart has ${hint}`;
  const parts = key.split('.');
  const last = parts[parts.length - 1] ?? '';
  const alias = ALIASES[last];
  if (alias) {
    const fixed = [...parts.slice(0, -1), alias].join('.');
    if (lookup(values, fixed).found) return `; did you mean ${prefix}${fixed}?`;
  }
  const r = lookup(values, key);
  // only close spellings: a shared prefix of 6+ characters
  const near = r.parentKeys.filter((k) => r.missing.length >= 6 && k.toLowerCase().startsWith(r.missing.slice(0, 6).toLowerCase()));
  return near.length > 0 ? `; the chart has ${near.slice(0, 3).join(', ')}` : '';
}
