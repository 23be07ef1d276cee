// health-check-field: health-check settings where the API has no such field
// (McpBridge registries, HTTPRoute backendRefs).
import type { Hit, Rule } from '../types.js';
import { arr, obj, routeRules } from './manifest-parts.js';

const HEALTH_KEY = /health|outlier/i;

export const healthCheckField: Rule = {
  id: 'health-check-field',
  severity: 'error',
  title: 'Health-check settings on an API that has no health-check field',
  explanation:
    'The McpBridge CRD has no healthCheck field (nor does the proto), and HTTPRoute backendRefs have none either. ' +
    'With a structural CRD the API server prunes the unknown field (default fieldValidation Warn) and kubectl apply ' +
    '(strict validation, Kubernetes ≥ 1.27) refuses the object. Higress itself does no active health check and sets ' +
    'no outlier detection: endpoints leave only when their Nacos instance is deleted (≈30 s after the last beat for ' +
    'HTTP-registered instances, at once on a gRPC disconnect), so the runbook\'s 5 s × 3 detection budget does not exist.',
  source: 'schemas/mcpbridge.crd.yaml (Higress v2.2.4); api/networking/v1/mcp_bridge.proto; KEP-2885; facts D, A5, A6',
  fix: 'Delete the block. For active checks apply an Istio DestinationRule with outlierDetection (global.enableIstioAPI) for the *.nacos host, or rely on Nacos instance expiry and measure it.',
  checkManifest(m) {
    const hits: Hit[] = [];
    if (m.kind === 'McpBridge') {
      arr(obj(m.value.spec).registries).forEach((r, i) => {
        for (const k of Object.keys(obj(r)).filter((k) => HEALTH_KEY.test(k))) {
          hits.push({ path: ['spec', 'registries', i, k], message: `McpBridge registries have no "${k}" field: it is pruned or refused, and Higress does no health checking` });
        }
      });
    }
    for (const rule of routeRules(m)) {
      for (const { path } of rule.refs) {
        const raw = obj(arr(obj(arr(obj(m.value.spec).rules)[rule.index]).backendRefs)[path[4] as number]);
        for (const k of Object.keys(raw).filter((k) => HEALTH_KEY.test(k))) {
          hits.push({ path: [...path, k], message: `HTTPRoute backendRefs have no "${k}" field: it is pruned or refused` });
        }
      }
    }
    return hits;
  },
};
