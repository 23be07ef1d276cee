// mcpbridge-ignored: an McpBridge Higress never reads (name other than `default`, or
// outside higress-system).
import { DEFAULT_MCPBRIDGE, HIGRESS_NAMESPACE } from '../../gateway/translation/mcpbridge.js';
import type { Hit, Rule } from '../types.js';

export const mcpBridgeIgnored: Rule = {
  id: 'mcpbridge-ignored',
  severity: 'error',
  title: 'An McpBridge Higress never reads',
  explanation:
    'The Higress controller reconciles only the McpBridge named "default" in its own namespace (higress-system); ' +
    'any other McpBridge is accepted by the API server and silently ignored, so none of its registries are watched ' +
    'and no *.nacos host from them exists. Several McpBridges cannot be combined: list every registry in "default".',
  source: 'higress pkg/ingress/config/ingress_config.go AddOrUpdateMcpBridge (L99, L1219, L1300); facts D',
  fix: `Name it ${DEFAULT_MCPBRIDGE} in namespace ${HIGRESS_NAMESPACE} and merge all registries into that one object.`,
  checkManifest(m) {
    if (m.kind !== 'McpBridge') return [];
    const hits: Hit[] = [];
    if (m.name !== DEFAULT_MCPBRIDGE) {
      hits.push({ path: ['metadata', 'name'], message: `McpBridge "${m.name}" is ignored: Higress reads only the one named "${DEFAULT_MCPBRIDGE}"` });
    }
    if (m.namespace !== HIGRESS_NAMESPACE) {
      hits.push({ path: ['metadata', 'namespace'], message: `McpBridge in namespace "${m.namespace}" is ignored: Higress reads only ${HIGRESS_NAMESPACE}` });
    }
    return hits;
  },
};
