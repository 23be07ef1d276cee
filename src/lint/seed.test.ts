// Every manifest of the seed runbook (clusters/seed/, indentation restored) linted:
// the findings each one must produce, named by rule id, on Higress 2.2 and 2.1.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { lintPaths } from './lint.js';

const SEED_DIR = 'clusters/seed';
/** The runbook as it was given (the project's ../shared), which clusters/seed restores line by line. */
const SHARED_SEED_DIR = join('..', 'shared', 'seed');
const NACOS_22 = 'nacos-backend-unsupported';

/** Rule ids expected per file on Higress 2.2 (sorted, unique). */
const EXPECTED: Record<string, string[]> = {
  '01-business-cluster.yaml': ['mcpbridge-ignored'],
  '02-business-service-route.yaml': [NACOS_22, 'parent-ref-unattached'],
  '03-business-fqdn-route.yaml': ['fqdn-backend', 'parent-ref-unattached'],
  '04-proximity-route.yaml': [NACOS_22, 'parent-ref-unattached', 'weights-vs-comments'],
  '05-weighted-route.yaml': [NACOS_22, 'nacos-host-invalid', 'parent-ref-unattached'],
  '06-helm-install-higress.sh': ['helm-value-unknown'],
  '07-multi-cluster.yaml': ['mcpbridge-ignored', 'mcpbridge-shared-hosts'],
  '08-business-cluster.yaml': ['mcpbridge-ignored', 'mcpbridge-shared-hosts'],
  '09-business-service-route.yaml': [NACOS_22, 'parent-ref-unattached'],
  '10-business-fqdn-route.yaml': ['fqdn-backend', 'parent-ref-unattached'],
  '11-proximity-route.yaml': [NACOS_22, 'parent-ref-unattached', 'weights-vs-comments'],
  '12-health-aware-route.yaml': ['duplicate-backend', NACOS_22, 'parent-ref-unattached'],
  '13-health-check.yaml': ['health-check-field', 'mcpbridge-ignored'],
  '14-failover-route.yaml': ['duplicate-backend', NACOS_22, 'parent-ref-unattached', 'weight-zero-backend'],
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
  '38-canary-release.yaml': ['parent-ref-unattached'],
  '39-blue-route.yaml': ['parent-ref-unattached'],
  '40-green-route.yaml': ['parent-ref-unattached'],
  '41-ab-test-route.yaml': ['parent-ref-unattached'],
  '42-traffic-mirror.yaml': ['parent-ref-unattached'],
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

  it('GIVEN the original seed (../shared/seed/, beside the project) WHEN compared line by line THEN only indentation differs', () => {
    // the shared folder sits beside the project root, as every region-lab checkout expects it
    expect(existsSync(SHARED_SEED_DIR), `${SHARED_SEED_DIR} is missing: region-lab expects ../shared next to its root`).toBe(true);
    const [seedFile, ...others] = readdirSync(SHARED_SEED_DIR).filter((f) => f.endsWith('.txt'));
    expect(others, 'one seed text in ../shared/seed').toEqual([]);
    const seed = readFileSync(join(SHARED_SEED_DIR, seedFile!), 'utf8').split('\n');
    for (const f of seedFiles) {
      const [head, ...body] = readFileSync(`${SEED_DIR}/${f}`, 'utf8').trimEnd().split('\n');
      const start = Number(/^# seed line (\d+):/.exec(head ?? '')?.[1]);
      body.forEach((line, i) => expect(line.trim(), `${f} line ${i + 2}`).toBe(seed[start - 1 + i]?.trim()));
    }
  });
});
