// Manifests the tests' gateways load around a route: the Gateway an HTTPRoute must
// name in parentRefs to serve (Higress creates only the GatewayClass).

/** A Gateway of class higress with one HTTP listener, as YAML followed by a document separator. */
export function gatewayYaml(name = 'gw'): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: ${name} }
spec:
  gatewayClassName: higress
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
`;
}
