// Every manifest of the seed runbook (clusters/seed/, indentation restored) linted:
// the findings each one must produce, named by rule id, on Higress 2.2 and 2.1.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { lintPaths } from './lint.js';

const SEED_DIR = 'clusters/seed';
const NACOS_22 = 'nacos-backend-unsupported';

/** Rule ids expected per file on Higress 2.2 (sorted, unique). */
const EXPECTED: Record<string, string[]> = {
  '01-business-cluster.yaml': ['mcpbridge-ignored'],
  '02-business-service-route.yaml': [NACOS_22],
  '03-business-fqdn-route.yaml': ['fqdn-backend'],
  '04-proximity-route.yaml': [NACOS_22, 'weights-vs-comments'],
  '05-weighted-route.yaml': [NACOS_22, 'nacos-host-invalid'],
  '06-helm-install-higress.sh': ['helm-value-unknown'],
  '07-multi-cluster.yaml': ['mcpbridge-ignored', 'mcpbridge-shared-hosts'],
  '08-business-cluster.yaml': ['mcpbridge-ignored', 'mcpbridge-shared-hosts'],
  '09-business-service-route.yaml': [NACOS_22],
  '10-business-fqdn-route.yaml': ['fqdn-backend'],
  '11-proximity-route.yaml': [NACOS_22, 'weights-vs-comments'],
  '12-health-aware-route.yaml': ['duplicate-backend', NACOS_22],
  '13-health-check.yaml': ['health-check-field', 'mcpbridge-ignored'],
  '14-failover-route.yaml': ['duplicate-backend', NACOS_22, 'weight-zero-backend'],
  '15-canary-by-header.yaml': ['canary-conflict', 'canary-no-base'],
  '16-canary-by-cookie.yaml': ['canary-no-base'],
  '17-canary-by-weight.yaml': ['canary-no-base'],
  '18-rewrite-path.yaml': ['rewrite-target-group'],
  '19-upstream-vhost.yaml': [],
  '20-ssl-redirect.yaml': [],
  '21-permanent-redirect.yaml': [],
  '22-temporal-redirect.yaml': [],
  '23-app-root.yaml': [],
  '24-cors-config.yaml': [],
  '25-timeout-config.yaml': [],
  '26-rate-limit.yaml': ['rate-limit-per-instance', 'rate-limit-rpm-over-rps'],
  '27-retry-config.yaml': [],
  '28-backend-protocol.yaml': [],
  '29-load-balance.yaml': [],
  '30-upstream-hash-by.yaml': [],
  '31-cookie-affinity.yaml': [],
  '32-ip-whitelist.yaml': [],
  '33-tls-config.yaml': [],
  '34-mtls-config.yaml': [],
  '35-proxy-ssl.yaml': ['annotation-value', 'proxy-ssl-without-tls'],
  '36-basic-auth.yaml': ['annotation-ignored'],
  '37-fallback-config.yaml': [],
  '38-canary-release.yaml': [],
  '39-blue-route.yaml': [],
  '40-green-route.yaml': [],
  '41-ab-test-route.yaml': [],
  '42-traffic-mirror.yaml': [],
  '43-allow-middleware-access.yaml': [],
};

const seedFiles = readdirSync(SEED_DIR).filter((f) => f !== 'README.md').sort();

function idsByFile(higress: '2.1' | '2.2'): Map<string, string[]> {
  const out = new Map<string, string[]>(seedFiles.map((f) => [f, []]));
  for (const f of lintPaths([SEED_DIR], { higress })) out.get(f.file.slice(SEED_DIR.length + 1))?.push(f.ruleId);
  return new Map([...out].map(([k, v]) => [k, [...new Set(v)].sort()]));
}

describe('the seed runbook, linted', () => {
  const on22 = idsByFile('2.2');
  const on21 = idsByFile('2.1');

  it('GIVEN clusters/seed WHEN listed THEN every file has an expectation and every expectation a file', () => {
    expect(seedFiles).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, ids] of Object.entries(EXPECTED)) {
    it(`GIVEN ${file} WHEN linted for Higress 2.2 THEN ${ids.length ? ids.join(', ') : 'no findings'}`, () => {
      expect(on22.get(file)).toEqual(ids);
    });
    it(`GIVEN ${file} WHEN linted for Higress 2.1 THEN the same without ${NACOS_22}`, () => {
      expect(on21.get(file)).toEqual(ids.filter((id) => id !== NACOS_22));
    });
  }

  it('GIVEN each YAML file WHEN parsed THEN it is one well-formed document', () => {
    for (const f of seedFiles.filter((x) => x.endsWith('.yaml'))) {
      const docs = parseAllDocuments(readFileSync(`${SEED_DIR}/${f}`, 'utf8'));
      expect(Array.isArray(docs) ? docs.length : 1, f).toBe(1);
      expect((Array.isArray(docs) ? docs : [docs]).flatMap((d) => d.errors), f).toEqual([]);
    }
  });

  const seedText = '/work/shared/seed/000_a38ac56760547a95.txt';
  it.skipIf(!existsSync(seedText))('GIVEN the original seed WHEN compared line by line THEN only indentation differs', () => {
    const seed = readFileSync(seedText, 'utf8').split('\n');
    for (const f of seedFiles) {
      const [head, ...body] = readFileSync(`${SEED_DIR}/${f}`, 'utf8').trimEnd().split('\n');
      const start = Number(/^# seed line (\d+):/.exec(head ?? '')?.[1]);
      body.forEach((line, i) => expect(line.trim(), `${f} line ${i + 2}`).toBe(seed[start - 1 + i]?.trim()));
    }
  });
});
