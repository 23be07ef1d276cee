// The EnvoyFilter shape region-lab applies (a CLUSTER MERGE of health_checks, with
// ignore_health_on_host_removal) and what it reports as not applied, patch by patch.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envoyFilterHealthChecks, envoyFilterSchema } from './envoy-filter.js';

const filter = (patches: string) =>
  envoyFilterSchema.parse(
    parse(`apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: hc }
spec:
  configPatches:
${patches}`),
  );

const HC = '{ timeout: 1s, interval: 5s, unhealthy_threshold: 3, healthy_threshold: 1, http_health_check: { path: /health } }';

describe('EnvoyFilter health checks', () => {
  it('GIVEN a MERGE of health_checks and ignore_health_on_host_removal THEN both apply to the service, nothing is reported', () => {
    const r = envoyFilterHealthChecks(filter(`    - applyTo: CLUSTER
      match: { cluster: { service: svc.DEFAULT-GROUP.public.nacos } }
      patch: { operation: MERGE, value: { health_checks: [${HC}], ignore_health_on_host_removal: true } }`));
    expect(r.skipped).toEqual([]);
    expect(r.checks).toEqual([{ host: 'svc.DEFAULT-GROUP.public.nacos', hc: expect.objectContaining({ intervalMs: 5000, unhealthyThreshold: 3, ignoreHealthOnHostRemoval: true }) }]);
  });

  it('GIVEN other cluster fields merged with the checks THEN the checks apply and each other field is reported as not modelled; a patch of another kind is reported whole', () => {
    const r = envoyFilterHealthChecks(filter(`    - applyTo: CLUSTER
      match: { cluster: { service: svc.DEFAULT-GROUP.public.nacos } }
      patch: { operation: MERGE, value: { health_checks: [${HC}], common_lb_config: { healthy_panic_threshold: { value: 0 } } } }
    - applyTo: HTTP_FILTER
      patch: { operation: INSERT_BEFORE, value: { name: x } }`));
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]!.hc.ignoreHealthOnHostRemoval).toBeUndefined();
    expect(r.skipped).toEqual([
      'configPatches[0]: value.common_lb_config is not modelled (health_checks and ignore_health_on_host_removal are applied; the rest of the cluster is as Higress writes it)',
      'configPatches[1]: only CLUSTER MERGE of health_checks with match.cluster.service is modelled',
    ]);
  });
});
