// Which regions a configuration spans, from the strongest evidence there is, in
// order: region-lab.yaml; service names that differ only by a region word; one
// McpBridge registry per region; a DestinationRule's failover from/to; region labels
// on workloads. Fewer than two regions is no multi-region setup: exit 2 with what to add.
import { BadInputError } from '../core/errors.js';
import { POLICY_EXAMPLE, POLICY_FILE, type Policy } from './policy.js';
import { regionFamilies, regionsOf, type Family } from './region-words.js';

export interface RegionEvidence {
  /** Service names the routes send to (Nacos service or Kubernetes Service), in document order. */
  readonly serviceNames: readonly string[];
  /** Registries of every McpBridge (ignored ones too: their names still say which region is which). */
  readonly registries: readonly { name: string; domain: string }[];
  readonly drFailover: readonly { regions: string[]; where: string }[];
  readonly labels: readonly { region: string; where: string }[];
}

export interface RegionsFound {
  readonly regions: readonly string[];
  /** "from service names orders-south / orders-north" */
  readonly from: string;
  /** Service families (region word → name), when the names carried the regions. */
  readonly families: readonly Family[];
}

const names = (f: Family) => [...f.members.values()].join(' / ');

export function inferRegions(e: RegionEvidence, policy: Policy | undefined, policyFile: string): RegionsFound {
  const serviceFamilies = regionFamilies(e.serviceNames);
  if (policy?.regions) return { regions: policy.regions.map((r) => r.name), from: `from ${policyFile} regions`, families: serviceFamilies };
  if (serviceFamilies.length > 0) {
    return { regions: regionsOf(serviceFamilies, e.serviceNames), from: `from service names ${serviceFamilies.map(names).join(', ')}`, families: serviceFamilies };
  }
  for (const key of ['name', 'domain'] as const) {
    const list = e.registries.map((r) => r[key]);
    const fams = regionFamilies(list);
    if (fams.length > 0 && fams[0]!.members.size >= 2) {
      return { regions: regionsOf(fams, list), from: `from one McpBridge registry per region: ${key}s ${names(fams[0]!)}`, families: [] };
    }
  }
  const dr = e.drFailover.find((d) => d.regions.length >= 2);
  if (dr) return { regions: dr.regions, from: `from the locality failover of ${dr.where}`, families: [] };
  const labelled = [...new Set(e.labels.map((l) => l.region))];
  if (labelled.length >= 2) return { regions: labelled, from: `from region labels on ${e.labels.map((l) => l.where).join(', ')}`, families: [] };
  throw nothingInferred(e, policyFile);
}

/** Exit 2: what was looked at, and what to add to region-lab.yaml. */
export function nothingInferred(e: RegionEvidence, policyFile: string): BadInputError {
  const seen = [
    `service names: ${e.serviceNames.length > 0 ? e.serviceNames.join(', ') : 'none (no HTTPRoute, Ingress or DestinationRule names a backend)'}`,
    `McpBridge registries: ${e.registries.length > 0 ? e.registries.map((r) => r.name).join(', ') : 'none'}`,
    `DestinationRule locality failover: ${e.drFailover.length > 0 ? 'names fewer than two regions' : 'none'}`,
    `region labels on workloads: ${e.labels.length > 0 ? [...new Set(e.labels.map((l) => l.region))].join(', ') : 'none'}`,
  ];
  return new BadInputError(
    [
      {
        file: policyFile,
        path: 'regions',
        message:
          'cannot tell which regions this configuration spans: no two service names differ only by a region word, the McpBridge has no registry per region, ' +
          `and no locality failover or region label names two regions. Looked at:\n    - ${seen.join('\n    - ')}`,
      },
    ],
    `add ${POLICY_FILE} next to your manifests saying which regions there are and what each calls its services, for example:\n\n${POLICY_EXAMPLE}\n\n(docs/own-config.md describes every field)`,
  );
}
