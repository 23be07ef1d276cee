// Kubernetes Secrets as istiod's credentials controller reads them for SDS
// (pilot/pkg/credentials/kube/secrets.go): a key pair is `cert`/`key` or
// `tls.crt`/`tls.key` (the Secret's type is not checked), a CA is `cacert` or
// `ca.crt`, and a `<name>-cacert` lookup falls back to `<name>` itself.
import { z } from 'zod';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export const secretSchema = z.looseObject({
  apiVersion: z.literal('v1', { message: 'Secret apiVersion is v1' }),
  kind: z.literal('Secret'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  type: z.string().optional(),
  data: z.record(z.string(), z.string().regex(BASE64, 'data values are base64 (use stringData for plain text)')).optional(),
  stringData: z.record(z.string(), z.string()).optional(),
});

export type SecretDoc = z.output<typeof secretSchema>;

import type { CertLookup, KeyPair } from '../xds/tls-server.js';

export type { CertLookup, KeyPair } from '../xds/tls-server.js';

const found = <T>(value: T): CertLookup<T> => ({ ok: true, value });
const failed = (error: string): CertLookup<never> => ({ ok: false, error });

/** Secrets by namespace/name, as the API server would hold them for istiod. */
export class SecretStore {
  private readonly byName = new Map<string, Readonly<Record<string, string>>>();

  /** Decodes `data` (base64) and lays `stringData` over it, as the API server does on write. */
  add(doc: SecretDoc): void {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(doc.data ?? {})) data[k] = Buffer.from(v, 'base64').toString('utf8');
    Object.assign(data, doc.stringData ?? {});
    this.byName.set(`${doc.metadata.namespace ?? 'default'}/${doc.metadata.name}`, data);
  }

  has(namespace: string, name: string): boolean {
    return this.byName.has(`${namespace}/${name}`);
  }

  /** GetCertInfo + ExtractCertInfo: generic keys first, then the kubernetes.io/tls keys. */
  keyPair(namespace: string, name: string): CertLookup<KeyPair> {
    const d = this.byName.get(`${namespace}/${name}`);
    if (!d) return failed(`secret ${namespace}/${name} not found`);
    if (d.cert && d.key) return found({ cert: d.cert, key: d.key });
    if (d['tls.crt'] && d['tls.key']) return found({ cert: d['tls.crt'], key: d['tls.key'] });
    return failed(`found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: ${keysOf(d)}`);
  }

  /** GetCaCert: the named secret, else (not found) the name without "-cacert"; keys cacert, then ca.crt. */
  caCert(namespace: string, name: string): CertLookup<string> {
    let d = this.byName.get(`${namespace}/${name}`);
    if (!d) {
      const stripped = name.replace(/-cacert$/, '');
      d = this.byName.get(`${namespace}/${stripped}`);
      if (!d) return failed(`secret ${namespace}/${stripped} not found`);
    }
    if (d.cacert) return found(d.cacert);
    if (d['ca.crt']) return found(d['ca.crt']);
    return failed(`found secret, but didn't have expected keys cacert or ca.crt; found: ${keysOf(d)}`);
  }
}

function keysOf(d: Readonly<Record<string, string>>): string {
  const keys = Object.keys(d).sort();
  return keys.length < 3 ? keys.join(', ') : `${keys.slice(0, 3).join(', ')}, and ${keys.length - 3} more...`;
}

/** Istio's SDS resource suffix for a credential's CA (credentials.SdsCaSuffix). */
export const CA_SUFFIX = '-cacert';
