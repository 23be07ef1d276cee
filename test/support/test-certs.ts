// Test support: a throw-away PKI (one CA, server and client certificates) made
// with the openssl CLI in a temp dir, because Node's crypto can read X.509 but
// cannot issue it. Plain code (no vitest import); remove() deletes the dir.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingPrerequisiteError } from '../../src/core/errors.js';

export interface TestCert {
  /** PEM. */
  readonly cert: string;
  /** PEM, unencrypted. */
  readonly key: string;
}

export interface TestPki {
  readonly dir: string;
  readonly ca: TestCert;
  /** A leaf signed by the CA: CN `name`, SAN DNS `name` (plus `sans`), for TLS servers or clients. */
  issue(name: string, opts?: { readonly sans?: readonly string[]; readonly usage?: 'server' | 'client' }): TestCert;
  remove(): void;
}

function openssl(dir: string, args: readonly string[]): void {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new MissingPrerequisiteError('the openssl command', 'install it (Debian/Ubuntu: apt-get install openssl); the TLS tests make their certificates with it', e);
    throw new Error(`openssl ${args.join(' ')} failed: ${err.stderr?.toString().trim() ?? err.message}`, { cause: e });
  }
}

// P-256 keys: fast to make, and ECDHE-ECDSA suites from Higress's cipher list apply
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** Makes a CA in a new temp dir; call remove() when done (a Cleanup step). */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'region-lab-pki-'));
  const read = (base: string): TestCert => ({ cert: readFileSync(join(dir, `${base}.crt`), 'utf8'), key: readFileSync(join(dir, `${base}.key`), 'utf8') });
  try {
    openssl(dir, ['req', '-x509', ...NEW_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=region-lab test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let serial = 1;
  return {
    dir,
    ca: read('ca'),
    issue(name, opts = {}) {
      const base = `leaf-${serial}`;
      const sans = [name, ...(opts.sans ?? [])].map((s) => (/^[\d.]+$/.test(s) ? `IP:${s}` : `DNS:${s}`)).join(',');
      const usage = opts.usage === 'client' ? 'clientAuth' : 'serverAuth';
      writeFileSync(join(dir, `${base}.ext`), `subjectAltName=${sans}\nextendedKeyUsage=${usage}\nbasicConstraints=CA:FALSE\n`);
      openssl(dir, ['req', '-new', ...NEW_KEY, '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${name}`]);
      openssl(dir, ['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial++), '-days', '2', '-out', `${base}.crt`, '-extfile', `${base}.ext`]);
      return read(base);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A Secret manifest (FIXTURE) with the given data keys, base64 as the API server stores them. */
export function secretYaml(namespace: string, name: string, data: Readonly<Record<string, string>>, type = 'kubernetes.io/tls'): string {
  const lines = Object.entries(data).map(([k, v]) => `  ${k}: ${Buffer.from(v).toString('base64')}`);
  return `# FIXTURE (not from the seed): Secret ${namespace}/${name}
apiVersion: v1
kind: Secret
metadata: { name: ${name}, namespace: ${namespace} }
type: ${type}
data:
${lines.join('\n')}
`;
}
