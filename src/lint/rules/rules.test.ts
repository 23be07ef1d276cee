// Every rule fires on a manifest that has its mistake and stays quiet on the fixed one.
import { describe, expect, it } from 'vitest';
import { lintSources } from '../lint.js';
import type { SourceText } from '../load.js';
import { RULES } from './index.js';

const route = (refs: string, ns = 'default') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
  namespace: ${ns}
spec:
  parentRefs:
    - name: higress-gateway
  rules:
    - backendRefs:
${refs}`;

/** A Gateway of Higress's class with one HTTP listener (allowedRoutes from Same unless given). */
const GATEWAY = (ns: string, from?: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: higress-gateway, namespace: ${ns} }
spec:
  gatewayClassName: higress
  listeners: [{ name: http, port: 80, protocol: HTTP${from ? `, allowedRoutes: { namespaces: { from: ${from} } }` : ''} }]
`;

const nacos = (name: string, weight?: number, comment?: string) =>
  `${comment ? `        # ${comment}\n` : ''}        - name: ${name}
          group: networking.higress.io
          port: 8080${weight === undefined ? '' : `\n          weight: ${weight}`}`;

const svc = (name: string, port?: number, extra = '') => `        - name: ${name}${port === undefined ? '' : `\n          port: ${port}`}${extra}`;

const ingress = (annotations: Record<string, string>, opts: { host?: string; path?: string; service?: string; port?: number } = {}) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: i${Math.random().toString(36).slice(2, 6)}
  namespace: default
  annotations:
${Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`).join('\n') || '    {}'}
spec:
  ingressClassName: higress
  rules:
    - host: ${opts.host ?? 'api.example.com'}
      http:
        paths:
          - path: ${opts.path ?? '/'}
            pathType: ImplementationSpecific
            backend:
              service:
                name: ${opts.service ?? 'backend-service'}
                port:
                  number: ${opts.port ?? 8080}`;

const bridge = (name: string, ns: string, registry = '') => `apiVersion: networking.higress.io/v1
kind: McpBridge
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  registries:
    - name: nacos
      type: nacos2
      domain: nacos.example.com
      port: 8848
      nacosGroups:
        - DEFAULT_GROUP${registry}`;

const service = (name: string, port: number) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: default
spec:
  ports:
    - port: ${port}`;

const N = 'nginx.ingress.kubernetes.io/';
const H = 'higress.io/';
const helm = (sets: string) => `helm install higress higress.io/higress \\\n  -n higress-system \\\n${sets}`;

interface Case {
  readonly rule: string;
  readonly fires: string | SourceText[];
  readonly quiet: string | SourceText[];
  readonly higress?: '2.1' | '2.2';
  /** Line of the first finding in `fires`. */
  readonly line?: number;
}

const CASES: Case[] = [
  { rule: 'weight-zero-backend', fires: route(`${nacos('a.G.public.nacos', 100)}\n${nacos('b.G.public.nacos', 0)}`), quiet: route(`${nacos('a.G.public.nacos', 100)}\n${nacos('b.G.public.nacos', 1)}`), line: 18 },
  { rule: 'duplicate-backend', fires: route(`${nacos('a.G.public.nacos', 80)}\n${nacos('a.G.public.nacos', 20)}`), quiet: route(`${nacos('a.G.public.nacos', 80)}\n${nacos('b.G.public.nacos', 20)}`), line: 15 },
  { rule: 'weights-vs-comments', fires: route(`${nacos('a.G.public.nacos', 80, '本地 80%')}\n${nacos('b.G.public.nacos', 20, '远地域 20% (容灾)')}`), quiet: route(`${nacos('a.G.public.nacos', 80, 'local 80%')}\n${nacos('b.G.public.nacos', 20, 'remote 20%')}`), line: 20 },
  { rule: 'weights-vs-comments', fires: route(`${nacos('a.G.public.nacos', 50, 'local 80%')}\n${nacos('b.G.public.nacos', 50)}`), quiet: route(`${nacos('a.G.public.nacos', 50, 'local 50%')}\n${nacos('b.G.public.nacos', 50)}`) },
  { rule: 'nacos-host-invalid', fires: route(nacos('user-service.DEFAULT_GROUP.public.nacos')), quiet: route(nacos('user-service.DEFAULT-GROUP.public.nacos')), line: 11 },
  { rule: 'nacos-host-invalid', fires: route(nacos('user-service.DEFAULT-GROUP.nacos')), quiet: route(nacos('user-service.DEFAULT-GROUP.dev.nacos')) },
  { rule: 'nacos-host-invalid', fires: route(nacos('service-nearby')), quiet: route(nacos('legacy.static')) },
  { rule: 'nacos-host-invalid', fires: [{ file: 'a.yaml', text: bridge('default', 'higress-system') }, { file: 'b.yaml', text: route(nacos('u.OTHER-GROUP.public.nacos')) }], quiet: [{ file: 'a.yaml', text: bridge('default', 'higress-system') }, { file: 'b.yaml', text: route(nacos('u.DEFAULT-GROUP.public.nacos')) }] },
  { rule: 'nacos-group-missing', fires: route(svc('user-service.DEFAULT-GROUP.public.nacos', 8080)), quiet: route(nacos('user-service.DEFAULT-GROUP.public.nacos')), line: 11 },
  { rule: 'nacos-backend-unsupported', fires: route(nacos('u.DEFAULT-GROUP.public.nacos')), quiet: route(svc('user-service', 8080)), line: 12 },
  { rule: 'fqdn-backend', fires: route(svc('user-service.business.svc.cluster.local', 8080)), quiet: route(svc('user-service', 8080)), line: 11 },
  { rule: 'fqdn-backend', fires: ingress({}, { service: 'user-service.business.svc.cluster.local' }), quiet: ingress({}) },
  { rule: 'parent-ref-unattached', fires: route(svc('user-service', 8080)), quiet: [{ file: 'g.yaml', text: GATEWAY('default') }, { file: 'r.yaml', text: route(svc('user-service', 8080)) }], line: 7 },
  { rule: 'parent-ref-unattached', fires: [{ file: 'g.yaml', text: GATEWAY('higress-system') }, { file: 'r.yaml', text: route(svc('user-service', 8080)).replace('- name: higress-gateway', '- name: higress-gateway\n      namespace: higress-system') }], quiet: [{ file: 'g.yaml', text: GATEWAY('higress-system', 'All') }, { file: 'r.yaml', text: route(svc('user-service', 8080)).replace('- name: higress-gateway', '- name: higress-gateway\n      namespace: higress-system') }] },
  { rule: 'backend-port', fires: [{ file: 's.yaml', text: service('user-service', 80) }, { file: 'r.yaml', text: route(svc('user-service', 8080)) }], quiet: [{ file: 's.yaml', text: service('user-service', 8080) }, { file: 'r.yaml', text: route(svc('user-service', 8080)) }] },
  { rule: 'backend-port', fires: route(svc('user-service')), quiet: route(svc('user-service', 8080)) },
  { rule: 'backend-port', fires: [{ file: 's.yaml', text: service('backend-service', 80) }, { file: 'i.yaml', text: ingress({}) }], quiet: [{ file: 's.yaml', text: service('backend-service', 8080) }, { file: 'i.yaml', text: ingress({}) }] },
  { rule: 'mcpbridge-ignored', fires: bridge('business-cluster', 'higress-system'), quiet: bridge('default', 'higress-system'), line: 4 },
  { rule: 'mcpbridge-ignored', fires: bridge('default', 'default'), quiet: bridge('default', 'higress-system'), line: 5 },
  {
    rule: 'mcpbridge-shared-hosts',
    fires: bridge('default', 'higress-system', '\n    - name: north\n      type: nacos2\n      domain: n.example.com\n      port: 8848\n      nacosGroups:\n        - DEFAULT_GROUP'),
    quiet: bridge('default', 'higress-system', '\n    - name: north\n      type: nacos2\n      domain: n.example.com\n      port: 8848\n      nacosNamespaceId: north\n      nacosGroups:\n        - DEFAULT_GROUP'),
    line: 18,
  },
  { rule: 'health-check-field', fires: bridge('default', 'higress-system', '\n      healthCheck:\n        interval: 5s'), quiet: bridge('default', 'higress-system'), line: 14 },
  { rule: 'annotation-ignored', fires: ingress({ [`${N}auth-type`]: 'basic' }), quiet: ingress({ [`${N}whitelist-source-range`]: '10.0.0.0/8' }), line: 7 },
  { rule: 'annotation-ignored', fires: ingress({ [`${N}route-limit-rps`]: '100' }), quiet: ingress({ [`${H}route-limit-rps`]: '100' }) },
  { rule: 'annotation-unsupported', fires: ingress({ [`${N}limit-rps`]: '100' }), quiet: ingress({ [`${H}route-limit-rps`]: '100' }) },
  { rule: 'proxy-ssl-without-tls', fires: ingress({ [`${N}proxy-ssl-secret`]: 'default/client' }), quiet: ingress({ [`${N}proxy-ssl-secret`]: 'default/client', [`higress.io/backend-protocol`]: 'https' }) },
  { rule: 'annotation-value', fires: ingress({ [`${N}proxy-ssl-server-name`]: 'true' }), quiet: ingress({ [`${N}proxy-ssl-server-name`]: 'on' }) },
  { rule: 'annotation-value', fires: ingress({ [`${N}load-balance`]: 'ewma' }), quiet: ingress({ [`${N}load-balance`]: 'least_conn' }) },
  { rule: 'annotation-value', fires: ingress({ [`${N}upstream-hash-by`]: '$http_x_user' }), quiet: ingress({ [`${N}upstream-hash-by`]: '$http_user' }) },
  { rule: 'annotation-unknown', fires: ingress({ [`${N}canary-by-heder`]: 'x' }), quiet: ingress({ [`${N}canary-by-header`]: 'x', [`${N}canary`]: 'false' }) },
  { rule: 'canary-conflict', fires: ingress({ [`${N}canary`]: 'true', [`${N}canary-by-header`]: 'X', [`${N}canary-by-header-value`]: 'v', [`${N}canary-by-header-pattern`]: '^v$' }), quiet: ingress({ [`${N}canary`]: 'true', [`${N}canary-by-header`]: 'X', [`${N}canary-by-header-value`]: 'v' }), line: 10 },
  { rule: 'canary-conflict', fires: ingress({ [`${N}canary`]: 'true', [`${N}canary-by-cookie`]: 'c', [`${N}canary-weight`]: '10' }), quiet: ingress({ [`${N}canary`]: 'true', [`${N}canary-weight`]: '10' }) },
  { rule: 'canary-no-base', fires: ingress({ [`${N}canary`]: 'true', [`${N}canary-weight`]: '10' }), quiet: [{ file: 'base.yaml', text: ingress({}) }, { file: 'canary.yaml', text: ingress({ [`${N}canary`]: 'true', [`${N}canary-weight`]: '10' }) }] },
  { rule: 'rate-limit-rpm-over-rps', fires: ingress({ [`${H}route-limit-rpm`]: '1000', [`${H}route-limit-rps`]: '100' }), quiet: ingress({ [`${H}route-limit-rps`]: '100' }), line: 8 },
  { rule: 'rate-limit-per-instance', fires: ingress({ [`${H}route-limit-rps`]: '100' }), quiet: ingress({ [`${N}enable-cors`]: 'true' }) },
  { rule: 'rewrite-target-group', fires: ingress({ [`${N}rewrite-target`]: '/$2' }, { path: '/api/v1/(.*)' }), quiet: ingress({ [`${N}rewrite-target`]: '/$1' }, { path: '/api/v1/(.*)' }) },
  { rule: 'helm-value-unknown', fires: [{ file: 'h.sh', text: helm('  --set gateway.replicaCount=3') }], quiet: [{ file: 'h.sh', text: helm('  --set higress-core.gateway.replicas=3') }], line: 3 },
  { rule: 'helm-value-unknown', fires: [{ file: 'h.sh', text: helm('  --set global.localClusterName=south') }], quiet: [{ file: 'h.sh', text: helm('  --set global.enableGatewayAPI=true') }] },
  { rule: 'httproute-unsupported', higress: '2.1', fires: route(`${svc('user-service', 8080)}\n      timeouts: { request: 10s }`), quiet: route(svc('user-service', 8080)), line: 13 },
  { rule: 'httproute-unsupported', fires: route(`${svc('user-service', 8080)}\n      filters: [{ type: ExtensionRef, extensionRef: { group: x, kind: y, name: z } }]`), quiet: route(`${svc('user-service', 8080)}\n      filters: [{ type: CORS, cors: { allowOrigins: [https://a.example] } }]\n      timeouts: { request: 10s }`) },
  { rule: 'schema-unknown-field', fires: bridge('default', 'higress-system', '\n      weight: 5'), quiet: bridge('default', 'higress-system') },
  { rule: 'schema-wrong-type', fires: route(svc('user-service', 8080).replace('8080', '"8080"')), quiet: route(svc('user-service', 8080)) },
  { rule: 'schema-missing-field', fires: route('        - port: 8080'), quiet: route(svc('user-service', 8080)) },
  { rule: 'schema-invalid-value', fires: ingress({}).replace('ImplementationSpecific', 'Prefixx'), quiet: ingress({}) },
  { rule: 'schema-unknown-kind', fires: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n', quiet: service('s', 80) },
];

const sources = (x: string | SourceText[]): SourceText[] => (typeof x === 'string' ? [{ file: 'm.yaml', text: x }] : x);

describe('lint rules', () => {
  for (const c of CASES) {
    const rule = RULES.find((r) => r.id === c.rule);
    const opts = { higress: c.higress ?? '2.2', rules: rule ? [rule] : [] } as const;
    it(`GIVEN the mistake ${c.rule} guards against${c.higress ? ` on Higress ${c.higress}` : ''} WHEN linted THEN ${c.rule} fires`, () => {
      expect(rule).toBeDefined();
      const findings = lintSources(sources(c.fires), opts);
      expect(findings.map((f) => f.ruleId)).toContain(c.rule);
      if (c.line !== undefined) expect(findings[0]?.line).toBe(c.line);
    });
    it(`GIVEN the fixed manifest for ${c.rule} WHEN linted THEN ${c.rule} stays quiet`, () => {
      expect(lintSources(sources(c.quiet), opts)).toEqual([]);
    });
  }

  it('GIVEN a Nacos backendRef on Higress 2.1 WHEN linted THEN nacos-backend-unsupported stays quiet (2.0–2.1 route it)', () => {
    const rule = RULES.filter((r) => r.id === 'nacos-backend-unsupported');
    expect(lintSources(sources(route(nacos('u.DEFAULT-GROUP.public.nacos'))), { higress: '2.1', rules: rule })).toEqual([]);
  });

  it('GIVEN every rule WHEN the cases are listed THEN each rule has a firing and a quiet case', () => {
    expect(RULES.map((r) => r.id).filter((id) => !CASES.some((c) => c.rule === id))).toEqual([]);
  });
});
