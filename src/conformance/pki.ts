// The certificates a TLS case asks for, made fresh for each case run with the openssl
// CLI (Node can read X.509 but not issue it): one CA per case, server certificates for
// the hosts a Secret names, and a client certificate for mutual TLS; all RSA 2048 as
// Higress's e2e framework makes them (test/e2e/conformance/utils/cert).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingPrerequisiteError } from '../core/errors.js';

export interface Pem {
  readonly cert: string;
  readonly key: string;
}

export interface CasePki {
  readonly ca: Pem;
  /** A leaf signed by the case CA with these DNS names (the first is the CN). */
  issue(names: readonly string[], usage: 'server' | 'client'): Pem;
}

function openssl(dir: string, args: readonly string[]): void {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new MissingPrerequisiteError('the openssl command', 'install it (Debian/Ubuntu: apt-get install openssl); TLS conformance cases make their certificates with it', e);
    throw new Error(`openssl ${args.join(' ')} failed: ${err.stderr?.toString().trim() ?? err.message}`, { cause: e });
  }
}

const NEW_KEY = ['-newkey', 'rsa:2048', '-nodes'];

/** A CA in `dir` (the case's work dir, removed with it). */
export function createCasePki(dir: string): CasePki {
  mkdirSync(dir, { recursive: true });
  const read = (base: string): Pem => ({ cert: readFileSync(join(dir, `${base}.crt`), 'utf8'), key: readFileSync(join(dir, `${base}.key`), 'utf8') });
  openssl(dir, ['req', '-x509', ...NEW_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=region-lab conformance CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  let serial = 1;
  return {
    ca: read('ca'),
    issue(names, usage) {
      const base = `leaf-${serial}`;
      writeFileSync(join(dir, `${base}.ext`), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=${usage === 'client' ? 'clientAuth' : 'serverAuth'}\nbasicConstraints=CA:FALSE\n`);
      openssl(dir, ['req', '-new', ...NEW_KEY, '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${names[0] ?? 'client'}`]);
      openssl(dir, ['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial++), '-days', '2', '-out', `${base}.crt`, '-extfile', `${base}.ext`]);
      return read(base);
    },
  };
}

/** A Secret object as the API server stores it (data base64). */
export function secretManifest(namespace: string, name: string, data: Readonly<Record<string, string>>, type: string) {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) };
}
